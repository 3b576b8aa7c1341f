import type { ScanSummary } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { describeUnreadTypes } from '../../shared/config-items/unread-types.ts';
import { SEVERITIES } from '../../shared/domain/severity.ts';
import { isProblem, problemsFirst, resourceLabel, shortType } from './order.ts';
import { plural, visible } from './text.ts';
import type { ReportContext, ReportWriter } from './writer.ts';

const COLORS: Record<string, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  informational: '\u001b[2m',
};
const RESET = '\u001b[0m';

/**
 * A terminal table of the problems (NON_COMPLIANT and ERROR), most severe first, then a
 * summary. Only the problems are kept while the scan runs. Text from the input is shown with
 * its control characters escaped (see visible).
 */
export function tableWriter(context: ReportContext): ReportWriter {
  const problems: Evaluation[] = [];
  const paint = (severity: string, text: string): string => (context.color ? `${COLORS[severity] ?? ''}${text}${RESET}` : text);
  return {
    evaluation(e) {
      if (isProblem(e)) problems.push(e);
    },
    end(summary) {
      const { out } = context;
      const sorted = problemsFirst(problems);
      if (sorted.length > 0) {
        const rows = sorted.map((e) => [
          e.status === 'ERROR' ? 'error' : e.severity,
          e.ruleId,
          visible(`${shortType(e.resourceType)} ${resourceLabel(e)}`),
          visible(e.reason),
        ]);
        const head = ['SEVERITY', 'RULE', 'RESOURCE', 'REASON'];
        const widths = [0, 1, 2].map((i) => {
          let width = head[i]?.length ?? 0;
          for (const row of rows) width = Math.max(width, row[i]?.length ?? 0);
          return Math.min(60, width);
        });
        const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
        out.write(`${head.map((h, i) => (i < 3 ? fit(h, widths[i] ?? 0) : h)).join('  ')}\n`);
        for (const [severity = '', rule = '', resource = '', reason = ''] of rows) {
          out.write(`${paint(severity, fit(severity, widths[0] ?? 0))}  ${fit(rule, widths[1] ?? 0)}  ${fit(resource, widths[2] ?? 0)}  ${reason}\n`);
        }
        out.write('\n');
      }
      out.write(`${summaryLine(summary, paint)}\n`);
      for (const line of notes(summary)) out.write(`${visible(line)}\n`);
    },
  };
}

export function summaryLine(s: ScanSummary, paint: (severity: string, text: string) => string = (_s, t) => t): string {
  const bySeverity = SEVERITIES.filter((sev) => s.nonCompliantBySeverity[sev] > 0)
    .map((sev) => paint(sev, `${s.nonCompliantBySeverity[sev]} ${sev}`))
    .join(', ');
  return (
    `${plural(s.resources, 'resource')}, ${plural(s.rules, 'rule')}, ${plural(s.evaluations, 'evaluation')}: ` +
    `${s.byStatus.NON_COMPLIANT} non-compliant${bySeverity ? ` (${bySeverity})` : ''}, ` +
    `${s.byStatus.COMPLIANT} compliant, ${s.byStatus.NOT_APPLICABLE} not applicable, ${plural(s.byStatus.ERROR, 'error')}.`
  );
}

/** What the summary adds below its line: rules skipped and why, types no rule reads. */
export function notes(summary: ScanSummary): string[] {
  const out: string[] = [];
  if (summary.skipped) out.push(skippedLine(summary.skipped));
  const unread = describeUnreadTypes(summary.unreadTypes);
  if (unread) out.push(unread);
  return out;
}

/** The summary's "skipped" line: which rules did not run, why, and how to run them. */
export function skippedLine(skipped: { readonly ruleIds: readonly string[]; readonly reason: string }): string {
  const n = skipped.ruleIds.length;
  return (
    `Skipped ${n} rule${n === 1 ? '' : 's'} (${skipped.ruleIds.join(', ')}): ${skipped.reason}; ` +
    'pass --complete if it is the whole account (a Config snapshot file and --live are).'
  );
}
