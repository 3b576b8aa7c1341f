import type { ScanReport } from '../../shared/app/scan.ts';
import { SEVERITIES } from '../../shared/domain/severity.ts';
import { problemsFirst, resourceLabel } from './order.ts';
import { describeUnreadTypes } from '../../shared/config-items/unread-types.ts';
import { skippedLine } from './table.ts';

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown report for pull-request comments and job summaries. */
export function formatMarkdown(report: ScanReport): string {
  const s = report.summary;
  const lines = [
    '# Vigil scan',
    '',
    `${s.resources} resources · ${s.rules} rules · ${s.evaluations} evaluations`,
    '',
    '| status | count |',
    '|---|---:|',
    ...(['NON_COMPLIANT', 'ERROR', 'COMPLIANT', 'NOT_APPLICABLE'] as const).map((k) => `| ${k} | ${s.byStatus[k]} |`),
    '',
    '| severity | non-compliant |',
    '|---|---:|',
    ...SEVERITIES.map((sev) => `| ${sev} | ${s.nonCompliantBySeverity[sev]} |`),
    '',
    ...(s.skipped ? [skippedLine(s.skipped), ''] : []),
    ...(s.unreadTypes ? [describeUnreadTypes(s.unreadTypes), ''] : []),
  ];
  const problems = problemsFirst(report.evaluations);
  if (problems.length > 0) {
    lines.push('## Findings', '', '| severity | rule | resource | account / region | reason |', '|---|---|---|---|---|');
    for (const e of problems) {
      lines.push(
        `| ${e.status === 'ERROR' ? 'error' : e.severity} | \`${e.ruleId}\` | ${escapeCell(`${e.resourceType} ${resourceLabel(e)}`)} | ${e.accountId} / ${e.region} | ${escapeCell(e.reason)} |`,
      );
    }
  } else {
    lines.push('No findings.');
  }
  return `${lines.join('\n')}\n`;
}
