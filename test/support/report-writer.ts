import type { ScanSummary } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { SEVERITIES, type Severity } from '../../shared/domain/severity.ts';
import type { ReportContext, ReportFormat } from '../../cli/format/writer.ts';
import { createOutput } from '../../cli/output.ts';

/** The summary a scan would give for these evaluations (one resource per resource id). */
export function summaryOf(evaluations: readonly Evaluation[]): ScanSummary {
  const byStatus = { COMPLIANT: 0, NON_COMPLIANT: 0, ERROR: 0, NOT_APPLICABLE: 0 };
  const nonCompliantBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const e of evaluations) {
    byStatus[e.status]++;
    if (e.status === 'NON_COMPLIANT') nonCompliantBySeverity[e.severity]++;
  }
  return {
    resources: new Set(evaluations.map((e) => e.resourceId)).size,
    rules: new Set(evaluations.map((e) => e.ruleId)).size,
    evaluations: evaluations.length,
    byStatus,
    nonCompliantBySeverity,
    droppedVersions: 0,
  };
}

/** The report a format writes for these evaluations, as text (rules and source as given, no colour). */
export async function writeReport(format: ReportFormat, evaluations: readonly Evaluation[], context: Partial<Pick<ReportContext, 'rules' | 'source'>> = {}): Promise<string> {
  const chunks: Buffer[] = [];
  const out = createOutput({ write: (chunk) => chunks.push(Buffer.from(chunk)) });
  const writer = format({ out, rules: context.rules ?? [], source: context.source ?? { kind: 'stdin' }, color: false, version: 'test' });
  for (const e of evaluations) writer.evaluation(e);
  writer.end(summaryOf(evaluations));
  await out.flush();
  return Buffer.concat(chunks).toString('utf8');
}
