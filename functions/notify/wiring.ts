/**
 * What the notify and redeliver functions build once per cold start from the environment: the
 * channels (ALERT_CHANNELS, validated at package time by infra/catalog.cjs too), a sender per
 * channel, the ledger, the webhook secrets and the rule lookup.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import * as z from '../../shared/zod.ts';
import { createAlertLedger } from '../../shared/adapters/alert-ledger.ts';
import { createFindingsStore } from '../../shared/adapters/dynamodb-findings-store.ts';
import { createHeartbeatRecorder } from '../../shared/adapters/dynamodb-heartbeats.ts';
import { jsonVar, readEnv } from '../../shared/adapters/env.ts';
import { createEventBridgeSender } from '../../shared/adapters/eventbridge-sender.ts';
import { createWebhookSecrets } from '../../shared/adapters/secrets.ts';
import { createSlackSender } from '../../shared/adapters/slack-sender.ts';
import { createSnsSender } from '../../shared/adapters/sns-sender.ts';
import { parseChannels, type Channel } from '../../shared/app/notify-alerts.ts';
import type { AlertSender } from '../../shared/app/notify-ports.ts';
import type { RuleLookup } from '../../shared/app/notify-slack-message.ts';
import { ruleTexts } from '../../shared/rules/catalog-metadata.ts';

export function readNotifyEnv(source: Readonly<Record<string, string | undefined>> = process.env) {
  return readEnv(
    {
      AWS_REGION: z.string().check(z.minLength(1)),
      FINDINGS_TABLE_NAME: z.string().check(z.minLength(3)),
      ALERT_CHANNELS: z.pipe(
        jsonVar(z.array(z.unknown())),
        z.transform((raw: unknown[], ctx) => {
          try {
            return parseChannels(raw);
          } catch (error) {
            ctx.issues.push({ code: 'custom', message: error instanceof Error ? error.message : String(error), input: raw });
            return z.NEVER;
          }
        }),
      ),
      TEAM_TAG_KEY: z._default(z.string().check(z.minLength(1)), 'vigil:team'),
      /** The stack's topic, for SNS channels whose target is `default`. */
      ALERTS_TOPIC_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
    },
    source,
  );
}

/** The catalog's titles and remediations, by rule id. */
export const ruleLookup: RuleLookup = (id: string) => (Object.hasOwn(ruleTexts, id) ? ruleTexts[id] : undefined);

export interface SenderClients {
  readonly sns: SNSClient;
  readonly eventBridge: EventBridgeClient;
  readonly webhookUrl: (channelId: string) => string;
  readonly rules: RuleLookup;
  /** The stack's own topic (target `default`). */
  readonly defaultTopicArn?: string | undefined;
  /** Clock and sleep for the senders' rate limit and backoff (tests simulate hours with them). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One sender per channel, by the channel's type. */
export function sendersFor(channels: readonly Channel[], clients: SenderClients): Record<string, AlertSender> {
  return Object.fromEntries(
    channels.map((channel) => {
      if (channel.type === 'slack') return [channel.id, createSlackSender({ webhookUrl: () => clients.webhookUrl(channel.id), rules: clients.rules, ...(clients.now ? { now: clients.now } : {}), ...(clients.sleep ? { sleep: clients.sleep } : {}) })];
      if (channel.type === 'sns') {
        const topicArn = channel.target === 'default' ? clients.defaultTopicArn : channel.target;
        if (!topicArn) throw new Error(`channel ${channel.id}: target "default" needs ALERTS_TOPIC_ARN`);
        return [channel.id, createSnsSender({ client: clients.sns, topicArn, rules: clients.rules })];
      }
      return [channel.id, createEventBridgeSender({ client: clients.eventBridge, eventBusName: channel.target, rules: clients.rules, ...(clients.sleep ? { sleep: clients.sleep } : {}) })];
    }),
  );
}

/** Everything both functions share (the alert heartbeat included), built once per cold start. */
export function buildAlerting(env: ReturnType<typeof readNotifyEnv>) {
  const clientConfig = { region: env.AWS_REGION } as const;
  const dynamo = new DynamoDBClient(clientConfig);
  const secrets = createWebhookSecrets({
    provider: new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient(clientConfig) }),
    parameters: new SSMProvider({ awsSdkV3Client: new SSMClient(clientConfig) }),
    channels: env.ALERT_CHANNELS,
  });
  const senders = sendersFor(env.ALERT_CHANNELS, {
    sns: new SNSClient(clientConfig),
    eventBridge: new EventBridgeClient(clientConfig),
    webhookUrl: (id) => secrets.url(id),
    rules: ruleLookup,
    defaultTopicArn: env.ALERTS_TOPIC_ARN,
  });
  return {
    channels: env.ALERT_CHANNELS,
    senders,
    secrets,
    ledger: createAlertLedger({ client: dynamo, tableName: env.FINDINGS_TABLE_NAME }),
    store: createFindingsStore({ client: dynamo, tableName: env.FINDINGS_TABLE_NAME }),
    heartbeats: createHeartbeatRecorder({ client: dynamo, tableName: env.FINDINGS_TABLE_NAME }),
  };
}
