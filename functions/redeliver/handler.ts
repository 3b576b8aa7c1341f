/**
 * The deployed redeliver function (every 5 minutes, and weekly for expiring suppressions): the
 * same channels, senders and ledger as notify (functions/notify/wiring.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { resolveWebhookSecrets } from '../../shared/adapters/secrets.ts';
import { buildAlerting, readNotifyEnv } from '../notify/wiring.ts';
import { createRedeliverHandler } from './create-redeliver-handler.ts';

const env = readNotifyEnv();
const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();
const alerting = buildAlerting(env, tracer);

export const handler = createRedeliverHandler({
  deps: {
    channels: alerting.channels,
    senders: alerting.senders,
    ledger: alerting.ledger,
    listSuppressions: () => alerting.store.listSuppressions(),
    now: () => new Date(),
  },
  middlewares: [resolveWebhookSecrets(alerting.secrets)],
  logger,
  metrics,
  tracer,
});
