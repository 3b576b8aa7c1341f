import type { Severity } from './severity.ts';

/** What a rule may answer for one resource. */
export const VerdictStatus = {
  COMPLIANT: 'COMPLIANT',
  NON_COMPLIANT: 'NON_COMPLIANT',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
} as const;
export type VerdictStatus = (typeof VerdictStatus)[keyof typeof VerdictStatus];

/** What the engine records: a rule's verdict, or ERROR when the rule itself failed. */
export const EvaluationStatus = { ...VerdictStatus, ERROR: 'ERROR' } as const;
export type EvaluationStatus = (typeof EvaluationStatus)[keyof typeof EvaluationStatus];

export interface Verdict {
  readonly status: VerdictStatus;
  /** Names the resource and the offending value; at most 256 characters (AWS Config's annotation limit). */
  readonly reason: string;
}

/** Independent references whose verdicts this rule reproduces under the same parameters. */
export interface Equivalents {
  /** AWS Config managed rule identifier, claimed only where the semantics agree. */
  readonly awsConfigRule?: string;
  /** Security Hub Foundational Security Best Practices control ids, e.g. `DynamoDB.2`. */
  readonly fsbp?: readonly string[];
  /** Prowler check id. */
  readonly prowler?: string;
}

export interface Evaluation {
  readonly ruleId: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName: string | undefined;
  readonly accountId: string;
  readonly region: string;
  readonly status: EvaluationStatus;
  readonly severity: Severity;
  readonly reason: string;
  readonly equivalents: Equivalents;
  /** Ordering of the configuration the verdict was computed from (Config's configurationStateId). */
  readonly configurationStateId?: number | undefined;
}

export const MAX_REASON_LENGTH = 256;
