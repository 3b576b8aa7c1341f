/**
 * The deployed redeliver function (every 5 minutes, and weekly for expiring suppressions): the
 * same channels, senders and ledger as notify (functions/notify/wiring.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../shared/zod.ts';
import { readEnv } from '../../shared/adapters/env.ts';
import { resolveWebhookSecrets } from '../../shared/adapters/secrets.ts';
import { createEvaluationQueue } from '../../shared/adapters/sqs-evaluation-queue.ts';
import { createEndedSuppressionsReader } from '../../shared/adapters/suppressed-findings.ts';
import { reopenExpiredSuppressions } from '../../shared/app/suppression-expiry.ts';
import { buildAlerting, readNotifyEnv } from '../notify/wiring.ts';
import { createRedeliverHandler } from './create-redeliver-handler.ts';

const env = readNotifyEnv();
const { EVALUATION_QUEUE_URL } = readEnv({ EVALUATION_QUEUE_URL: z.url() });
const logger = new Logger();
const metrics = new Metrics();
const alerting = buildAlerting(env);
const queue = createEvaluationQueue({ client: new SQSClient({ region: env.AWS_REGION }), queueUrl: EVALUATION_QUEUE_URL });
const findingsWithEndedSuppression = createEndedSuppressionsReader({
  client: new DynamoDBClient({ region: env.AWS_REGION }),
  tableName: env.FINDINGS_TABLE_NAME,
});

export const handler = createRedeliverHandler({
  deps: {
    channels: alerting.channels,
    senders: alerting.senders,
    ledger: alerting.ledger,
    heartbeats: alerting.heartbeats,
    listSuppressions: () => alerting.store.listSuppressions(),
    reopenExpiredSuppressions: () => reopenExpiredSuppressions({ findingsWithEndedSuppression, queue, now: () => new Date() }),
    now: () => new Date(),
  },
  middlewares: [resolveWebhookSecrets(alerting.secrets)],
  logger,
  metrics,
});
