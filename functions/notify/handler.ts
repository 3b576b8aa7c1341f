/**
 * The deployed notify function: environment, clients, channels and senders built once per cold
 * start; webhook URLs fetched from Secrets Manager before the first invocation (middleware).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { resolveWebhookSecrets } from '../../shared/adapters/secrets.ts';
import { createNotifyHandler } from './create-notify-handler.ts';
import { buildAlerting, readNotifyEnv } from './wiring.ts';

const env = readNotifyEnv();
const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();
const alerting = buildAlerting(env, tracer);

export const handler = createNotifyHandler({
  deps: {
    channels: alerting.channels,
    senders: alerting.senders,
    ledger: alerting.ledger,
    heartbeats: alerting.heartbeats,
    teamTagKey: env.TEAM_TAG_KEY,
    now: () => new Date(),
  },
  middlewares: [resolveWebhookSecrets(alerting.secrets)],
  logger,
  metrics,
  tracer,
});
