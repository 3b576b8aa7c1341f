import * as z from '../zod.ts';
import { EvaluationStatus, type Evaluation } from './evaluation.ts';
import type { ResourceKey } from './resource.ts';
import { Severity } from './severity.ts';
import { suppressionRefSchema, type SuppressionRef } from './suppression.ts';

/**
 * A finding as the store records it (the `RULE#` item's own fields, without keys and
 * bookkeeping): one schema for every reader of stored findings (the store, the API's queries,
 * notify's stream images), so a field added on write is read the same way everywhere.
 */
export const storedFindingSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.optional(z.string()),
  arn: z.optional(z.string()),
  /** The resource's tags, copied onto the finding when they fit (team routing, tag filters, exemptions). */
  tags: z.optional(z.record(z.string(), z.string())),
  ruleId: z.string(),
  status: z.enum(EvaluationStatus),
  severity: z.enum(Severity),
  reason: z.string(),
  suppression: z.optional(suppressionRefSchema),
  firstSeenAt: z.string(),
  lastChangedAt: z.string(),
  lastEvaluatedAt: z.string(),
  configurationStateId: z.number(),
});

/** An evaluation about to be recorded, with the suppression that matched it, if any. */
export interface FindingInput extends Evaluation {
  readonly suppression?: SuppressionRef | undefined;
}

/** The recorded state of one rule on one resource (the store's `RULE#` item). */
export interface Finding extends ResourceKey {
  readonly ruleId: string;
  readonly resourceName?: string | undefined;
  readonly status: EvaluationStatus;
  readonly severity: Severity;
  readonly reason: string;
  readonly suppression?: SuppressionRef | undefined;
  /** When the finding was first recorded. */
  readonly firstSeenAt: string;
  /** When the status last changed. */
  readonly lastChangedAt: string;
  /**
   * When the recorded state was computed. Re-evaluations that change nothing are deliberately
   * not written (that is what keeps steady state free), so this is the last evaluation that
   * changed status, severity, reason or suppression, not the last evaluation run.
   */
  readonly lastEvaluatedAt: string;
  /** The configurationStateId of the resource configuration the verdict was computed from. */
  readonly configurationStateId: number;
}

/** A status or suppression change of one finding, as recorded in its history. */
export interface Transition extends ResourceKey {
  readonly ruleId: string;
  /** Undefined for a finding recorded for the first time. */
  readonly from: EvaluationStatus | undefined;
  readonly to: EvaluationStatus;
  readonly severity: Severity;
  readonly reason: string;
  readonly suppressed: boolean;
  readonly at: string;
}
