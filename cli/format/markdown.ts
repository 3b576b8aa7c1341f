import { SEVERITIES } from '../../shared/domain/severity.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { isProblem, ProblemOrder, resourceLabel, shortType } from './order.ts';
import { notes } from './table.ts';
import { markdownCell, plural } from './text.ts';
import type { ReportContext, ReportWriter } from './writer.ts';

/** For the rule reference (docs/rules.md), whose text is the catalog's own. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * A Markdown report for pull-request comments and job summaries. Text from the input is
 * escaped: control characters made visible, HTML as entities (a resource name cannot inject a
 * tag or a link), pipes so a cell stays a cell.
 */
export function markdownWriter(context: ReportContext): ReportWriter {
  const problems = new ProblemOrder<Evaluation>();
  return {
    evaluation(e) {
      if (isProblem(e)) problems.add(e, e);
    },
    end(s) {
      const { out } = context;
      out.write(
        [
          '# Vigil scan',
          '',
          `${plural(s.resources, 'resource')} · ${plural(s.rules, 'rule')} · ${plural(s.evaluations, 'evaluation')}`,
          '',
          '| status | count |',
          '|---|---:|',
          ...(['NON_COMPLIANT', 'ERROR', 'COMPLIANT', 'NOT_APPLICABLE'] as const).map((k) => `| ${k} | ${s.byStatus[k]} |`),
          '',
          '| severity | non-compliant |',
          '|---|---:|',
          ...SEVERITIES.map((sev) => `| ${sev} | ${s.nonCompliantBySeverity[sev]} |`),
          '',
          ...notes(s).flatMap((line) => [markdownCell(line), '']),
          '',
        ].join('\n'),
      );
      if (problems.size === 0) {
        out.write('No findings.\n');
        return;
      }
      out.write('## Findings\n\n| severity | rule | resource | account / region | reason |\n|---|---|---|---|---|\n');
      for (const e of problems) {
        out.write(
          `| ${e.status === 'ERROR' ? 'error' : e.severity} | \`${e.ruleId}\` | ${markdownCell(`${shortType(e.resourceType) === 'Account' ? 'Account' : e.resourceType} ${resourceLabel(e)}`)} | ${markdownCell(e.accountId)} / ${markdownCell(e.region)} | ${markdownCell(e.reason)} |\n`,
        );
      }
    },
  };
}
