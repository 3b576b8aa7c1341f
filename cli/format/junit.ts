import type { Evaluation, EvaluationStatus } from '../../shared/domain/evaluation.ts';
import { resourceLabel } from './order.ts';
import { createSpool, type Spool } from './spool.ts';
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

/** A rule's test cases, written as they come, and their counts. */
interface Suite {
  /** The rule id, escaped. */
  readonly classname: string;
  readonly cases: Spool;
  readonly count: Record<EvaluationStatus, number>;
}

/**
 * JUnit XML for CI systems: one test suite per rule, one test case per evaluated resource;
 * NON_COMPLIANT is a failure, ERROR an error, NOT_APPLICABLE skipped. A suite's counts come
 * before its cases, so each rule's cases are kept until the end, written out already, as bytes
 * outside the heap (see Spool): holding the evaluations made a large scan's JUnit report the
 * slowest of its formats.
 */
export function junitWriter(context: ReportContext): ReportWriter {
  const byRule = new Map<string, Suite>();
  // A resource's evaluations come one after another: its case name is made once for them all.
  let last: Evaluation | undefined;
  let name = '';
  return {
    evaluation(e) {
      let suite = byRule.get(e.ruleId);
      if (!suite) byRule.set(e.ruleId, (suite = { classname: xml(e.ruleId), cases: createSpool(), count: { NON_COMPLIANT: 0, ERROR: 0, NOT_APPLICABLE: 0, COMPLIANT: 0 } }));
      suite.count[e.status]++;
      const { classname } = suite;
      if (last === undefined || e.resourceId !== last.resourceId || e.resourceType !== last.resourceType || e.accountId !== last.accountId || e.region !== last.region || e.resourceName !== last.resourceName) {
        last = e;
        name = xml(`${e.resourceType} ${resourceLabel(e)} (${e.accountId}/${e.region})`);
      }
      if (e.status === 'COMPLIANT') suite.cases.write(`    <testcase classname="${classname}" name="${name}"/>\n`);
      else {
        const element = e.status === 'NON_COMPLIANT' ? `failure type="${e.severity}"` : e.status === 'ERROR' ? 'error' : 'skipped';
        suite.cases.write(`    <testcase classname="${classname}" name="${name}">\n      <${element} message="${xml(e.reason)}"/>\n    </testcase>\n`);
      }
    },
    end(s) {
      const { out } = context;
      out.write(
        `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vigil" tests="${s.evaluations}" failures="${s.byStatus.NON_COMPLIANT}" errors="${s.byStatus.ERROR}" skipped="${s.byStatus.NOT_APPLICABLE}">\n`,
      );
      for (const ruleId of [...byRule.keys()].sort()) {
        const suite = byRule.get(ruleId);
        byRule.delete(ruleId);
        if (!suite) continue;
        const { count } = suite;
        const tests = count.COMPLIANT + count.NON_COMPLIANT + count.ERROR + count.NOT_APPLICABLE;
        out.write(
          `  <testsuite name="${suite.classname}" tests="${tests}" failures="${count.NON_COMPLIANT}" errors="${count.ERROR}" skipped="${count.NOT_APPLICABLE}">\n`,
        );
        for (const chunk of suite.cases.chunks()) out.writeBytes(chunk);
        out.write('  </testsuite>\n');
      }
      out.write('</testsuites>\n');
    },
  };
}
