import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { isFindingItemRecord, startStreamEventSource } from '../../../local/stream-event-source.ts';
import type { StreamRecorder } from '../../../local/stream-recorder.ts';

/** A recorder a test writes records into by hand. */
function fakeRecorder(): StreamRecorder & { emit(sk: string): void } {
  const listeners = new Set<(r: DynamoDBRecord) => void>();
  let sequence = 100;
  return {
    take: () => [],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(sk) {
      const record: DynamoDBRecord = { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'RES#x' }, sk: { S: sk } }, SequenceNumber: String(sequence++) } };
      for (const listener of listeners) listener(record);
    },
  };
}

const skOf = (event: DynamoDBStreamEvent): string[] => event.Records.map((r) => r.dynamodb?.Keys?.['sk']?.S ?? '');

describe('stream event source (DynamoDB stream mapping, in-process)', () => {
  it('delivers only what the filter admits, in order, in batches', async () => {
    // Prepare
    const recorder = fakeRecorder();
    const seen: string[][] = [];
    const source = startStreamEventSource({
      recorder,
      consumers: [{ name: 'notify', filter: isFindingItemRecord, invoke: async (event) => void seen.push(skOf(event)) }],
      batchSize: 2,
      batchingWindowMs: 0,
      maxRetryAttempts: 0,
      onSkipped: () => undefined,
    });
    // Act
    for (const sk of ['META', 'RULE#a', 'HIST#a#1', 'RULE#b', 'RULE#c']) recorder.emit(sk);
    await source.settled();
    await source.stop();
    // Assess
    expect(seen.flat()).toEqual(['RULE#a', 'RULE#b', 'RULE#c']);
    expect(seen.every((batch) => batch.length <= 2)).toBe(true);
  });

  it('retries from the record a consumer reports as failed, not the ones before it', async () => {
    // Prepare
    const recorder = fakeRecorder();
    const seen: string[][] = [];
    let failOnce = true;
    const source = startStreamEventSource({
      recorder,
      consumers: [
        {
          name: 'notify',
          filter: () => true,
          invoke: async (event) => {
            seen.push(skOf(event));
            const second = event.Records[1];
            if (failOnce && second) {
              failOnce = false;
              return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber ?? '' }] };
            }
            return { batchItemFailures: [] };
          },
        },
      ],
      batchSize: 10,
      batchingWindowMs: 20,
      maxRetryAttempts: 3,
      onSkipped: () => undefined,
    });
    // Act
    for (const sk of ['RULE#a', 'RULE#b', 'RULE#c']) recorder.emit(sk);
    await source.settled();
    await source.stop();
    // Assess
    expect(seen).toEqual([
      ['RULE#a', 'RULE#b', 'RULE#c'],
      ['RULE#b', 'RULE#c'],
    ]);
  });

  it('gives up on a batch that keeps failing after the retries and reports it', async () => {
    // Prepare
    const recorder = fakeRecorder();
    const skipped: string[][] = [];
    let calls = 0;
    const source = startStreamEventSource({
      recorder,
      consumers: [
        {
          name: 'notify',
          filter: () => true,
          invoke: async () => {
            calls++;
            throw new Error('down');
          },
        },
      ],
      batchSize: 10,
      batchingWindowMs: 0,
      maxRetryAttempts: 2,
      onSkipped: (_consumer, records) => void skipped.push(records.map((r) => r.dynamodb?.Keys?.['sk']?.S ?? '')),
    });
    // Act
    recorder.emit('RULE#a');
    await source.settled();
    await source.stop();
    // Assess
    expect(calls).toBe(3);
    expect(skipped).toEqual([['RULE#a']]);
  });
});
