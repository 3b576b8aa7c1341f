import type { Evaluation } from '../../shared/domain/evaluation.ts';
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

export function resourceLabel(e: Evaluation): string {
  return e.resourceName && e.resourceName !== e.resourceId ? `${e.resourceName} (${e.resourceId})` : e.resourceId;
}
