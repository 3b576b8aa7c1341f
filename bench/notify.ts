/**
 * notify's costs, measured on this machine:
 * - CPU per transition: notifyTransitions over stream records (parse, classify, route, render the
 *   Slack, SNS and EventBridge payloads), with an in-memory ledger and senders that render but do
 *   no I/O, so the figure is notify's own work (ledger writes and HTTP are waits, not CPU);
 * - alerts per second per channel: the real senders against loopback servers. Slack's rate is
 *   the token bucket's (1 message/s, burst 3), measured on a simulated clock; SNS and EventBridge
 *   have no client-side limit, so theirs is what one invocation pushes through the loopback server
 *   with the real SDK clients (a ceiling set by this machine, not by AWS).
 *
 * Run alone with `node bench/notify.ts`; bench/run.ts calls benchNotify().
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { ruleLookup } from '../functions/notify/wiring.ts';
import { createEventBridgeSender } from '../shared/adapters/eventbridge-sender.ts';
import { createSlackSender } from '../shared/adapters/slack-sender.ts';
import { createSnsSender } from '../shared/adapters/sns-sender.ts';
import { alertsForChannel, parseChannels, type Alert } from '../shared/app/notify-alerts.ts';
import { renderEvent, renderSnsMessage } from '../shared/app/notify-payloads.ts';
import type { AlertLedger, AlertSender, LedgerStatus } from '../shared/app/notify-ports.ts';
import { renderSlackMessage } from '../shared/app/notify-slack-message.ts';
import { transitionOfRecord } from '../shared/app/notify-transitions.ts';
import { notifyTransitions } from '../shared/app/notify.ts';
import { createFakeClock } from '../test/support/fake-clock.ts';
import { findingImage, streamRecord } from '../test/support/finding-images.ts';
import { startLoopbackAws, testClientConfig } from '../test/support/loopback-aws.ts';
import { startLoopbackSlack } from '../test/support/loopback-slack.ts';

const channels = parseChannels([
  { id: 'slack', type: 'slack', target: 'vigil/slack' },
  { id: 'sns', type: 'sns', target: 'arn:aws:sns:eu-west-1:111122223333:vigil-alerts' },
  { id: 'bus', type: 'eventbridge', target: 'default' },
]);

function memoryLedger(): AlertLedger {
  const entries = new Map<string, { alert: Alert; status: LedgerStatus }>();
  return {
    async createPending(list) {
      const out = new Map<string, 'created' | LedgerStatus>();
      for (const { alert } of list) {
        const e = entries.get(alert.id);
        out.set(alert.id, e ? e.status : 'created');
        if (!e) entries.set(alert.id, { alert, status: 'PENDING' });
      }
      return out;
    },
    hasPending: async () => false,
    async *listPending() {},
    claim: async () => true,
    async markDelivered(id) {
      const e = entries.get(id);
      if (e) e.status = 'DELIVERED';
    },
    async markFailed(id) {
      const e = entries.get(id);
      if (e) e.status = 'FAILED';
    },
    release: async () => undefined,
    get: async (id) => {
      const e = entries.get(id);
      return e ? { ...e, attempts: 0 } : undefined;
    },
  };
}

/** Renders what the channel would send, and sends nothing. */
function renderingSender(render: (alert: Alert) => unknown, batchSize = 1): AlertSender {
  return {
    batchSize,
    async send(alerts) {
      for (const a of alerts) JSON.stringify(render(a));
      return alerts.map(() => ({ kind: 'delivered' as const }));
    },
  };
}

const records = (n: number, offset: number) =>
  Array.from({ length: n }, (_, i) => streamRecord(undefined, findingImage({ resourceId: `table-${offset + i}`, reason: `DynamoDB table table-${offset + i} has point-in-time recovery disabled.` })));

async function cpuMsPerTransition(batchSize: number, batches: number): Promise<number> {
  const senders = {
    slack: renderingSender((a) => renderSlackMessage(a, ruleLookup)),
    sns: renderingSender((a) => renderSnsMessage(a, ruleLookup)),
    bus: renderingSender((a) => renderEvent(a, ruleLookup), 10),
  };
  const input = Array.from({ length: batches }, (_, b) => records(batchSize, b * batchSize));
  const ledger = memoryLedger();
  // Warm-up (JIT), then measured.
  await notifyTransitions(records(batchSize, 1e7), { channels, senders, ledger, now: () => new Date() });
  const started = process.cpuUsage();
  for (const batch of input) await notifyTransitions(batch, { channels, senders, ledger, now: () => new Date() });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / (batchSize * batches);
}

async function alertsPerSecond(): Promise<{ slack: number; slackSimulatedSeconds: number; sns: number; eventBridge: number }> {
  const transitions = records(60, 0).flatMap((r) => transitionOfRecord(r) ?? []);
  const [slackChannel, snsChannel, busChannel] = channels;
  if (!slackChannel || !snsChannel || !busChannel) throw new Error('channels');
  const one = (channel: typeof slackChannel) => transitions.flatMap((t) => alertsForChannel(channel, [t]));

  // Slack: the token bucket on a simulated clock, against the loopback webhook.
  const slack = await startLoopbackSlack();
  const clock = createFakeClock();
  const slackSender = createSlackSender({ webhookUrl: () => slack.url, rules: ruleLookup, now: clock.now, sleep: clock.sleep });
  const start = clock.now();
  for (const alert of one(slackChannel)) await slackSender.send([alert], { remainingTimeMs: () => 900_000 });
  const slackSeconds = (clock.now() - start) / 1000;
  const slackRate = slack.delivered().length / Math.max(slackSeconds, 1e-9);
  await slack.close();

  // SNS and EventBridge: the real SDK clients against the loopback AWS server, real time.
  const aws = await startLoopbackAws({
    Publish: () => '<MessageId>m</MessageId>',
    PutEvents: (input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e${i}` })) }),
  });
  const sns = createSnsSender({ client: new SNSClient(testClientConfig(aws.endpoint)), topicArn: snsChannel.target, rules: ruleLookup });
  const bus = createEventBridgeSender({ client: new EventBridgeClient(testClientConfig(aws.endpoint)), eventBusName: 'default', rules: ruleLookup });
  const rate = async (sender: AlertSender, alerts: Alert[]): Promise<number> => {
    await sender.send(alerts.slice(0, sender.batchSize), { remainingTimeMs: () => 900_000 }); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < alerts.length; i += sender.batchSize) await sender.send(alerts.slice(i, i + sender.batchSize), { remainingTimeMs: () => 900_000 });
    return alerts.length / ((performance.now() - t0) / 1000);
  };
  const snsRate = await rate(sns, one(snsChannel));
  const busRate = await rate(bus, one(busChannel));
  await aws.close();
  return { slack: slackRate, slackSimulatedSeconds: slackSeconds, sns: snsRate, eventBridge: busRate };
}

export async function benchNotify(): Promise<string> {
  const single = await cpuMsPerTransition(1, 300);
  const small = await cpuMsPerTransition(5, 100);
  const firstDeploy = await cpuMsPerTransition(500, 2);
  const rates = await alertsPerSecond();
  return [
    '## Alerts (notify)',
    '',
    'CPU per transition: `notifyTransitions` over stream records, three channels (Slack, SNS from high, EventBridge), rendering every payload, with an in-memory ledger and no I/O (`process.cpuUsage`, after a warm-up batch).',
    '',
    '| batch | CPU ms per transition |',
    '|---|---:|',
    `| 1 transition per batch (300 batches) | ${single.toFixed(3)} |`,
    `| 5 transitions per batch (100 batches) | ${small.toFixed(3)} |`,
    `| 500 transitions per batch (first deploy: one digest per Slack/SNS channel, 50 PutEvents) | ${firstDeploy.toFixed(3)} |`,
    '',
    'Alerts per second per channel, through the real senders:',
    '',
    '| channel | alerts per second | how |',
    '|---|---:|---|',
    `| Slack | ${rates.slack.toFixed(2)} | 60 alerts on a simulated clock through the token bucket (1/s, burst 3) to the loopback webhook: ${rates.slackSimulatedSeconds.toFixed(0)} simulated seconds |`,
    `| SNS | ${Math.round(rates.sns).toLocaleString('en')} | one Publish per alert, real SNS client, loopback server, one invocation (this machine's ceiling; AWS's Publish quota is per account and region) |`,
    `| EventBridge | ${Math.round(rates.eventBridge).toLocaleString('en')} | 10 entries per PutEvents, real EventBridge client, loopback server, one invocation |`,
    '',
    'Slack is the bottleneck by design: one message a second per webhook. A stream batch with 10 or more transitions for a channel goes out as one digest, so a first deployment costs one Slack message, not one per finding.',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${await benchNotify()}\n`);
