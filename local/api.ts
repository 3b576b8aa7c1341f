/**
 * The findings API as local mode serves it: the same `createApi` the api Lambda runs, with local
 * deps (the local queue, in-memory heartbeats, a per-run cursor key, no auth: every caller is
 * "local") and the dashboard page from web/ for what no API route matches.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createFindingsQueries } from '../shared/adapters/dynamodb-findings-queries.ts';
import { createEvaluationQueue } from '../shared/adapters/sqs-evaluation-queue.ts';
import { createApi, type Api } from '../shared/app/api/create-api.ts';
import type { Heartbeats } from '../shared/app/api/ports.ts';
import type { FindingsStore } from '../shared/app/ports.ts';
import type { ResolvedParams } from '../shared/engine/params.ts';
import type { Rule } from '../shared/rules/rule.ts';
import type { LocalQueue } from './queue.ts';
import { createStaticAssets } from './static-assets.ts';

export interface LocalApiOptions {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly store: FindingsStore;
  readonly sqs: SQSClient;
  readonly queue: LocalQueue;
  readonly catalog: readonly Rule[];
  readonly params: ResolvedParams;
  readonly home: { readonly accountId: string; readonly region: string };
  readonly heartbeats: Heartbeats;
  readonly onError: (error: unknown, correlationId: string) => void;
}

export function createLocalApi(options: LocalApiOptions): Api {
  // Cursors are signed per run: a restart invalidates them, as rotating a stage's key would.
  const cursorKey = randomBytes(32);
  return createApi({
    reader: createFindingsQueries({ client: options.dynamodb, tableName: options.tableName }),
    store: options.store,
    queue: createEvaluationQueue({ client: options.sqs, queueUrl: options.queue.url, retryDelayMs: 0 }),
    queueStats: { stats: async () => options.queue.stats() },
    heartbeats: options.heartbeats,
    catalog: options.catalog,
    params: options.params,
    cursorKey: async () => cursorKey,
    home: options.home,
    callerOf: () => 'local',
    staticAssets: createStaticAssets(),
    onError: options.onError,
  });
}
