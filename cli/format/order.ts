import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { ACCOUNT_RESOURCE_TYPE } from '../../shared/domain/resource.ts';
import { SEVERITIES, severityRank } from '../../shared/domain/severity.ts';

const RANK: Readonly<Record<string, number>> = Object.fromEntries(SEVERITIES.map((s) => [s, severityRank(s)]));

/** Code-unit order: stable across locales, and far cheaper than localeCompare on 100,000 rows. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems first: most severe first, then by rule and resource, so output is stable. */
export function problemsFirst(evaluations: readonly Evaluation[]): Evaluation[] {
  return evaluations
    .filter((e) => e.status === 'NON_COMPLIANT' || e.status === 'ERROR')
    .sort(
      (a, b) =>
        (RANK[a.severity] ?? 0) - (RANK[b.severity] ?? 0) || compareText(a.ruleId, b.ruleId) || compareText(a.resourceId, b.resourceId),
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
