/**
 * The deployed evaluate function: environment, clients and dependencies built once per cold
 * start, then every invocation goes through createEvaluateHandler.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../shared/zod.ts';
import { createLogGroupsCollector } from '../../shared/adapters/collectors/log-groups.ts';
import { lowOverheadClientOptions } from '../../shared/adapters/aws-client-options.ts';
import { createConfigReader } from '../../shared/adapters/config-service.ts';
import { findingTagKeysVar } from '../../shared/adapters/dynamodb-findings-queries-keys.ts';
import { createFindingsStore } from '../../shared/adapters/dynamodb-findings-store.ts';
import { jsonVar, readEnv } from '../../shared/adapters/env.ts';
import { createEvaluationQueue } from '../../shared/adapters/sqs-evaluation-queue.ts';
import type { ConfigReader } from '../../shared/app/ports.ts';
import { resolveParams } from '../../shared/engine/params.ts';
import { catalog } from '../../shared/rules/index.ts';
import { createEvaluateHandler } from './create-evaluate-handler.ts';

const env = readEnv({
  AWS_REGION: z.string().check(z.minLength(1)),
  FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)),
  FINDING_TAG_KEYS: findingTagKeysVar,
  EVALUATION_QUEUE_URL: z.url(),
  RULE_PARAMS: jsonVar(z.record(z.string(), z.record(z.string(), z.unknown()))),
});

const logger = new Logger();
const metrics = new Metrics();

// Less SDK work per request (shared/adapters/aws-client-options.ts): the evaluate function's CPU is mostly that.
const clientConfig = { region: env.AWS_REGION, ...lowOverheadClientOptions } as const;
const configClients = new Map<string, ConfigReader>();

export const handler = createEvaluateHandler({
  deps: {
    store: createFindingsStore({ client: new DynamoDBClient(clientConfig), tableName: env.FINDINGS_TABLE_NAME, tagKeys: env.FINDING_TAG_KEYS }),
    queue: createEvaluationQueue({ client: new SQSClient(clientConfig), queueUrl: env.EVALUATION_QUEUE_URL }),
    // Events name their account and region; one deployment watches its own, but a reader per
    // pair keeps an event from elsewhere (a cross-account bus) from being read in the wrong place.
    configReader: (accountId, region) => {
      const key = `${accountId}#${region}`;
      let reader = configClients.get(key);
      if (!reader) {
        reader = createConfigReader({ client: new ConfigServiceClient({ region, ...lowOverheadClientOptions }), accountId });
        configClients.set(key, reader);
      }
      return reader;
    },
    logGroups: createLogGroupsCollector({ client: new CloudWatchLogsClient(clientConfig) }),
    catalog,
    // Validated at package time too (infra/catalog.cjs); resolved here once, defaults filled.
    params: resolveParams(catalog, env.RULE_PARAMS),
    now: () => new Date(),
  },
  logger,
  metrics,
});
