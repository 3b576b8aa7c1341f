/**
 * The deployed api function: environment, clients and dependencies built once per cold start;
 * every request goes through createApiHandler. The cursor key is fetched from Secrets Manager on
 * the first request that needs it (not at import, so a cold start does no network call).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../shared/zod.ts';
import { createFindingsQueries } from '../../shared/adapters/dynamodb-findings-queries.ts';
import { findingTagKeysVar } from '../../shared/adapters/dynamodb-findings-queries-keys.ts';
import { createFindingsStore } from '../../shared/adapters/dynamodb-findings-store.ts';
import { jsonVar, readEnv } from '../../shared/adapters/env.ts';
import { createEvaluationQueue } from '../../shared/adapters/sqs-evaluation-queue.ts';
import { createHeartbeats, createQueueStats } from '../../shared/adapters/dynamodb-findings-queries-health.ts';
import { createApi } from '../../shared/app/api/create-api.ts';
import { resolveParams } from '../../shared/engine/params.ts';
// The catalog without its code: the API describes rules and reads their parameters, never evaluates.
import { catalogMetadata as catalog } from '../../shared/rules/catalog-metadata.ts';
import { CALLER_HEADER, createApiHandler } from './create-api-handler.ts';

const env = readEnv({
  AWS_REGION: z.string().check(z.minLength(1)),
  ACCOUNT_ID: z.string().check(z.regex(/^\d{12}$/)),
  FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)),
  EVALUATION_QUEUE_URL: z.url(),
  CURSOR_SECRET_ARN: z.string().check(z.minLength(1)),
  FINDING_TAG_KEYS: findingTagKeysVar,
  SUPPRESSION_MAX_DAYS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)), 365),
  RULE_PARAMS: jsonVar(z.record(z.string(), z.record(z.string(), z.unknown()))),
});

const logger = new Logger();
const clientConfig = { region: env.AWS_REGION } as const;
const dynamodb = new DynamoDBClient(clientConfig);
const sqs = new SQSClient(clientConfig);
const secrets = new SecretsManagerClient(clientConfig);

const api = createApi({
  reader: createFindingsQueries({ client: dynamodb, tableName: env.FINDINGS_TABLE_NAME, tagKeys: env.FINDING_TAG_KEYS }),
  store: createFindingsStore({ client: dynamodb, tableName: env.FINDINGS_TABLE_NAME, tagKeys: env.FINDING_TAG_KEYS }),
  queue: createEvaluationQueue({ client: sqs, queueUrl: env.EVALUATION_QUEUE_URL }),
  queueStats: createQueueStats({ client: sqs, queueUrl: env.EVALUATION_QUEUE_URL, cloudwatch: new CloudWatchClient(clientConfig) }),
  heartbeats: createHeartbeats({ client: dynamodb, tableName: env.FINDINGS_TABLE_NAME }),
  catalog,
  params: resolveParams(catalog, env.RULE_PARAMS),
  cursorKey: async () => {
    const secret = await secrets.send(new GetSecretValueCommand({ SecretId: env.CURSOR_SECRET_ARN }));
    if (!secret.SecretString) throw new Error(`secret ${env.CURSOR_SECRET_ARN} has no SecretString`);
    return Buffer.from(secret.SecretString, 'utf8');
  },
  tagKeys: env.FINDING_TAG_KEYS,
  suppressionPolicy: { maxDays: env.SUPPRESSION_MAX_DAYS },
  home: { accountId: env.ACCOUNT_ID, region: env.AWS_REGION },
  callerOf: (request) => request.headers.get(CALLER_HEADER) ?? undefined,
  onError: (error, correlationId) => logger.error('request failed', { correlationId, error }),
});

export const handler = createApiHandler(api);
