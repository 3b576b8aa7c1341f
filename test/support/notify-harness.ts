/**
 * notify and redeliver wired as deployed (functions/notify/wiring.ts) over real parts: the ledger
 * and the alert heartbeat on dynalite, Slack on a scripted loopback webhook, SNS / EventBridge / Secrets Manager on the
 * loopback AWS server, all through the real SDK clients; a fake clock so outages take no time.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { vi } from 'vitest';
import { createNotifyHandler } from '../../functions/notify/create-notify-handler.ts';
import { ruleLookup, sendersFor } from '../../functions/notify/wiring.ts';
import { createRedeliverHandler } from '../../functions/redeliver/create-redeliver-handler.ts';
import { createAlertLedger } from '../../shared/adapters/alert-ledger.ts';
import { createHeartbeatRecorder } from '../../shared/adapters/dynamodb-heartbeats.ts';
import { createWebhookSecrets, resolveWebhookSecrets } from '../../shared/adapters/secrets.ts';
import { parseChannels, type ChannelInput } from '../../shared/app/notify-alerts.ts';
import type { AlertLedger } from '../../shared/app/notify-ports.ts';
import type { Suppression } from '../../shared/domain/suppression.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { createFindingsTable } from '../../local/findings-table.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';
import { awsError, startLoopbackAws, testClientConfig, type LoopbackAws } from './loopback-aws.ts';
import { startLoopbackSlack, type LoopbackSlack } from './loopback-slack.ts';

export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:vigil-test-alerts';
export const WEBHOOK_SECRET = 'vigil/test/slack-webhook';
export const WEBHOOK_PARAMETER = '/vigil/test/slack-webhook';
export const DEFAULT_CHANNELS: readonly ChannelInput[] = [
  { id: 'ops-slack', type: 'slack', target: WEBHOOK_SECRET },
  { id: 'ops-sns', type: 'sns', target: TOPIC_ARN },
  { id: 'bus', type: 'eventbridge', target: 'default' },
];

export interface NotifyHarness {
  readonly clock: FakeClock;
  readonly slack: LoopbackSlack;
  readonly aws: LoopbackAws;
  readonly ddb: LocalDynamoDb;
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  readonly ledger: AlertLedger;
  /** Entries PutEvents rejected, by call index (1-based), for fault tests. */
  failEntries: (call: number, entryIndex: number) => string | undefined;
  suppressions: Suppression[];
  /** The details of the events PutEvents accepted, in order. */
  readonly deliveredEvents: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** One stream batch through the notify handler; `remainingMs` is the invocation's time budget. */
  notify(records: readonly DynamoDBRecord[], remainingMs?: number): Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  redeliver(event?: { kind?: 'redeliver' | 'expiring-suppressions' }, remainingMs?: number): Promise<unknown>;
  /** The Metrics.addMetric spy (both functions). */
  readonly metricCalls: () => [string, string, number][];
  readonly errors: ReturnType<typeof vi.spyOn>;
  close(): Promise<void>;
}

export interface NotifyHarnessOptions {
  readonly channels?: readonly ChannelInput[];
  readonly ledger?: (ledger: AlertLedger) => AlertLedger;
  /** An existing dynalite and findings table (a pipeline's), else a fresh one. */
  readonly ddb?: LocalDynamoDb;
  readonly tableName?: string;
  readonly clock?: FakeClock;
}

export async function startNotifyHarness(options: NotifyHarnessOptions = {}): Promise<NotifyHarness> {
  const clock = options.clock ?? createFakeClock();
  const slack = await startLoopbackSlack();
  const ownDb = options.ddb === undefined;
  const ddb = options.ddb ?? (await startDynalite());
  // Its own client: the ledger's writes are not the pipeline's (and not on its stream recorder).
  const dynamo = new DynamoDBClient(ddb.clientConfig);
  const tableName = options.tableName ?? (await createFindingsTable(dynamo));
  let putEventsCalls = 0;
  const harness = {
    failEntries: (() => undefined) as NotifyHarness['failEntries'],
    suppressions: [] as Suppression[],
    deliveredEvents: [] as unknown[],
  };
  let published = 0;
  const aws = await startLoopbackAws({
    GetSecretValue: (input: { SecretId: string }) =>
      input.SecretId === WEBHOOK_SECRET
        ? { ARN: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${WEBHOOK_SECRET}-AbCdEf`, Name: WEBHOOK_SECRET, SecretString: slack.url, VersionId: 'v1' }
        : awsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret."),
    // SSM SecureString: the value only with WithDecryption, as SSM answers.
    GetParameter: (input: { Name: string; WithDecryption?: boolean }) =>
      input.Name === WEBHOOK_PARAMETER
        ? { Parameter: { Name: input.Name, Type: 'SecureString', Value: input.WithDecryption ? slack.url : 'AQICAHencrypted', Version: 1 } }
        : awsError('ParameterNotFound', `Parameter ${input.Name} not found.`),
    Publish: (input: Record<string, string>) => (input['TopicArn'] === TOPIC_ARN ? `<MessageId>msg-${++published}</MessageId>` : awsError('NotFound', 'Topic does not exist', 404)),
    PutEvents: (input: { Entries: { Detail: string }[] }) => {
      const call = ++putEventsCalls;
      const results = input.Entries.map((entry, i) => {
        const error = harness.failEntries(call, i);
        if (!error) harness.deliveredEvents.push(JSON.parse(entry.Detail));
        return error ? { ErrorCode: error, ErrorMessage: 'loopback refused this entry' } : { EventId: `evt-${call}-${i}` };
      });
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    },
  });
  const channels = parseChannels(options.channels ?? DEFAULT_CHANNELS);
  const baseLedger = createAlertLedger({ client: dynamo, tableName });
  const ledger = options.ledger ? options.ledger(baseLedger) : baseLedger;
  const secrets = createWebhookSecrets({
    provider: new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient(testClientConfig(aws.endpoint)) }),
    parameters: new SSMProvider({ awsSdkV3Client: new SSMClient(testClientConfig(aws.endpoint)) }),
    channels,
  });
  const senders = sendersFor(channels, {
    sns: new SNSClient(testClientConfig(aws.endpoint)),
    eventBridge: new EventBridgeClient(testClientConfig(aws.endpoint)),
    webhookUrl: (id) => secrets.url(id),
    rules: ruleLookup,
    now: clock.now,
    sleep: clock.sleep,
  });
  const logger = new Logger({ serviceName: 'vigil-test', logLevel: 'SILENT' });
  // Quiet, as in the other handler tests: EMF lines would print after every invocation, and the
  // "No application metrics to publish" warning goes to the silent logger. addMetric is spied on.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  const metrics = new Metrics({ namespace: 'VigilTest', serviceName: 'vigil-test', logger });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  const errors = vi.spyOn(logger, 'error');
  const deps = { channels, senders, ledger, heartbeats: createHeartbeatRecorder({ client: dynamo, tableName }), now: () => clock.date() };
  const notifyHandler = createNotifyHandler({ deps, middlewares: [resolveWebhookSecrets(secrets)], logger, metrics });
  const redeliverHandler = createRedeliverHandler({
    deps: { ...deps, listSuppressions: async () => harness.suppressions },
    middlewares: [resolveWebhookSecrets(secrets)],
    logger,
    metrics,
  });
  const context = (remainingMs: number): Context => {
    const deadline = clock.now() + remainingMs;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: 'vigil-test-notify',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:vigil-test-notify',
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: '/aws/lambda/vigil-test-notify',
      logStreamName: 'loopback',
      getRemainingTimeInMillis: () => deadline - clock.now(),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  };
  return Object.assign(harness, {
    clock,
    slack,
    aws,
    ddb,
    dynamo,
    tableName,
    ledger,
    notify: (records: readonly DynamoDBRecord[], remainingMs = 300_000) =>
      notifyHandler({ Records: [...records] }, context(remainingMs)) as Promise<{ batchItemFailures: { itemIdentifier: string }[] }>,
    redeliver: (event: { kind?: 'redeliver' | 'expiring-suppressions' } = {}, remainingMs = 300_000) => redeliverHandler(event, context(remainingMs)),
    metricCalls: () => addMetric.mock.calls.map((c) => [c[0], c[1], c[2]] as [string, string, number]),
    errors,
    async close() {
      await Promise.all([slack.close(), aws.close()]);
      dynamo.destroy();
      if (ownDb) await ddb.stop();
    },
  });
}
