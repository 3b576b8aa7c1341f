/**
 * The local queues behind the real `SQSClient`: a request handler (the SDK's transport slot)
 * that answers SQS's JSON 1.0 wire protocol in-process, so Vigil's own SQS adapter
 * (shared/adapters/sqs-evaluation-queue.ts) sends exactly the bodies it sends in AWS, with no
 * socket and no port. Only the operations Vigil calls are served; any other is refused as SQS
 * refuses an unknown action.
 *
 * @example
 * const sqs = new SQSClient({ region, credentials, requestHandler: createSqsRequestHandler([queue, dlq]) });
 */
import { Readable } from 'node:stream';
import type { LocalQueue } from './queue.ts';

/** The parts of the SDK's HttpRequest read here. */
interface WireRequest {
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

interface WireResponse {
  readonly response: { statusCode: number; headers: Record<string, string>; body: Readable };
}

class SqsFault extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type Operation = (input: Record<string, unknown>) => unknown;

export function createSqsRequestHandler(queues: readonly LocalQueue[]): { handle(request: WireRequest): Promise<WireResponse> } {
  const queueAt = (url: unknown): LocalQueue => {
    // The SDK may send the URL it was given or one rewritten to its endpoint: match by the name.
    const name = typeof url === 'string' ? url.split('/').pop() : undefined;
    const queue = queues.find((q) => q.name === name);
    if (!queue) throw new SqsFault('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${String(url)}`);
    return queue;
  };
  const sent = (queue: LocalQueue, body: unknown, delay: unknown): { MessageId: string; MD5OfMessageBody: string } => {
    if (typeof body !== 'string' || body.length === 0) throw new SqsFault('MissingParameter', 'The request must contain the parameter MessageBody.');
    const message = queue.send(body, typeof delay === 'number' ? { delaySeconds: delay } : {});
    return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
  };

  const operations: Record<string, Operation> = {
    SendMessage: (input) => sent(queueAt(input['QueueUrl']), input['MessageBody'], input['DelaySeconds']),
    SendMessageBatch(input) {
      const queue = queueAt(input['QueueUrl']);
      const entries = Array.isArray(input['Entries']) ? (input['Entries'] as Record<string, unknown>[]) : [];
      if (entries.length === 0) throw new SqsFault('AWS.SimpleQueueService.EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
      if (entries.length > 10) throw new SqsFault('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
      const total = entries.reduce((n, e) => n + Buffer.byteLength(String(e['MessageBody'] ?? '')), 0);
      if (total > 262_144) throw new SqsFault('AWS.SimpleQueueService.BatchRequestTooLong', `Batch requests cannot be longer than 262144 bytes (${total}).`);
      return {
        Successful: entries.map((entry) => ({ Id: entry['Id'], ...sent(queue, entry['MessageBody'], entry['DelaySeconds']) })),
        Failed: [],
      };
    },
    GetQueueAttributes(input) {
      const queue = queueAt(input['QueueUrl']);
      const stats = queue.stats();
      const oldest = queue.messages()[0];
      return {
        Attributes: {
          QueueArn: queue.arn,
          ApproximateNumberOfMessages: String(stats.visible),
          ApproximateNumberOfMessagesNotVisible: String(stats.inFlight),
          ApproximateNumberOfMessagesDelayed: String(stats.delayed),
          // Not an SQS attribute (CloudWatch has it): kept in the same answer for local health checks.
          ...(oldest ? { SentTimestamp: String(oldest.sentAt) } : {}),
        },
      };
    },
    GetQueueUrl(input) {
      const queue = queues.find((q) => q.name === input['QueueName']);
      if (!queue) throw new SqsFault('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${String(input['QueueName'])}`);
      return { QueueUrl: queue.url };
    },
  };

  return {
    async handle(request) {
      const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '';
      const operation = target.split('.').pop() ?? '';
      try {
        const run = operations[operation];
        if (!run) throw new SqsFault('InvalidAction', `The action ${operation || '(none)'} is not valid for this endpoint (local mode serves ${Object.keys(operations).join(', ')}).`);
        return reply(200, run(parseBody(request.body)));
      } catch (error) {
        if (error instanceof SqsFault) return reply(400, { __type: error.code, message: error.message }, error.code);
        return reply(500, { __type: 'InternalError', message: error instanceof Error ? error.message : String(error) }, 'InternalError');
      }
    },
  };
}

function parseBody(body: unknown): Record<string, unknown> {
  const text = typeof body === 'string' ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : '{}';
  const parsed: unknown = JSON.parse(text || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function reply(statusCode: number, output: unknown, errorType?: string): WireResponse {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': crypto.randomUUID() };
  if (errorType) headers['x-amzn-query-error'] = `${errorType};Sender`;
  return { response: { statusCode, headers, body: Readable.from([Buffer.from(JSON.stringify(output))]) } };
}
