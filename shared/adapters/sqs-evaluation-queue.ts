import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { EnqueueOptions, EvaluationQueue } from '../app/ports.ts';
import type { AnyResource, ResourceKey } from '../domain/resource.ts';

/** SendMessageBatch is authorized as sqs:SendMessage. */
export const evaluationQueueIamActions = ['sqs:SendMessage'] as const;

/** SendMessageBatch takes 10 entries. */
const BATCH_ENTRIES = 10;
/** One message per BatchGetResourceConfig call downstream (100 keys a call). */
const KEYS_PER_MESSAGE = 100;
/** SQS caps a message, and a whole batch, at 256 KiB; headroom for the envelope. */
const MAX_BYTES = 256 * 1024;
const MAX_BODY_BYTES = MAX_BYTES - 1024;
const RETRY_ROUNDS = 5;

export interface EvaluationQueueOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  /** First wait before re-sending failed entries (doubles each round; tests pass 0). */
  readonly retryDelayMs?: number;
}

/** SQS refused entries for a reason retrying cannot fix (SenderFault), or kept failing them. */
export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
  readonly failures: readonly { readonly code: string | undefined; readonly message: string | undefined }[];
  constructor(detail: string, failures: readonly { code: string | undefined; message: string | undefined }[]) {
    super(`sqs:SendMessageBatch ${detail}: ${failures.map((f) => `${f.code ?? 'error'} (${f.message ?? 'no message'})`).slice(0, 3).join('; ')}`);
    this.failures = failures;
  }
}

/**
 * The evaluation queue on SQS: messages `{"kind":"evaluate","keys":[…]}` of at most 100 keys
 * (one BatchGetResourceConfig downstream), `{"kind":"observed","resources":[…]}` packed up to
 * 256 KiB, sent 10 a call with SendMessageBatch. Entries SQS fails on its side (throttling,
 * internal errors) are sent again; a sender fault (a malformed entry) throws.
 *
 * @example
 * const queue = createEvaluationQueue({ client: new SQSClient({}), queueUrl: env.EVALUATION_QUEUE_URL });
 * await queue.enqueue(keys, { source: 'config', correlationId: sweepId });
 */
export function createEvaluationQueue(options: EvaluationQueueOptions): EvaluationQueue {
  const { client, queueUrl } = options;
  const retryDelayMs = options.retryDelayMs ?? 100;

  async function sendAll(bodies: readonly string[], delaySeconds?: number): Promise<void> {
    for (const batch of batches(bodies)) await sendBatch(batch, delaySeconds);
  }

  async function sendBatch(bodies: readonly string[], delaySeconds: number | undefined): Promise<void> {
    let pending: SendMessageBatchRequestEntry[] = bodies.map((MessageBody, i) => ({
      Id: String(i),
      MessageBody,
      ...(delaySeconds ? { DelaySeconds: Math.min(900, Math.round(delaySeconds)) } : {}),
    }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await sleep(retryDelayMs * 2 ** (round - 1));
      const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
      const failed = out.Failed ?? [];
      const fatal = failed.filter((f) => f.SenderFault);
      if (fatal.length > 0) throw new EnqueueError('refused entries', fatal.map((f) => ({ code: f.Code, message: f.Message })));
      if (failed.length > 0 && round + 1 === RETRY_ROUNDS) {
        throw new EnqueueError(`failed entries ${RETRY_ROUNDS} times`, failed.map((f) => ({ code: f.Code, message: f.Message })));
      }
      const retry = new Set(failed.map((f) => f.Id));
      pending = pending.filter((entry) => retry.has(entry.Id));
    }
  }

  return {
    async enqueue(keys: readonly ResourceKey[], enqueueOptions: EnqueueOptions = {}) {
      const source = enqueueOptions.source ?? 'config';
      const bodies: string[] = [];
      for (let i = 0; i < keys.length; i += KEYS_PER_MESSAGE) {
        const chunk = keys.slice(i, i + KEYS_PER_MESSAGE).map(({ accountId, region, resourceType, resourceId }) => ({
          accountId,
          region,
          resourceType,
          resourceId,
        }));
        bodies.push(JSON.stringify({ kind: 'evaluate', keys: chunk, source, correlationId: enqueueOptions.correlationId, sweepId: enqueueOptions.sweepId }));
      }
      await sendAll(bodies, enqueueOptions.delaySeconds);
    },

    async enqueueObserved(resources: readonly AnyResource[], enqueueOptions = {}) {
      // Resources are serialized once, then packed: the size check needs their JSON anyway.
      const correlation =
        (enqueueOptions.correlationId ? `,"correlationId":${JSON.stringify(enqueueOptions.correlationId)}` : '') +
        (enqueueOptions.sweepId ? `,"sweepId":${JSON.stringify(enqueueOptions.sweepId)}` : '');
      const envelope = (items: readonly string[]): string => `{"kind":"observed"${correlation},"resources":[${items.join(',')}]}`;
      const bodies: string[] = [];
      let current: string[] = [];
      let size = 0;
      for (const resource of resources) {
        const json = JSON.stringify(resource);
        const bytes = Buffer.byteLength(json) + 1;
        if (bytes > MAX_BODY_BYTES) throw new EnqueueError('cannot carry a resource', [{ code: 'TooLarge', message: `${resource.resourceType} ${resource.resourceId} is ${bytes} bytes` }]);
        if (size + bytes > MAX_BODY_BYTES && current.length > 0) {
          bodies.push(envelope(current));
          current = [];
          size = 0;
        }
        current.push(json);
        size += bytes;
      }
      if (current.length > 0) bodies.push(envelope(current));
      await sendAll(bodies);
    },
  };
}

/** Up to 10 bodies a batch, whose sizes add up to at most 256 KiB (SQS counts the whole batch). */
function* batches(bodies: readonly string[]): Generator<string[]> {
  let batch: string[] = [];
  let size = 0;
  for (const body of bodies) {
    const bytes = Buffer.byteLength(body);
    if (batch.length === BATCH_ENTRIES || (size + bytes > MAX_BYTES && batch.length > 0)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(body);
    size += bytes;
  }
  if (batch.length > 0) yield batch;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
