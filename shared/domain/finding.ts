import type { Evaluation, EvaluationStatus } from './evaluation.ts';
import type { ResourceKey } from './resource.ts';
import type { Severity } from './severity.ts';
import type { SuppressionRef } from './suppression.ts';

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
