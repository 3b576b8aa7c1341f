import type { Evaluation, EvaluationStatus } from '../domain/evaluation.ts';
import type { AnyResource } from '../domain/resource.ts';
import { SEVERITIES, type Severity, atOrAbove } from '../domain/severity.ts';
import { evaluate } from '../engine/evaluate.ts';
import { accountResources, buildInventory } from '../engine/inventory.ts';
import { resolveParams, type ParamOverrides } from '../engine/params.ts';
import type { Rule } from '../rules/rule.ts';

export interface ScanSummary {
  readonly resources: number;
  readonly rules: number;
  readonly evaluations: number;
  readonly byStatus: Readonly<Record<EvaluationStatus, number>>;
  /** NON_COMPLIANT evaluations per severity. */
  readonly nonCompliantBySeverity: Readonly<Record<Severity, number>>;
}

export interface ScanReport {
  readonly summary: ScanSummary;
  readonly evaluations: readonly Evaluation[];
}

export interface ScanOptions {
  readonly now: Date;
  readonly params?: ParamOverrides;
}

/**
 * Evaluates an account's resources (a snapshot, or a live read) against a catalog: adds the
 * account pseudo-resources account-level rules need, validates parameters, and summarizes.
 *
 * @throws ParamError when a parameter override is unknown or invalid.
 * @example
 * const report = scanResources(parseSnapshot(bytes, file), catalog, { now: new Date() });
 */
export function scanResources(resources: readonly AnyResource[], catalog: readonly Rule[], options: ScanOptions): ScanReport {
  const params = resolveParams(catalog, options.params);
  const all = [...resources, ...accountResources(resources)];
  const evaluations = evaluate(all, catalog, { now: options.now, params, inventory: buildInventory(all) });
  const byStatus: Record<EvaluationStatus, number> = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0, ERROR: 0 };
  const nonCompliantBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const e of evaluations) {
    byStatus[e.status]++;
    if (e.status === 'NON_COMPLIANT') nonCompliantBySeverity[e.severity]++;
  }
  return {
    summary: { resources: resources.length, rules: catalog.length, evaluations: evaluations.length, byStatus, nonCompliantBySeverity },
    evaluations,
  };
}

/** True when a NON_COMPLIANT evaluation is at or above the threshold (the `--fail-on` gate). */
export function failsGate(report: ScanReport, threshold: Severity): boolean {
  return report.evaluations.some((e) => e.status === 'NON_COMPLIANT' && atOrAbove(e.severity, threshold));
}
