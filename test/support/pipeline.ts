/**
 * The evaluation pipeline wired for tests and the bench: the real DynamoDB findings store on
 * DynamoDB Local (a fresh table from infra/findings-table.yml), the real SQS adapter and Config
 * reader on loopback AWS servers, and a request counter on the DynamoDB client.
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
import { startLoopbackAws, testClientConfig, type LoopbackAws } from './loopback-aws.ts';
import { createLoopbackQueue, type LoopbackQueue } from './loopback-sqs.ts';

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface RequestCounter {
  /** Requests by command name (`QueryCommand`, `TransactWriteItemsCommand` …) since the last reset. */
  readonly byCommand: Map<string, number>;
  readonly total: number;
  readonly writes: number;
  reset(): void;
}

/** Counts the requests a DynamoDB client sends (once per request, whatever the retries). */
export function countRequests(client: DynamoDBClient): RequestCounter {
  const byCommand = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      byCommand.set(name, (byCommand.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'vigilRequestCounter' },
  );
  const sum = (filter: (name: string) => boolean): number => [...byCommand].reduce((n, [name, c]) => (filter(name) ? n + c : n), 0);
  return {
    byCommand,
    get total() {
      return sum(() => true);
    },
    get writes() {
      return sum((name) => WRITES.has(name));
    },
    reset: () => byCommand.clear(),
  };
}

export interface Pipeline {
  readonly store: FindingsStore;
  readonly tableName: string;
  readonly dynamodb: DynamoDBClient;
  readonly requests: RequestCounter;
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
