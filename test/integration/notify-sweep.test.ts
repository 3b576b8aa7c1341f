/**
 * A sweep's transitions reach each Slack / SNS channel as one digest once the sweep is quiet, however
 * many stream batches and minutes its evaluations spread over: the real sweep queues the
 * evaluations (loopback Config and SQS), the evaluation pipeline writes the findings to dynalite,
 * the stream recorder hands notify its records in many batches, and the scheduled redeliver sends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from 'aws-lambda';
import { alertId, type ChannelInput } from '../../shared/app/notify-alerts.ts';
import { SWEEP_QUIET_MS } from '../../shared/app/notify.ts';
import { runSweep } from '../../shared/app/sweep.ts';
import { LedgerStatus } from '../../shared/app/notify-ports.ts';
import { catalog } from '../../shared/rules/index.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { ACCOUNT, REGION, asFakeItem, changeEvent, tableItem } from '../support/config-events.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { startNotifyHarness, TOPIC_ARN, type NotifyHarness, type NotifyHarnessOptions } from '../support/notify-harness.ts';
import { startPipeline, type Pipeline } from '../support/pipeline.ts';

const PITR = 'dynamodb-table-pitr-enabled';
const rules = catalog.filter((r) => r.id === PITR);
const CHANNELS: ChannelInput[] = [
  { id: 'ops-slack', type: 'slack', target: 'vigil/test/slack-webhook', minSeverity: 'informational' },
  { id: 'ops-sns', type: 'sns', target: TOPIC_ARN, minSeverity: 'informational' },
  { id: 'bus', type: 'eventbridge', target: 'default' },
];
const T0 = Date.parse('2026-12-01T02:00:00.000Z');
const MINUTE = 60_000;

interface World {
  ddb: LocalDynamoDb;
  pipeline: Pipeline;
  h: NotifyHarness;
  clock: FakeClock;
}
let world: World | undefined;

async function startWorld(tables: readonly string[], options: Pick<NotifyHarnessOptions, 'ledger' | 'channels'> = {}): Promise<World> {
  const clock = createFakeClock(T0);
  const ddb = await startDynalite();
  const pipeline = await startPipeline(ddb, {
    catalog: rules,
    now: () => clock.date(),
    configItems: tables.map((name, i) => asFakeItem(tableItem({ name, stateId: T0 - 1_000_000 + i, pitr: false, deletionProtection: true }))),
  });
  const h = await startNotifyHarness({ ddb, tableName: pipeline.tableName, clock, channels: options.channels ?? CHANNELS, ...(options.ledger ? { ledger: options.ledger } : {}) });
  return (world = { ddb, pipeline, h, clock });
}

afterEach(async () => {
  if (!world) return;
  await world.h.close();
  await world.pipeline.close();
  await world.ddb.stop();
  world = undefined;
});

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

/** The sweep, then its evaluation messages one at a time, a minute apart; notify gets the stream in batches of `batch` records. */
async function sweep(w: World, batch: number): Promise<{ sweepId: string; batches: DynamoDBRecord[][] }> {
  const { sweepId } = await runSweep({ accountId: ACCOUNT, region: REGION, configReader: w.pipeline.deps.configReader(ACCOUNT, REGION), store: w.pipeline.store, queue: w.pipeline.deps.queue, catalog: rules, now: () => w.clock.date() });
  const batches: DynamoDBRecord[][] = [];
  for (let bodies = w.pipeline.queue.take(); bodies.length > 0; bodies = w.pipeline.queue.take()) {
    for (const body of bodies) {
      await w.pipeline.process(body);
      const records = w.pipeline.stream.take();
      for (let i = 0; i < records.length; i += batch) {
        batches.push(records.slice(i, i + batch));
        await w.h.notify(records.slice(i, i + batch));
      }
      w.clock.advance(MINUTE);
    }
  }
  return { sweepId, batches };
}

/** A configuration change of one table, evaluated, and its stream batch handed to notify. */
async function change(w: World, name: string, pitr: boolean): Promise<void> {
  const item = { ...tableItem({ name, stateId: w.clock.now(), pitr, deletionProtection: true }), configurationItemCaptureTime: w.clock.date().toISOString() };
  await w.pipeline.process(changeEvent(item));
  await w.h.notify(w.pipeline.stream.take());
}

const findingKey = (table: string) => `RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#${table}|${PITR}`;
const headers = (h: NotifyHarness) => h.slack.delivered().map((p) => String(p.body.blocks[0]?.text?.text));

describe('sweep digests (dynalite, loopback Config / SQS / Slack / SNS / EventBridge, the stream recorder)', () => {
  it('a sweep opening 300 findings over many stream batches and 3 minutes: after the quiet period, one Slack post and one SNS publish, and one event per transition; nothing before', async () => {
    // Prepare
    const w = await startWorld(names(300, 'orders'));

    // Act: the sweep's three messages (100 tables each), a minute apart, 25 records a stream batch
    const { sweepId, batches } = await sweep(w, 25);

    // Assess: held, not sent; EventBridge at once
    expect(batches.length).toBeGreaterThanOrEqual(12);
    expect(w.h.slack.delivered()).toHaveLength(0);
    expect(w.h.aws.callsTo('Publish')).toHaveLength(0);
    expect(w.h.deliveredEvents).toHaveLength(300);

    // Act: the scheduled redeliver within the quiet period sends nothing
    w.clock.advance(SWEEP_QUIET_MS - 4 * MINUTE);
    await w.h.redeliver();
    expect(w.h.slack.delivered()).toHaveLength(0);
    expect(w.h.aws.callsTo('Publish')).toHaveLength(0);

    // Act: the run after the sweep has been quiet long enough
    w.clock.advance(5 * MINUTE);
    await w.h.redeliver();

    // Assess: one digest per channel, naming the sweep; every transition delivered through it
    expect(headers(w.h)).toEqual(['🟨 Vigil digest: 300 finding changes']);
    expect(JSON.stringify(w.h.slack.delivered()[0]?.body)).toContain(`sweep ${sweepId}`);
    const publishes = w.h.aws.callsTo('Publish');
    expect(publishes).toHaveLength(1);
    const body = JSON.parse(String((publishes[0]?.input as { Message: string }).Message)) as { kind: string; total: number; sweepId: string; byTransition: unknown };
    expect(body).toMatchObject({ kind: 'digest', total: 300, sweepId, byTransition: { opened: 300 } });
    expect(w.h.deliveredEvents).toHaveLength(300);
    const entry = await w.h.ledger.get(alertId({ findingKey: findingKey('orders-123'), version: 1, kind: 'opened' }, 'ops-slack'));
    expect(entry?.status).toBe(LedgerStatus.DELIVERED);

    // Act: a stream batch delivered again, and later scheduled runs
    await w.h.notify(batches[5] ?? []);
    w.clock.advance(SWEEP_QUIET_MS);
    await w.h.redeliver();
    await w.h.redeliver();

    // Assess: nothing twice
    expect(w.h.slack.delivered()).toHaveLength(1);
    expect(w.h.aws.callsTo('Publish')).toHaveLength(1);
    expect(w.h.deliveredEvents).toHaveLength(300);
  }, 120_000);

  it('a sweep with 4 transitions for a channel gives 4 single alerts once it is quiet', async () => {
    // Prepare
    const w = await startWorld(names(4, 'ledger'));

    // Act
    await sweep(w, 2);
    expect(w.h.slack.delivered()).toHaveLength(0);
    w.clock.advance(SWEEP_QUIET_MS);
    await w.h.redeliver();

    // Assess
    expect(w.h.slack.delivered().map((p) => String(p.body.blocks[1]?.text?.text))).toEqual(Array.from({ length: 4 }, () => '*Opened*: a new finding.'));
    expect(w.h.aws.callsTo('Publish')).toHaveLength(4);
    expect(w.h.deliveredEvents).toHaveLength(4);
    await w.h.redeliver();
    expect(w.h.slack.delivered()).toHaveLength(4);
  }, 60_000);

  it('findings a sweep opened and then resolved (judged before what their rule reads was stored) are left out of its digest, and nothing of them is sent', async () => {
    // Prepare: 14 tables without PITR
    const w = await startWorld(names(14, 'flap'));
    const { sweepId } = await runSweep({ accountId: ACCOUNT, region: REGION, configReader: w.pipeline.deps.configReader(ACCOUNT, REGION), store: w.pipeline.store, queue: w.pipeline.deps.queue, catalog: rules, now: () => w.clock.date() });
    const bodies = w.pipeline.queue.take();
    for (const body of bodies) await w.pipeline.process(body);
    await w.h.notify(w.pipeline.stream.take());

    // Act: within the same sweep, two of them are judged again on newer items that have PITR on
    // (as a sweep re-evaluates the dependents of what it stores later), in a later stream batch
    w.clock.advance(MINUTE);
    for (const name of ['flap-003', 'flap-007']) w.pipeline.config.record(asFakeItem(tableItem({ name, stateId: w.clock.now(), pitr: true, deletionProtection: true })));
    for (const body of bodies) await w.pipeline.process(body);
    await w.h.notify(w.pipeline.stream.take());
    w.clock.advance(SWEEP_QUIET_MS);
    await w.h.redeliver();

    // Assess: one digest of the 12 that stayed open; the flapping pair finished, not sent
    expect(headers(w.h)).toEqual(['🟨 Vigil digest: 12 finding changes']);
    const publishes = w.h.aws.callsTo('Publish');
    expect(publishes).toHaveLength(1);
    const body = JSON.parse(String((publishes[0]?.input as { Message: string }).Message)) as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'digest', total: 12, sweepId, byTransition: { opened: 12 } });
    expect(JSON.stringify(body)).not.toContain('flap-003');
    for (const [version, kind] of [[1, 'opened'], [2, 'resolved']] as const) {
      const entry = await w.h.ledger.get(alertId({ findingKey: findingKey('flap-003'), version, kind }, 'ops-slack'));
      expect(entry?.status).toBe(LedgerStatus.DELIVERED);
    }
    await w.h.redeliver();
    expect(w.h.slack.delivered()).toHaveLength(1);
  }, 60_000);

  it('a redeliver run that dies after marking 5 of a sweep digest\'s 20 transitions: the next run finishes them through the same digest, one post in all', async () => {
    // Prepare: the run dies after 5 "delivered through a digest" writes; none after them land
    let throughDigest = 0;
    let dead = false;
    const inflight = new Set<Promise<void>>();
    const w = await startWorld(names(20, 'events'), {
      channels: [CHANNELS[0] ?? { id: 'ops-slack', type: 'slack', target: 'vigil/test/slack-webhook' }],
      ledger: (ledger) => ({
        ...ledger,
        markDelivered: async (id, now, via) => {
          if (via !== undefined && !dead && ++throughDigest > 5) dead = true;
          if (dead) throw new Error('Task timed out after 300.00 seconds');
          const write = ledger.markDelivered(id, now, via);
          inflight.add(write);
          await write.finally(() => inflight.delete(write));
        },
      }),
    });
    await sweep(w, 7);
    w.clock.advance(SWEEP_QUIET_MS);

    // Act
    await expect(w.h.redeliver()).rejects.toThrow('Task timed out');
    // The dead run's writes already sent land; then a new invocation runs.
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
    await new Promise((resolve) => setImmediate(resolve));
    dead = false;
    throughDigest = -1_000;
    await w.h.redeliver();
    await w.h.redeliver();

    // Assess: one digest of the 20, every transition delivered
    expect(headers(w.h)).toEqual(['🟨 Vigil digest: 20 finding changes']);
    const statuses = await Promise.all(names(20, 'events').map(async (t) => (await w.h.ledger.get(alertId({ findingKey: findingKey(t), version: 1, kind: 'opened' }, 'ops-slack')))?.status));
    expect(new Set(statuses)).toEqual(new Set([LedgerStatus.DELIVERED]));
  }, 60_000);

  it('a change event during a sweep alerts at once, and a swept finding changed later alerts at once too', async () => {
    // Prepare: a sweep of 12 failing tables, still within its quiet period
    const w = await startWorld(names(12, 'audit'));
    await sweep(w, 5);

    // Act: someone creates a table without PITR meanwhile
    await change(w, 'hotfix', false);

    // Assess: its alert is out at once; the sweep's are still held
    expect(w.h.slack.delivered().map((p) => String(p.body.blocks[1]?.text?.text))).toEqual(['*Opened*: a new finding.']);
    expect(w.h.aws.callsTo('Publish')).toHaveLength(1);

    // Act: the sweep goes quiet; then one of its tables is fixed
    w.clock.advance(SWEEP_QUIET_MS);
    await w.h.redeliver();
    await change(w, 'audit-007', true);

    // Assess: the digest of 12, then the fix at once (the sweep's mark did not stay on the finding)
    expect(headers(w.h)).toEqual([expect.stringContaining('DynamoDB tables have point-in-time recovery enabled'), '🟨 Vigil digest: 12 finding changes', expect.stringContaining('point-in-time recovery')]);
    expect(String(w.h.slack.delivered()[2]?.body.blocks[1]?.text?.text)).toMatch(/^\*Resolved\*/);
    expect(w.h.aws.callsTo('Publish')).toHaveLength(3);
  }, 60_000);
});
