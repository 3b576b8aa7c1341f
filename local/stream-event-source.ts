/**
 * Lambda's DynamoDB stream event source mapping, in-process, over the stream recorder: records in
 * write order, in batches, one batch at a time per consumer (a shard is read in order), each
 * consumer at its own position (a stream has up to two readers, as here: notify and the summary
 * counters). As Lambda does with ReportBatchItemFailures, a batch answered with a failed sequence
 * number is retried from that record; a batch that throws is retried whole; after
 * `maxRetryAttempts` the records are skipped and reported (the on-failure destination's job).
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamRecorder } from './stream-recorder.ts';

export interface StreamConsumer {
  readonly name: string;
  /**
   * The mapping's filter criteria: records it rejects never reach the consumer. Without one, a
   * consumer that writes to the table (the counters' batch markers) would read its own writes.
   */
  readonly filter: (record: DynamoDBRecord) => boolean;
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
}

export interface StreamEventSourceOptions {
  readonly recorder: StreamRecorder;
  readonly consumers: readonly StreamConsumer[];
  /** Records per invocation at most (serverless.yml's batchSize). */
  readonly batchSize: number;
  /** Time to gather a batch after the first record (the mapping's MaximumBatchingWindowInSeconds). */
  readonly batchingWindowMs: number;
  readonly maxRetryAttempts: number;
  /** Records given up on, with the error (the mapping's on-failure destination). */
  readonly onSkipped: (consumer: string, records: readonly DynamoDBRecord[], error: unknown) => void;
}

export interface StreamEventSource {
  /** Resolves once every record written so far has been handled by every consumer. */
  settled(): Promise<void>;
  /** Holds records back (a mapping disabled for a while); `resume` hands them on, in batches. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export function startStreamEventSource(options: StreamEventSourceOptions): StreamEventSource {
  const readers = options.consumers.map((consumer) => createReader(consumer, options));
  const unsubscribe = options.recorder.subscribe((record) => {
    for (const reader of readers) reader.push(record);
  });
  return {
    async settled() {
      await Promise.all(readers.map((r) => r.settled()));
    },
    pause: () => readers.forEach((r) => r.pause()),
    resume: () => readers.forEach((r) => r.resume()),
    async stop() {
      unsubscribe();
      await Promise.all(readers.map((r) => r.stop()));
    },
  };
}

function createReader(consumer: StreamConsumer, options: StreamEventSourceOptions) {
  const backlog: DynamoDBRecord[] = [];
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let paused = false;
  let waiters: (() => void)[] = [];

  const idle = (): void => {
    if (backlog.length > 0 || running || timer) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const schedule = (): void => {
    if (stopped || paused || running || timer || backlog.length === 0) return idle();
    // Wait for the window to gather a batch, unless one is already full.
    const wait = backlog.length >= options.batchSize ? 0 : options.batchingWindowMs;
    timer = setTimeout(() => {
      timer = undefined;
      running = drain().finally(() => {
        running = undefined;
        schedule();
      });
    }, wait);
  };

  const drain = async (): Promise<void> => {
    const batch = backlog.slice(0, options.batchSize);
    let attempt = 0;
    let from = 0;
    while (from < batch.length && !stopped) {
      const records = batch.slice(from);
      try {
        const failed = failedSequence(await consumer.invoke({ Records: records }), records);
        if (failed === undefined) break;
        // Retried from the failed record: the ones before it are done.
        const at = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
        if (at > 0) from += at;
        throw new Error(`${consumer.name} reported record ${failed} as failed`);
      } catch (error) {
        attempt++;
        if (attempt > options.maxRetryAttempts) {
          options.onSkipped(consumer.name, batch.slice(from), error);
          break;
        }
      }
    }
    backlog.splice(0, batch.length);
  };

  return {
    push(record: DynamoDBRecord) {
      if (stopped || !consumer.filter(record)) return;
      backlog.push(record);
      schedule();
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      schedule();
    },
    settled: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        idle();
      }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
      backlog.length = 0;
      idle();
    },
  };
}

/** Filter criteria for finding items (`sk` RULE#…), the records notify and the counters read. */
export function isFindingItemRecord(record: DynamoDBRecord): boolean {
  return record.dynamodb?.Keys?.['sk']?.S?.startsWith('RULE#') === true;
}

/** The sequence number a ReportBatchItemFailures answer names, undefined when all succeeded. */
function failedSequence(response: unknown, records: readonly DynamoDBRecord[]): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const failures = (response as Partial<DynamoDBBatchResponse>).batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  const ids = failures.map((f: unknown) => (typeof f === 'object' && f !== null ? (f as { itemIdentifier?: unknown }).itemIdentifier : undefined));
  // The earliest failed record in the batch (Lambda resumes from the lowest sequence number).
  const first = records.find((r) => ids.includes(r.dynamodb?.SequenceNumber));
  return first?.dynamodb?.SequenceNumber ?? (typeof ids[0] === 'string' ? ids[0] : 'unknown');
}
