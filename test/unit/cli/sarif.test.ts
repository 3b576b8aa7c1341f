import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/domain/evaluation.ts';
import { sarifWriter } from '../../../cli/format/sarif.ts';
import { writeReport } from '../../support/report-writer.ts';
import { catalog } from '../../../shared/rules/index.ts';

function evaluation(ruleId: string, severity: Evaluation['severity'], resource: Pick<Evaluation, 'resourceId' | 'resourceName'>, status: Evaluation['status'], reason: string): Evaluation {
  return { ruleId, resourceType: 'AWS::S3::Bucket', ...resource, accountId: '111122223333', region: 'eu-west-1', status, severity, reason, equivalents: {} };
}

async function sarifOf(evaluations: readonly Evaluation[]) {
  const rules = catalog.filter((r) => r.id === 's3-bucket-versioning-enabled' || r.id === 's3-bucket-ssl-requests-only');
  const source = { kind: 'file', path: 'snap shot.json', absolutePath: '/data/snap shot.json' } as const;
  return JSON.parse(await writeReport(sarifWriter, evaluations, { rules, source }));
}

describe('sarifWriter', () => {
  it('locates each finding at its resource, fingerprints it by resource and rule, and reports rule errors as notifications', async () => {
    // Prepare: two resources, one with JSON-hostile characters in its id and name; findings of
    // two rules interleaved by resource, and rule errors, which are not findings.
    const odd = { resourceId: 'logs-"q"\\\u2028é', resourceName: 'Logs "prod"' };
    const web = { resourceId: 'web', resourceName: undefined };
    const sarif = await sarifOf([
      evaluation('s3-bucket-versioning-enabled', 'medium', odd, 'NON_COMPLIANT', 'Versioning "off"'),
      evaluation('s3-bucket-ssl-requests-only', 'high', odd, 'NON_COMPLIANT', 'No TLS policy'),
      evaluation('s3-bucket-ssl-requests-only', 'high', web, 'ERROR', 'Rule failed: boom'),
      evaluation('s3-bucket-versioning-enabled', 'medium', web, 'COMPLIANT', 'fine'),
      evaluation('s3-bucket-ssl-requests-only', 'high', { resourceId: 'a-first', resourceName: undefined }, 'NON_COMPLIANT', 'No TLS policy either'),
      evaluation('s3-bucket-versioning-enabled', 'medium', { resourceId: 'z', resourceName: undefined }, 'ERROR', 'Rule failed: bang'),
    ]);

    // Assert: findings most severe first, then by resource; errors only as notifications.
    const run = sarif.runs[0];
    const results = run.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: unknown; logicalLocations: { fullyQualifiedName: string; name: string }[] }[]; partialFingerprints: { vigilFinding: string } }[];
    expect(results.map((r) => [r.ruleId, r.level, r.message.text])).toEqual([
      ['s3-bucket-ssl-requests-only', 'error', 'No TLS policy either'],
      ['s3-bucket-ssl-requests-only', 'error', 'No TLS policy'],
      ['s3-bucket-versioning-enabled', 'warning', 'Versioning "off"'],
    ]);
    const oddKey = `111122223333/eu-west-1/AWS::S3::Bucket/${odd.resourceId}`;
    expect(results[1]?.locations[0]?.logicalLocations[0]).toEqual({ fullyQualifiedName: oddKey, name: `Logs "prod" (${odd.resourceId})`, kind: 'resource' });
    expect(results[1]?.partialFingerprints.vigilFinding).toBe(`${oddKey}/s3-bucket-ssl-requests-only`);
    expect(results[2]?.partialFingerprints.vigilFinding).toBe(`${oddKey}/s3-bucket-versioning-enabled`);
    expect(results[0]?.partialFingerprints.vigilFinding).toBe('111122223333/eu-west-1/AWS::S3::Bucket/a-first/s3-bucket-ssl-requests-only');
    expect(results[0]?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'file:///data/snap%20shot.json', index: 0 } });
    expect(run.tool.driver.rules[results[0]?.ruleIndex ?? -1].id).toBe('s3-bucket-ssl-requests-only');
    expect(run.invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: 'Rule failed: boom' }, descriptor: { id: 's3-bucket-ssl-requests-only' } },
        { level: 'error', message: { text: 'Rule failed: bang' }, descriptor: { id: 's3-bucket-versioning-enabled' } },
      ],
    });
  });
});
