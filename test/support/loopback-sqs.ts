/**
 * The SQS evaluation queue over the real wire protocol (JSON 1.0, `AmazonSQS.SendMessageBatch`),
 * through loopback-aws.ts: it keeps what the adapter sent, in order, for a test to assert on or
 * to feed back through processEvaluationMessage as the evaluate function would receive it.
 */
import { createHash } from 'node:crypto';
import { awsError, type AwsHandler } from './loopback-aws.ts';

export interface LoopbackQueue {
  readonly handlers: Readonly<Record<string, AwsHandler>>;
  /** Bodies received and not yet taken, oldest first. */
  readonly bodies: string[];
  /** DelaySeconds of each body in `bodies` (0 when not set). */
  readonly delays: number[];
  /** Entries per SendMessageBatch call, in order. */
  readonly batchSizes: number[];
  /** The next call fails these entries on the service's side (SenderFault false), once. */
  failNext(count: number, senderFault?: boolean): void;
  /** Takes every pending body. */
  take(): string[];
}

export function createLoopbackQueue(): LoopbackQueue {
  const bodies: string[] = [];
  const delays: number[] = [];
  const batchSizes: number[] = [];
  let failing = { count: 0, senderFault: false };
  const handlers: Record<string, AwsHandler> = {
    SendMessageBatch(input: { QueueUrl: string; Entries: { Id: string; MessageBody: string; DelaySeconds?: number }[] }) {
      if (input.Entries.length > 10) awsError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
      const total = input.Entries.reduce((n, e) => n + Buffer.byteLength(e.MessageBody), 0);
      if (total > 262_144) awsError('AWS.SimpleQueueService.BatchRequestTooLong', `Batch requests cannot be longer than 262144 bytes (${total})`);
      batchSizes.push(input.Entries.length);
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const entry of input.Entries) {
        if (failing.count > 0) {
          failing.count--;
          Failed.push({ Id: entry.Id, SenderFault: failing.senderFault, Code: failing.senderFault ? 'InvalidMessageContents' : 'InternalError', Message: 'loopback failure' });
          continue;
        }
        bodies.push(entry.MessageBody);
        delays.push(entry.DelaySeconds ?? 0);
        Successful.push({
          Id: entry.Id,
          MessageId: `msg-${bodies.length}`,
          MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
        });
      }
      return { Successful, Failed };
    },
  };
  return {
    handlers,
    bodies,
    delays,
    batchSizes,
    failNext: (count, senderFault = false) => (failing = { count, senderFault }),
    take: () => {
      delays.splice(0, delays.length);
      return bodies.splice(0, bodies.length);
    },
  };
}
