/**
 * `vigil local` end to end, driven only through what a user has: the process, its stdout, the
 * AWS SDK pointed at the Invoke API (as `aws lambda invoke --endpoint-url` is), and Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvent } from '../support/config-events.ts';
import { isRunning, REPO, startVigilLocal, type LocalProcess } from '../support/local-process.ts';

const demo = JSON.parse(readFileSync(join(REPO, 'examples', 'demo-account.json'), 'utf8')) as { configurationItems: Record<string, unknown>[] };
const demoItem = (resourceType: string, resourceId: string): Record<string, unknown> => {
  const item = demo.configurationItems.find((i) => i['resourceType'] === resourceType && i['resourceId'] === resourceId);
  if (!item) throw new Error(`demo account has no ${resourceType} ${resourceId}`);
  return structuredClone(item);
};
const decode = (payload: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(payload));
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('vigil local: runtime and Lambda Invoke API', () => {
  let local: LocalProcess;
  let lambda: LambdaClient;

  beforeAll(async () => {
    local = await startVigilLocal(['--no-story', '--visibility-timeout', '1']);
    lambda = new LambdaClient({ endpoint: local.ready.invoke, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    lambda?.destroy();
    if (local && local.child.exitCode === null) await local.interrupt();
  });

  it('prints a JSON ready line first, with loopback URLs, then says there is no auth', async () => {
    // Act
    const notice = await local.waitForLine((line) => /authentication/i.test(line), 1);
    // Assess
    expect(local.ready).toMatchObject({ event: 'ready', auth: 'none', stage: 'local', source: 'demo', table: 'vigil-local-findings' });
    for (const url of [local.ready.api, local.ready.dashboard, local.ready.invoke]) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(notice).toMatch(/No authentication.*127\.0\.0\.1 only/);
  });

  it('evaluates a Config change event fed to evaluate, answering the SQS batch response', async () => {
    // Prepare: the demo's orders table loses point-in-time recovery.
    const item = demoItem('AWS::DynamoDB::Table', 'orders');
    item['configurationStateId'] = Date.now();
    item['configurationItemCaptureTime'] = new Date().toISOString();
    item['supplementaryConfiguration'] = { ContinuousBackupsDescription: { continuousBackupsStatus: 'DISABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } } };
    // Act
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: encode(changeEvent(item)) }));
    // Assess
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(decode(out.Payload)).toEqual({ batchItemFailures: [] });
  });

  it('answers Event 202 and DryRun 204, under the short and the deployed name', async () => {
    // Act
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-sweep', InvocationType: 'Event', Payload: encode({}) }));
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', InvocationType: 'DryRun', Payload: encode({}) }));
    // Assess
    expect(event.StatusCode).toBe(202);
    expect(dryRun.StatusCode).toBe(204);
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    // Act
    const attempt = lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-nope', Payload: encode({}) }));
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('reports a malformed event as a batch item failure: it stays queued for retries, not lost', async () => {
    // Act
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: encode({ hello: 'world' }) }));
    // Assess
    const answer = decode(out.Payload) as { batchItemFailures: { itemIdentifier: string }[] };
    expect(out.FunctionError).toBeUndefined();
    expect(answer.batchItemFailures).toHaveLength(1);
  });

  it('moves a message that fails 5 receives to the dead-letter queue and says so', async () => {
    // Act: the malformed event above fails every receive (visibility timeout 1 s here).
    const dead = await local.waitForStderr(/moved to the dead-letter queue/);
    // Assess
    expect(dead).toMatch(/failed 5 receives/);
  });

  it('stops on Ctrl-C, leaving no process behind', async () => {
    // Act
    const code = await local.interrupt();
    // Assess
    expect(code).toBe(0);
    expect(isRunning(local.ready.pid)).toBe(false);
  });
});
