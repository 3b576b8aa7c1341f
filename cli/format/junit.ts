import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { resourceLabel } from './order.ts';
import type { ReportContext, ReportWriter } from './writer.ts';

export function xml(text: string): string {
  // Also drops characters XML 1.0 cannot carry at all.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/**
 * JUnit XML for CI systems: one test suite per rule, one test case per evaluated resource;
 * NON_COMPLIANT is a failure, ERROR an error, NOT_APPLICABLE skipped. A suite's counts come
 * before its cases, so evaluations are kept (grouped by rule) until the end; each suite is
 * written as its own chunk.
 */
export function junitWriter(context: ReportContext): ReportWriter {
  const byRule = new Map<string, Evaluation[]>();
  return {
    evaluation(e) {
      let list = byRule.get(e.ruleId);
      if (!list) byRule.set(e.ruleId, (list = []));
      list.push(e);
    },
    end(s) {
      const { out } = context;
      out.write(
        `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vigil" tests="${s.evaluations}" failures="${s.byStatus.NON_COMPLIANT}" errors="${s.byStatus.ERROR}" skipped="${s.byStatus.NOT_APPLICABLE}">\n`,
      );
      for (const ruleId of [...byRule.keys()].sort()) {
        const evaluations = byRule.get(ruleId) ?? [];
        byRule.delete(ruleId);
        const count = { NON_COMPLIANT: 0, ERROR: 0, NOT_APPLICABLE: 0, COMPLIANT: 0 };
        for (const e of evaluations) count[e.status]++;
        const lines = [
          `  <testsuite name="${xml(ruleId)}" tests="${evaluations.length}" failures="${count.NON_COMPLIANT}" errors="${count.ERROR}" skipped="${count.NOT_APPLICABLE}">`,
        ];
        for (const e of evaluations) {
          const name = xml(`${e.resourceType} ${resourceLabel(e)} (${e.accountId}/${e.region})`);
          const open = `    <testcase classname="${xml(ruleId)}" name="${name}">`;
          if (e.status === 'COMPLIANT') lines.push(`    <testcase classname="${xml(ruleId)}" name="${name}"/>`);
          else if (e.status === 'NON_COMPLIANT') lines.push(open, `      <failure type="${e.severity}" message="${xml(e.reason)}"/>`, '    </testcase>');
          else if (e.status === 'ERROR') lines.push(open, `      <error message="${xml(e.reason)}"/>`, '    </testcase>');
          else lines.push(open, `      <skipped message="${xml(e.reason)}"/>`, '    </testcase>');
        }
        lines.push('  </testsuite>');
        out.write(`${lines.join('\n')}\n`);
      }
      out.write('</testsuites>\n');
    },
  };
}
