import { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvaluationQueue, evaluationQueueIamActions } from '../../shared/adapters/sqs-evaluation-queue.ts';
import { parseEvaluationMessage } from '../../shared/app/evaluation-message.ts';
import type { AnyResource, ResourceKey } from '../../shared/domain/resource.ts';
import { startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';
import { createLoopbackQueue, type LoopbackQueue } from '../support/loopback-sqs.ts';

const keys = (n: number): ResourceKey[] =>
  Array.from({ length: n }, (_, i) => ({ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: `assets-${i}` }));

describe('SQS evaluation queue (loopback SQS, real SDK client)', () => {
  let aws: LoopbackAws | undefined;
  let sqs: LoopbackQueue;
  const start = async () => {
    sqs = createLoopbackQueue();
    aws = await startLoopbackAws(sqs.handlers);
    return createEvaluationQueue({ client: new SQSClient(testClientConfig(aws.endpoint)), queueUrl: `${aws.endpoint}/111122223333/vigil-prod-evaluation`, retryDelayMs: 0 });
  };
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  it('sends keys 100 a message and 10 messages a call, as messages the evaluate function reads back', async () => {
    // Prepare
    const queue = await start();

    // Act
    await queue.enqueue(keys(2_450), { source: 'config', correlationId: 'sweep-7f3a' });

    // Assess
    expect(sqs.batchSizes).toEqual([10, 10, 5]);
    const messages = sqs.bodies.map((b) => parseEvaluationMessage(b));
    expect(messages.map((m) => (m.kind === 'evaluate' ? m.keys.length : 0))).toEqual([...Array(24).fill(100), 50]);
    expect(messages[24]).toMatchObject({ kind: 'evaluate', source: 'config', correlationId: 'sweep-7f3a' });
    expect(messages.flatMap((m) => (m.kind === 'evaluate' ? m.keys.map((k) => k.resourceId) : []))).toEqual(keys(2_450).map((k) => k.resourceId));
  });

  it('packs observed resources into messages and calls of at most 256 KiB', async () => {
    // Prepare: 400 log groups of ~3 KB each (1.2 MB in all).
    const queue = await start();
    const resources: AnyResource[] = Array.from({ length: 400 }, (_, i) => ({
      accountId: '111122223333',
      region: 'eu-west-1',
      resourceType: 'AWS::Logs::LogGroup',
      resourceId: `/aws/lambda/fn-${i}`,
      status: 'OK',
      captureTime: '2026-11-22T03:00:00.000Z',
      configurationStateId: 1_795_316_400_000,
      tags: {},
      relationships: [],
      model: { logGroupName: `/aws/lambda/fn-${i}`, retentionInDays: 30, padding: 'x'.repeat(3_000) },
    }));

    // Act
    await queue.enqueueObserved(resources, { correlationId: 'sweep-7f3a' });

    // Assess: the loopback refuses batches over 256 KiB, so getting here means none was.
    expect(sqs.bodies.every((b) => Buffer.byteLength(b) <= 256 * 1024)).toBe(true);
    const messages = sqs.bodies.map((b) => parseEvaluationMessage(b));
    expect(messages.flatMap((m) => (m.kind === 'observed' ? m.resources.map((r) => r.resourceId) : []))).toEqual(resources.map((r) => r.resourceId));
    expect(sqs.bodies.length).toBeGreaterThanOrEqual(5);
  });

  it('sends again the entries SQS failed on its side, with their delay', async () => {
    // Prepare
    const queue = await start();
    sqs.failNext(3);

    // Act
    await queue.enqueue(keys(700), { source: 'store', delaySeconds: 30 });

    // Assess
    expect(sqs.batchSizes).toEqual([7, 3]);
    expect(sqs.bodies).toHaveLength(7);
    expect(sqs.delays).toEqual(Array(7).fill(30));
  });

  it('throws when SQS refuses an entry as the sender\'s fault', async () => {
    // Prepare
    const queue = await start();
    sqs.failNext(1, true);

    // Act + Assess
    await expect(queue.enqueue(keys(10))).rejects.toMatchObject({ name: 'EnqueueError', message: expect.stringContaining('InvalidMessageContents') });
  });

  it('declares the action SendMessageBatch is authorized as', () => {
    expect(evaluationQueueIamActions).toEqual(['sqs:SendMessage']);
  });
});
