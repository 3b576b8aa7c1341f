import type { ScanReport } from '../../shared/app/scan.ts';
import { describeUnreadTypes } from '../../shared/config-items/unread-types.ts';
import { SEVERITIES } from '../../shared/domain/severity.ts';
import { problemsFirst, resourceLabel } from './order.ts';

const COLORS: Record<string, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  informational: '\u001b[2m',
};
const RESET = '\u001b[0m';

/** A terminal table of the problems (NON_COMPLIANT and ERROR), most severe first, then a summary. */
export function formatTable(report: ScanReport, options: { color: boolean; width?: number }): string {
  const paint = (severity: string, text: string): string => (options.color ? `${COLORS[severity] ?? ''}${text}${RESET}` : text);
  const problems = problemsFirst(report.evaluations);
  const lines: string[] = [];
  if (problems.length > 0) {
    const rows = problems.map((e) => [
      e.status === 'ERROR' ? 'error' : e.severity,
      e.ruleId,
      `${e.resourceType.replace(/^AWS::/, '')} ${resourceLabel(e)}`,
      e.reason,
    ]);
    const head = ['SEVERITY', 'RULE', 'RESOURCE', 'REASON'];
    const widths = [0, 1, 2].map((i) => Math.min(60, Math.max(head[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0))));
    const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
    lines.push(head.map((h, i) => (i < 3 ? fit(h, widths[i] ?? 0) : h)).join('  '));
    for (const row of rows) {
      const [severity = '', ...rest] = row;
      const cells = [paint(severity, fit(severity, widths[0] ?? 0)), fit(rest[0] ?? '', widths[1] ?? 0), fit(rest[1] ?? '', widths[2] ?? 0), rest[2] ?? ''];
      lines.push(cells.join('  '));
    }
    lines.push('');
  }
  const s = report.summary;
  const bySeverity = SEVERITIES.filter((sev) => s.nonCompliantBySeverity[sev] > 0)
    .map((sev) => paint(sev, `${s.nonCompliantBySeverity[sev]} ${sev}`))
    .join(', ');
  lines.push(
    `${s.resources} resources, ${s.rules} rules, ${s.evaluations} evaluations: ` +
      `${s.byStatus.NON_COMPLIANT} non-compliant${bySeverity ? ` (${bySeverity})` : ''}, ` +
      `${s.byStatus.COMPLIANT} compliant, ${s.byStatus.NOT_APPLICABLE} not applicable, ${s.byStatus.ERROR} errors.`,
  );
  if (s.skipped) lines.push(skippedLine(s.skipped));
  const unread = describeUnreadTypes(s.unreadTypes);
  if (unread) lines.push(unread);
  return `${lines.join('\n')}\n`;
}

/** The summary's "skipped" line: which rules did not run, why, and how to run them. */
export function skippedLine(skipped: { readonly ruleIds: readonly string[]; readonly reason: string }): string {
  const n = skipped.ruleIds.length;
  return (
    `Skipped ${n} rule${n === 1 ? '' : 's'} (${skipped.ruleIds.join(', ')}): ${skipped.reason}; ` +
    'pass --complete if it is the whole account (a Config snapshot file and --live are).'
  );
}
