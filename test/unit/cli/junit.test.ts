import { describe, expect, it } from 'vitest';
import type { ScanSummary } from '../../../shared/app/scan.ts';
import type { Evaluation } from '../../../shared/domain/evaluation.ts';
import { junitWriter } from '../../../cli/format/junit.ts';
import { createOutput } from '../../../cli/output.ts';

function evaluation(ruleId: string, resourceId: string, status: Evaluation['status'], reason: string): Evaluation {
  return { ruleId, resourceType: 'AWS::S3::Bucket', resourceId, resourceName: undefined, accountId: '111122223333', region: 'eu-west-1', status, severity: 'high', reason, equivalents: {} };
}

describe('junitWriter', () => {
  it('writes one suite per rule, in rule order, with its counts before its cases, each case in the order evaluated', async () => {
    // Prepare: two rules' evaluations interleaved, every status, text that XML must escape.
    const evaluations = [
      evaluation('s3-b', 'logs', 'COMPLIANT', 'fine'),
      evaluation('s3-a', 'logs', 'NON_COMPLIANT', 'Bucket <logs> is "public" & open'),
      evaluation('s3-b', 'data\u0001', 'ERROR', 'Rule failed: boom'),
      evaluation('s3-a', 'data\u0001', 'NOT_APPLICABLE', 'was deleted'),
      evaluation('s3-a', 'web', 'COMPLIANT', 'fine'),
    ];
    const chunks: Buffer[] = [];
    const out = createOutput({ write: (chunk) => chunks.push(Buffer.from(chunk)) });
    const writer = junitWriter({ out, rules: [], source: { kind: 'stdin' }, color: false, version: 'test' });
    const summary: ScanSummary = {
      resources: 3,
      rules: 2,
      evaluations: 5,
      byStatus: { COMPLIANT: 2, NON_COMPLIANT: 1, ERROR: 1, NOT_APPLICABLE: 1 },
      nonCompliantBySeverity: { critical: 0, high: 1, medium: 0, low: 0, informational: 0 },
      droppedVersions: 0,
    };

    // Act
    for (const e of evaluations) writer.evaluation(e);
    writer.end(summary);
    await out.flush();

    // Assess
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="vigil" tests="5" failures="1" errors="1" skipped="1">',
        '  <testsuite name="s3-a" tests="3" failures="1" errors="0" skipped="1">',
        '    <testcase classname="s3-a" name="AWS::S3::Bucket logs (111122223333/eu-west-1)">',
        '      <failure type="high" message="Bucket &lt;logs&gt; is &quot;public&quot; &amp; open"/>',
        '    </testcase>',
        '    <testcase classname="s3-a" name="AWS::S3::Bucket data (111122223333/eu-west-1)">',
        '      <skipped message="was deleted"/>',
        '    </testcase>',
        '    <testcase classname="s3-a" name="AWS::S3::Bucket web (111122223333/eu-west-1)"/>',
        '  </testsuite>',
        '  <testsuite name="s3-b" tests="2" failures="0" errors="1" skipped="0">',
        '    <testcase classname="s3-b" name="AWS::S3::Bucket logs (111122223333/eu-west-1)"/>',
        '    <testcase classname="s3-b" name="AWS::S3::Bucket data (111122223333/eu-west-1)">',
        '      <error message="Rule failed: boom"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});
