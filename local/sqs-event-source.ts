/**
 * Lambda's SQS event source mapping, in-process: receives batches from a local queue, invokes the
 * function with an SQS-shaped event (the records AWS delivers), and honours its answer as Lambda
 * does with `functionResponseType: ReportBatchItemFailures`:
 * - a response listing `batchItemFailures`: every other message is deleted; the listed ones stay
 *   and come back after the visibility timeout (counting a receive each time, so a message that
 *   always fails reaches the dead-letter queue after maxReceiveCount receives);
 * - an empty list, `null` or no answer: the whole batch is deleted;
 * - a thrown error, or a response naming a message not in the batch: nothing is deleted.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalQueue, QueueMessage } from './queue.ts';

export interface SqsEventSourceOptions {
  readonly queue: LocalQueue;
  readonly region: string;
  /** Messages per invocation (serverless.yml: 10). */
  readonly batchSize: number;
  /** Invocations at once (the mapping's maximumConcurrency). */
  readonly maxConcurrency: number;
  readonly invoke: (event: SQSEvent) => Promise<unknown>;
  /** A batch failed as a whole (the function threw). */
  readonly onBatchError?: (error: unknown, messageIds: readonly string[]) => void;
}

export interface SqsEventSource {
  /**
   * Invokes the function now with these received messages, honours its answer like a polled
   * batch, and returns the answer (a synchronous invocation through the Invoke API).
   */
  deliver(messages: readonly QueueMessage[]): Promise<unknown>;
  /** Resolves once no message is visible and no batch is running (hidden, failed messages aside). */
  settled(): Promise<void>;
  /** Stops polling and waits for running batches. */
  stop(): Promise<void>;
}

export function startSqsEventSource(options: SqsEventSourceOptions): SqsEventSource {
  const { queue } = options;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];

  const settleWaiters = (): void => {
    if (!stopped && (running.size > 0 || queue.stats().visible > 0)) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const poll = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = undefined;
    while (running.size < options.maxConcurrency) {
      const messages = queue.receive(options.batchSize);
      if (messages.length === 0) break;
      const batch = runBatch(messages).finally(() => {
        running.delete(batch);
        poll();
      });
      running.add(batch);
    }
    // Wake when a hidden message (a failed one, a delayed one) becomes visible again.
    const next = queue.nextVisibleInMs();
    if (next !== undefined) timer = setTimeout(poll, next + 5).unref();
    settleWaiters();
  };

  const runBatch = async (messages: readonly QueueMessage[]): Promise<void> => {
    try {
      await invokeWith(messages);
    } catch (error) {
      options.onBatchError?.(error, messages.map((m) => m.messageId));
    }
  };

  /** One invocation and its answer honoured; rethrows a failed invocation after leaving the batch in the queue. */
  const invokeWith = async (messages: readonly QueueMessage[]): Promise<unknown> => {
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queue, options.region)) };
    const response = await options.invoke(event);
    const failed = failedIds(response, messages);
    if (failed === 'invalid') throw new Error('the function answered batchItemFailures naming a message not in the batch');
    for (const message of messages) if (!failed.has(message.messageId) && message.receiptHandle) queue.delete(message.receiptHandle);
    return response;
  };

  const unsubscribe = queue.onChange(() => queueMicrotask(poll));
  poll();

  return {
    async deliver(messages) {
      const run = invokeWith(messages);
      const tracked = run.then(
        () => undefined,
        () => undefined,
      );
      running.add(tracked);
      try {
        return await run;
      } finally {
        running.delete(tracked);
        poll();
      }
    },
    settled: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleWaiters();
      }),
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      await Promise.allSettled([...running]);
      // Whoever waits for the queue to settle is released: nothing more will be taken.
      const waiting = waiters;
      waiters = [];
      for (const resolve of waiting) resolve();
    },
  };
}

/** The ids a ReportBatchItemFailures answer names; 'invalid' when one is not in the batch. */
function failedIds(response: unknown, messages: readonly QueueMessage[]): Set<string> | 'invalid' {
  if (typeof response !== 'object' || response === null) return new Set();
  const failures = (response as Partial<SQSBatchResponse>).batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const inBatch = new Set(messages.map((m) => m.messageId));
  const ids = new Set<string>();
  for (const failure of failures) {
    const id: unknown = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || !inBatch.has(id)) return 'invalid';
    ids.add(id);
  }
  return ids;
}

/** A message as Lambda's SQS poller delivers it. */
export function toRecord(message: QueueMessage, queue: LocalQueue, region: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'AIDALOCALVIGIL',
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
    },
    messageAttributes: {},
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: region,
  };
}
