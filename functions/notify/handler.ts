/**
 * The deployed notify function: environment, clients, channels and senders built once per cold
 * start; webhook URLs fetched from Secrets Manager before the first invocation (middleware).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { resolveWebhookSecrets } from '../../shared/adapters/secrets.ts';
import { createNotifyHandler } from './create-notify-handler.ts';
import { buildAlerting, readNotifyEnv } from './wiring.ts';

const env = readNotifyEnv();
const logger = new Logger();
const metrics = new Metrics();
const alerting = buildAlerting(env);

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
});
