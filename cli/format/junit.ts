import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { resourceLabel } from './order.ts';
import type { ReportContext, ReportWriter } from './writer.ts';

// What xml() must change: characters XML 1.0 cannot carry, and the five it escapes. Tested
// first, without the `u` flag: nearly every string is plain text and goes back as it is.
const NEEDS_XML = /[^\t\n\r\u0020-\u0021\u0023-\u0025\u0028-\u003b\u003d\u003f-\uD7FF\uE000-\uFFFD]/;
const ESCAPES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export function xml(text: string): string {
  if (!NEEDS_XML.test(text)) return text;
  // Also drops characters XML 1.0 cannot carry at all.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[<>&'"]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * JUnit XML for CI systems: one test suite per rule, one test case per evaluated resource;
 * NON_COMPLIANT is a failure, ERROR an error, NOT_APPLICABLE skipped. A suite's counts come
 * before its cases, so evaluations are kept (grouped by rule) until the end.
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
        const suite = xml(ruleId);
        // Written case by case (Output gathers them into chunks): a suite can hold 100,000.
        out.write(
          `  <testsuite name="${suite}" tests="${evaluations.length}" failures="${count.NON_COMPLIANT}" errors="${count.ERROR}" skipped="${count.NOT_APPLICABLE}">\n`,
        );
        for (const e of evaluations) {
          const name = xml(`${e.resourceType} ${resourceLabel(e)} (${e.accountId}/${e.region})`);
          if (e.status === 'COMPLIANT') out.write(`    <testcase classname="${suite}" name="${name}"/>\n`);
          else {
            const element = e.status === 'NON_COMPLIANT' ? `failure type="${e.severity}"` : e.status === 'ERROR' ? 'error' : 'skipped';
            out.write(`    <testcase classname="${suite}" name="${name}">\n      <${element} message="${xml(e.reason)}"/>\n    </testcase>\n`);
          }
        }
        out.write('  </testsuite>\n');
      }
      out.write('</testsuites>\n');
    },
  };
}
