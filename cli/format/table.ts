import type { ScanSummary } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { describeUnreadTypes } from '../../shared/config-items/unread-types.ts';
import { SEVERITIES } from '../../shared/domain/severity.ts';
import { isProblem, ProblemOrder, resourceLabel, shortType } from './order.ts';
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

/** What the table keeps of a problem: its row, with the text shown already made visible. */
interface Row {
  readonly resourceId: string;
  readonly severity: string;
  readonly resource: string;
  readonly reason: string;
}

const HEAD = ['SEVERITY', 'RULE', 'RESOURCE', 'REASON'] as const;
const MAX_WIDTH = 60;

/**
 * A terminal table of the problems (NON_COMPLIANT and ERROR), most severe first, then a
 * summary. Only the problems' rows are kept while the scan runs, and the column widths are
 * measured as they come. Text from the input is shown with its control characters escaped (see
 * visible).
 */
export function tableWriter(context: ReportContext): ReportWriter {
  const problems = new ProblemOrder<Row>();
  const paint = (severity: string, text: string): string => (context.color ? `${COLORS[severity] ?? ''}${text}${RESET}` : text);
  const widths = [HEAD[0].length, HEAD[1].length, HEAD[2].length];
  // A resource's evaluations come one after another: its cell is made once for all of them.
  let last: Evaluation | undefined;
  let resource = '';
  return {
    evaluation(e) {
      if (!isProblem(e)) return;
      if (last === undefined || e.resourceId !== last.resourceId || e.resourceType !== last.resourceType || e.resourceName !== last.resourceName) {
        resource = visible(`${shortType(e.resourceType)} ${resourceLabel(e)}`);
        last = e;
      }
      const severity = e.status === 'ERROR' ? 'error' : e.severity;
      widths[0] = Math.max(widths[0] ?? 0, severity.length);
      widths[1] = Math.max(widths[1] ?? 0, e.ruleId.length);
      widths[2] = Math.max(widths[2] ?? 0, resource.length);
      problems.add(e, { resourceId: e.resourceId, severity, resource, reason: visible(e.reason) });
    },
    end(summary) {
      const { out } = context;
      if (problems.size > 0) {
        const [w0, w1, w2] = widths.map((w) => Math.min(MAX_WIDTH, w)) as [number, number, number];
        out.write(`${fit(HEAD[0], w0)}  ${fit(HEAD[1], w1)}  ${fit(HEAD[2], w2)}  ${HEAD[3]}\n`);
        // The severity and rule cells once per rule (an ERROR row's severity cell is "error").
        const severityCells = new Map<string, string>();
        for (const group of problems.groups()) {
          const ruleCell = fit(group.ruleId, w1);
          for (const row of group.problems) {
            let severityCell = severityCells.get(row.severity);
            if (severityCell === undefined) severityCells.set(row.severity, (severityCell = paint(row.severity, fit(row.severity, w0))));
            out.write(`${severityCell}  ${ruleCell}  ${fit(row.resource, w2)}  ${row.reason}\n`);
          }
        }
        out.write('\n');
      }
      out.write(`${summaryLine(summary, paint)}\n`);
      for (const line of notes(summary)) out.write(`${visible(line)}\n`);
    },
  };
}

/** The text in a column of `width`: padded, or cut with an ellipsis. */
function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
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
