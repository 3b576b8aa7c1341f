/**
 * The evaluation pipeline wired for tests and the bench: the real DynamoDB findings store on
 * dynalite (a fresh table from infra/findings-table.yml), the real SQS adapter and Config reader
 * on loopback AWS servers, a request counter on the DynamoDB client, and the table's stream as
 * local/stream-recorder.ts reproduces it.
 */
import { randomUUID } from 'node:crypto';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createConfigReader } from '../../shared/adapters/config-service.ts';
import { createFindingsStore } from '../../shared/adapters/dynamodb-findings-store.ts';
import { createEvaluationQueue } from '../../shared/adapters/sqs-evaluation-queue.ts';
import type { FindingsStore, LogGroupReader } from '../../shared/app/ports.ts';
import { processEvaluationMessage, type EvaluationDeps, type ProcessResult } from '../../shared/app/process-evaluation-message.ts';
import { resolveParams } from '../../shared/engine/params.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { createFakeConfigService, type FakeConfigService, type FakeItem } from './config-service-fake.ts';
import type { LocalDynamoDb } from '../../local/dynalite.ts';
import { createFindingsTable } from '../../local/findings-table.ts';
import { recordStream, type StreamRecorder } from '../../local/stream-recorder.ts';
import { startLoopbackAws, testClientConfig, type LoopbackAws } from './loopback-aws.ts';
import { createLoopbackQueue, type LoopbackQueue } from './loopback-sqs.ts';

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface RequestCounter {
  /** Requests by command name (`QueryCommand`, `PutItemCommand` …) since the last reset. */
  readonly byCommand: Map<string, number>;
  /** The sort keys of the items put (PutItem), in the order the requests were sent, since the last reset. */
  readonly putKeys: string[];
  readonly total: number;
  readonly writes: number;
  reset(): void;
}

/** Counts the requests a DynamoDB client sends (once per request, whatever the retries). */
export function countRequests(client: DynamoDBClient): RequestCounter {
  const byCommand = new Map<string, number>();
  const putKeys: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      byCommand.set(name, (byCommand.get(name) ?? 0) + 1);
      if (name === 'PutItemCommand') {
        // The document client's input (plain values) or the raw client's ({ S: … }).
        const sk = (args.input as { Item?: { sk?: unknown } }).Item?.sk;
        putKeys.push(typeof sk === 'string' ? sk : String((sk as { S?: string } | undefined)?.S));
      }
      return next(args);
    },
    { step: 'initialize', name: 'vigilRequestCounter' },
  );
  const sum = (filter: (name: string) => boolean): number => [...byCommand].reduce((n, [name, c]) => (filter(name) ? n + c : n), 0);
  return {
    byCommand,
    putKeys,
    get total() {
      return sum(() => true);
    },
    get writes() {
      return sum((name) => WRITES.has(name));
    },
    reset: () => {
      byCommand.clear();
      putKeys.length = 0;
    },
  };
}

export interface Pipeline {
  readonly store: FindingsStore;
  readonly tableName: string;
  readonly dynamodb: DynamoDBClient;
  readonly requests: RequestCounter;
  /** The table's stream records (local/stream-recorder.ts), for the notify function's tests. */
  readonly stream: StreamRecorder;
  readonly config: FakeConfigService;
  readonly queue: LoopbackQueue;
  readonly aws: LoopbackAws;
  readonly deps: EvaluationDeps;
  /** Processes one body as the evaluate function would. */
  process(body: unknown): Promise<ProcessResult>;
  /** Processes what the pipeline queued (four messages at a time), and what that queues, until the queue is empty. */
  drain(): Promise<ProcessResult[]>;
  close(): Promise<void>;
}

export interface PipelineOptions {
  readonly catalog: readonly Rule[];
  readonly now?: () => Date;
  readonly configItems?: readonly FakeItem[];
  readonly logGroups?: LogGroupReader;
  readonly params?: Parameters<typeof resolveParams>[1];
}

export async function startPipeline(ddb: LocalDynamoDb, options: PipelineOptions): Promise<Pipeline> {
  const dynamodb = new DynamoDBClient(ddb.clientConfig);
  const requests = countRequests(dynamodb);
  const tableName = await createFindingsTable(dynamodb, { service: 'vigil', stage: `t${randomUUID().slice(0, 8)}` });
  const stream = recordStream(dynamodb, { tableName, region: ddb.clientConfig.region });
  requests.reset();
  const config = createFakeConfigService(options.configItems ?? []);
  const queue = createLoopbackQueue();
  const aws = await startLoopbackAws({ ...config.handlers, ...queue.handlers });
  const store = createFindingsStore({ client: dynamodb, tableName });
  const configClient = new ConfigServiceClient(testClientConfig(aws.endpoint));
  const readers = new Map<string, ReturnType<typeof createConfigReader>>();
  const deps: EvaluationDeps = {
    store,
    configReader: (accountId, region) => {
      let reader = readers.get(`${accountId}#${region}`);
      if (!reader) readers.set(`${accountId}#${region}`, (reader = createConfigReader({ client: configClient, accountId, retryDelayMs: 0 })));
      return reader;
    },
    queue: createEvaluationQueue({ client: new SQSClient(testClientConfig(aws.endpoint)), queueUrl: `${aws.endpoint}/111122223333/vigil-test-evaluation`, retryDelayMs: 0 }),
    catalog: options.catalog,
    params: resolveParams(options.catalog, options.params),
    now: options.now ?? (() => new Date('2026-11-23T00:00:00.000Z')),
    ...(options.logGroups ? { logGroups: options.logGroups } : {}),
  };
  const process = (body: unknown): Promise<ProcessResult> => processEvaluationMessage(body, deps);
  return {
    store,
    tableName,
    dynamodb,
    requests,
    stream,
    config,
    queue,
    aws,
    deps,
    process,
    async drain() {
      const results: ProcessResult[] = [];
      for (let bodies = queue.take(); bodies.length > 0; bodies = queue.take()) {
        // Messages of one round side by side, as concurrent evaluate invocations take them.
        let next = 0;
        const worker = async (): Promise<void> => {
          for (let i = next++; i < bodies.length; i = next++) results.push(await process(bodies[i]));
        };
        await Promise.all(Array.from({ length: Math.min(4, bodies.length) }, worker));
      }
      return results;
    },
    async close() {
      await aws.close();
      dynamodb.destroy();
    },
  };
}
