import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { ACCOUNT_RESOURCE_TYPE } from '../../shared/domain/resource.ts';
import { severityRank } from '../../shared/domain/severity.ts';

/** Problems first: most severe first, then by rule and resource, so output is stable. */
export function problemsFirst(evaluations: readonly Evaluation[]): Evaluation[] {
  return evaluations
    .filter((e) => e.status === 'NON_COMPLIANT' || e.status === 'ERROR')
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.resourceId.localeCompare(b.resourceId),
    );
}

export function isProblem(e: Evaluation): boolean {
  return e.status === 'NON_COMPLIANT' || e.status === 'ERROR';
}

/**
 * How a resource is named in tables: its name, with its id when the id says something more
 * (`web (sg-0a1b…)`); ARNs and queue URLs only repeat the name, so they are left out.
 */
export function resourceLabel(e: Evaluation): string {
  if (!e.resourceName || e.resourceName === e.resourceId) return e.resourceId;
  if (/^(arn:|https:\/\/)/.test(e.resourceId)) return e.resourceName;
  return `${e.resourceName} (${e.resourceId})`;
}

/** `DynamoDB::Table`, and `Account` for the account itself (not its raw `AWS::::Account`). */
export function shortType(resourceType: string): string {
  return resourceType === ACCOUNT_RESOURCE_TYPE ? 'Account' : resourceType.replace(/^AWS::/, '');
}
