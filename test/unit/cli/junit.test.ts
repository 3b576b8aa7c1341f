import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/domain/evaluation.ts';
import { junitWriter } from '../../../cli/format/junit.ts';
import { writeReport } from '../../support/report-writer.ts';

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
    // Act
    const text = await writeReport(junitWriter, evaluations);

    // Assess
    expect(text).toBe(
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
