import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemOrder } from '../../../cli/format/order.ts';
import { SEVERITIES, severityRank } from '../../../shared/domain/severity.ts';

interface Problem {
  readonly severity: (typeof SEVERITIES)[number];
  readonly ruleId: string;
  readonly resourceId: string;
  readonly arrival: number;
}

/** The order a report lists problems in, as one sort: most severe first, then rule id, then resource id (code units), ties as they came. */
function expectedOrder(problems: readonly Problem[]): Problem[] {
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...problems].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || text(a.ruleId, b.ruleId) || text(a.resourceId, b.resourceId) || a.arrival - b.arrival,
  );
}

describe('ProblemOrder', () => {
  it('lists problems most severe first, then by rule and resource, ties in the order they came', () => {
    // Few rule and resource ids, so that groups and ties are common; ids that differ only in case
    // or by a non-ASCII character check the code-unit order.
    const problem = fc.record({
      severity: fc.constantFrom(...SEVERITIES),
      ruleId: fc.constantFrom('s3-bucket-versioning-enabled', 'S3-upper', 'ec2-volume-attached', 'é-rule', 'a'),
      resourceId: fc.constantFrom('sg-1', 'sg-10', 'sg-2', 'Bucket', 'bucket', 'ü', ''),
    });
    fc.assert(
      fc.property(fc.array(problem, { maxLength: 60 }), (drawn) => {
        const problems = drawn.map((p, arrival) => ({ ...p, arrival }));
        const order = new ProblemOrder<Problem>();
        for (const p of problems) order.add(p, p);
        expect(order.size).toBe(problems.length);
        expect([...order]).toEqual(expectedOrder(problems));
        // The groups hold the same problems, one rule of one severity each.
        const grouped = [...order.groups()].flatMap((g) => g.problems.map((p) => [g.severity, g.ruleId, p] as const));
        expect(grouped.every(([severity, ruleId, p]) => p.severity === severity && p.ruleId === ruleId)).toBe(true);
        expect(grouped.map(([, , p]) => p)).toEqual(expectedOrder(problems));
      }),
      { numRuns: 500 },
    );
  });
});
