import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createEvaluationQueue } from '../../../shared/adapters/sqs-evaluation-queue.ts';
import { createLocalQueue, type LocalQueue } from '../../../local/queue.ts';
import { createSqsRequestHandler } from '../../../local/sqs-endpoint.ts';
import { startSqsEventSource } from '../../../local/sqs-event-source.ts';

function queues(clock: { t: number }, visibilityTimeoutSeconds = 30): { queue: LocalQueue; dlq: LocalQueue; dead: string[] } {
  const dead: string[] = [];
  const dlq = createLocalQueue({ name: 'q-dlq', accountId: '111122223333', region: 'eu-west-1', visibilityTimeoutSeconds: 30, now: () => clock.t });
  const queue = createLocalQueue({
    name: 'q',
    accountId: '111122223333',
    region: 'eu-west-1',
    visibilityTimeoutSeconds,
    maxReceiveCount: 5,
    deadLetterQueue: dlq,
    onDeadLetter: (m) => dead.push(m.messageId),
    now: () => clock.t,
  });
  return { queue, dlq, dead };
}

describe('local queue (SQS semantics)', () => {
  it('hides a received message for the visibility timeout, then hands it out again with its receive count', () => {
    // Prepare
    const clock = { t: 1_000_000 };
    const { queue } = queues(clock);
    const sent = queue.send('{"a":1}');
    // Act
    const first = queue.receive(10);
    const whileHidden = queue.receive(10);
    clock.t += 30_000;
    const again = queue.receive(10);
    // Assess
    expect(first.map((m) => m.messageId)).toEqual([sent.messageId]);
    expect(whileHidden).toEqual([]);
    expect(again[0]?.receiveCount).toBe(2);
    expect(queue.stats()).toMatchObject({ visible: 0, inFlight: 1 });
  });

  it('moves a message received 5 times without being deleted to the dead-letter queue, body intact', () => {
    // Prepare
    const clock = { t: 0 };
    const { queue, dlq, dead } = queues(clock, 1);
    const sent = queue.send('not json');
    // Act
    const receives: number[] = [];
    for (let i = 0; i < 6; i++) {
      receives.push(queue.receive(10).length);
      clock.t += 1_000;
    }
    // Assess
    expect(receives).toEqual([1, 1, 1, 1, 1, 0]);
    expect(dead).toEqual([sent.messageId]);
    expect(dlq.messages().map((m) => m.body)).toEqual(['not json']);
    expect(queue.messages()).toEqual([]);
  });

  it('deletes only with the latest receipt handle, and delays a message sent with DelaySeconds', () => {
    // Prepare
    const clock = { t: 0 };
    const { queue } = queues(clock, 1);
    queue.send('x');
    const [old] = queue.receive(1);
    const oldHandle = old?.receiptHandle ?? '';
    clock.t += 1_000;
    queue.receive(1);
    queue.send('later', { delaySeconds: 5 });
    // Act
    const staleDelete = queue.delete(oldHandle);
    // Assess
    expect(staleDelete).toBe(false);
    expect(queue.stats()).toMatchObject({ inFlight: 1, delayed: 1 });
  });

  it('takes what Vigil\'s own SQS adapter sends through the real SQS client', async () => {
    // Prepare
    const { queue } = queues({ t: 0 });
    const sqs = new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: createSqsRequestHandler([queue]) });
    const adapter = createEvaluationQueue({ client: sqs, queueUrl: queue.url, retryDelayMs: 0 });
    const keys = Array.from({ length: 250 }, (_, i) => ({ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: `b${i}` }));
    // Act
    await adapter.enqueue(keys, { source: 'config', correlationId: 'c1' });
    // Assess
    const bodies = queue.messages().map((m) => JSON.parse(m.body) as { kind: string; keys: unknown[] });
    expect(bodies.map((b) => [b.kind, b.keys.length])).toEqual([['evaluate', 100], ['evaluate', 100], ['evaluate', 50]]);
  });
});

describe('SQS event source (ReportBatchItemFailures)', () => {
  it('deletes the messages the function did not report and leaves the reported ones to come back', async () => {
    // Prepare
    const { queue } = queues({ t: Date.now() }, 3600);
    const bad = queue.send('bad').messageId;
    queue.send('good');
    const batches: string[][] = [];
    const source = startSqsEventSource({
      queue,
      region: 'eu-west-1',
      batchSize: 10,
      maxConcurrency: 1,
      invoke: async (event) => {
        batches.push(event.Records.map((r) => r.body));
        return { batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    // Act
    await source.settled();
    await source.stop();
    // Assess
    expect(batches).toEqual([['bad', 'good']]);
    expect(queue.messages().map((m) => [m.messageId, m.receiveCount])).toEqual([[bad, 1]]);
  });

  it('keeps the whole batch when the function throws', async () => {
    // Prepare
    const { queue } = queues({ t: Date.now() }, 3600);
    queue.send('a');
    queue.send('b');
    const source = startSqsEventSource({ queue, region: 'eu-west-1', batchSize: 10, maxConcurrency: 1, invoke: async () => { throw new Error('crash'); } });
    // Act
    await source.settled();
    await source.stop();
    // Assess
    expect(queue.messages().map((m) => m.body)).toEqual(['a', 'b']);
  });
});
