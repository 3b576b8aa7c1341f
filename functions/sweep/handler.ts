/**
 * The deployed sweep function: environment, clients and dependencies built once per cold start,
 * then every invocation goes through createSweepHandler.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import * as z from '../../shared/zod.ts';
import { createAccountSummaryCollector } from '../../shared/adapters/collectors/account-summary.ts';
import { createCredentialReportCollector } from '../../shared/adapters/collectors/credential-report.ts';
import {
  createElastiCacheCacheClustersCollector,
  createElastiCacheReplicationGroupsCollector,
} from '../../shared/adapters/collectors/elasticache.ts';
import { createLogGroupsCollector } from '../../shared/adapters/collectors/log-groups.ts';
import { createWebAclAssociationsCollector, webAclTargets } from '../../shared/adapters/collectors/web-acl-associations.ts';
import { createConfigLister } from '../../shared/adapters/config-service.ts';
import { findingTagKeysVar } from '../../shared/adapters/dynamodb-findings-queries-keys.ts';
import { createFindingsStore } from '../../shared/adapters/dynamodb-findings-store.ts';
import { createHeartbeatRecorder } from '../../shared/adapters/dynamodb-heartbeats.ts';
import { readEnv } from '../../shared/adapters/env.ts';
import { createSweepContinuation } from '../../shared/adapters/lambda-sweep-continuation.ts';
import { createEvaluationQueue } from '../../shared/adapters/sqs-evaluation-queue.ts';
// What the sweep reads of the rules (the types to sweep), without their code.
import { ruleScopes } from '../../shared/rules/catalog-metadata.ts';
import { applyCodeSuppressions, parseCodeSuppressionsJson } from '../../shared/app/suppressions-as-code.ts';
import { createSweepHandler } from './create-sweep-handler.ts';

const env = readEnv({
  AWS_REGION: z.string().check(z.minLength(1)),
  AWS_LAMBDA_FUNCTION_NAME: z.string().check(z.minLength(1)),
  ACCOUNT_ID: z.string().check(z.regex(/^\d{12}$/)),
  FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)),
  FINDING_TAG_KEYS: findingTagKeysVar,
  EVALUATION_QUEUE_URL: z.url(),
  // suppressions.yml, validated at package time (infra/catalog.cjs).
  SUPPRESSIONS_AS_CODE: z.pipe(
    z._default(z.string(), '[]'),
    z.transform((json: string, ctx) => {
      try {
        return parseCodeSuppressionsJson(json);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: error instanceof Error ? error.message : String(error), input: json });
        return z.NEVER;
      }
    }),
  ),
});

const logger = new Logger();
const metrics = new Metrics();

// Sweeps read in bulk and meet throttling: adaptive retries slow the client down instead of failing.
const clientConfig = { region: env.AWS_REGION, maxAttempts: 10, retryMode: 'adaptive' } as const;

const dynamodb = new DynamoDBClient(clientConfig);
const store = createFindingsStore({ client: dynamodb, tableName: env.FINDINGS_TABLE_NAME, tagKeys: env.FINDING_TAG_KEYS });
const iam = new IAMClient(clientConfig);
const elastiCache = new ElastiCacheClient(clientConfig);

export const handler = createSweepHandler({
  deps: {
    accountId: env.ACCOUNT_ID,
    region: env.AWS_REGION,
    configReader: createConfigLister({ client: new ConfigServiceClient(clientConfig), accountId: env.ACCOUNT_ID }),
    collectors: [
      createLogGroupsCollector({ client: new CloudWatchLogsClient(clientConfig) }),
      createElastiCacheReplicationGroupsCollector({ client: elastiCache }),
      createElastiCacheCacheClustersCollector({ client: elastiCache }),
      createWebAclAssociationsCollector({
        client: new WAFV2Client(clientConfig),
        // The load balancers and API stages Vigil knows of, as stored by earlier evaluations.
        resourceArns: async (scope) => {
          const types = ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ApiGateway::Stage'];
          const stored = await Promise.all(types.map((resourceType) => store.listResources({ ...scope, resourceType })));
          return webAclTargets(stored.flat(), scope);
        },
      }),
      createAccountSummaryCollector({ iam, backup: new BackupClient(clientConfig), guardDuty: new GuardDutyClient(clientConfig) }),
      createCredentialReportCollector({ client: iam }),
    ],
    store,
    queue: createEvaluationQueue({ client: new SQSClient(clientConfig), queueUrl: env.EVALUATION_QUEUE_URL }),
    catalog: ruleScopes,
    heartbeats: createHeartbeatRecorder({ client: dynamodb, tableName: env.FINDINGS_TABLE_NAME }),
  },
  continuation: createSweepContinuation({ client: new LambdaClient(clientConfig), functionName: env.AWS_LAMBDA_FUNCTION_NAME }),
  beforeSweep: () => applyCodeSuppressions(store, env.SUPPRESSIONS_AS_CODE),
  logger,
  metrics,
});
