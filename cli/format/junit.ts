import type { ScanReport } from '../../shared/app/scan.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { resourceLabel } from './order.ts';

export function xml(text: string): string {
  // Also drops characters XML 1.0 cannot carry at all.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/**
 * JUnit XML for CI systems: one test suite per rule, one test case per evaluated resource;
 * NON_COMPLIANT is a failure, ERROR an error, NOT_APPLICABLE skipped.
 */
export function formatJunit(report: ScanReport): string {
  const byRule = new Map<string, Evaluation[]>();
  for (const e of report.evaluations) {
    let list = byRule.get(e.ruleId);
    if (!list) byRule.set(e.ruleId, (list = []));
    list.push(e);
  }
  const s = report.summary;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vigil" tests="${s.evaluations}" failures="${s.byStatus.NON_COMPLIANT}" errors="${s.byStatus.ERROR}" skipped="${s.byStatus.NOT_APPLICABLE}">`,
  ];
  for (const [ruleId, evaluations] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const count = (status: string): number => evaluations.filter((e) => e.status === status).length;
    out.push(
      `  <testsuite name="${xml(ruleId)}" tests="${evaluations.length}" failures="${count('NON_COMPLIANT')}" errors="${count('ERROR')}" skipped="${count('NOT_APPLICABLE')}">`,
    );
    for (const e of evaluations) {
      const name = xml(`${e.resourceType} ${resourceLabel(e)} (${e.accountId}/${e.region})`);
      const open = `    <testcase classname="${xml(ruleId)}" name="${name}">`;
      if (e.status === 'COMPLIANT') out.push(`    <testcase classname="${xml(ruleId)}" name="${name}"/>`);
      else if (e.status === 'NON_COMPLIANT')
        out.push(open, `      <failure type="${e.severity}" message="${xml(e.reason)}"/>`, '    </testcase>');
      else if (e.status === 'ERROR') out.push(open, `      <error message="${xml(e.reason)}"/>`, '    </testcase>');
      else out.push(open, `      <skipped message="${xml(e.reason)}"/>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
