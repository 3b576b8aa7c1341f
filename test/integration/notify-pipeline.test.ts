/**
 * notify driven by the findings table's stream as local/stream-recorder.ts reproduces it: the
 * real evaluation pipeline writes findings to dynalite, the recorder hands over the exact Lambda
 * stream records, and notify sends them through the loopback channels.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { alertId, type ChannelInput } from '../../shared/app/notify-alerts.ts';
import { classify, type FindingImage } from '../../shared/app/notify-transitions.ts';
import { reopenExpiredSuppressions } from '../../shared/app/suppression-expiry.ts';
import { createEndedSuppressionsReader } from '../../shared/adapters/suppressed-findings.ts';
import { newSuppression } from '../../shared/domain/suppression.ts';
import { catalog } from '../../shared/rules/index.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { ACCOUNT, REGION, changeEvent, tableItem, type TableState } from '../support/config-events.ts';
import { createFakeClock, type FakeClock } from '../support/fake-clock.ts';
import { findingImage } from '../support/finding-images.ts';
import { ok } from '../support/loopback-slack.ts';
import { startNotifyHarness, type NotifyHarness } from '../support/notify-harness.ts';
import { startPipeline, type Pipeline } from '../support/pipeline.ts';

const PITR = 'dynamodb-table-pitr-enabled';
const CHANNELS: ChannelInput[] = [
  { id: 'pitr-slack', type: 'slack', target: 'vigil/test/slack-webhook', minSeverity: 'informational', match: { ruleIds: [PITR] } },
  { id: 'bus', type: 'eventbridge', target: 'default' },
];

interface World {
  ddb: LocalDynamoDb;
  pipeline: Pipeline;
  h: NotifyHarness;
  clock: FakeClock;
  stateId: number;
}
let world: World | undefined;

async function startWorld(): Promise<World> {
  const clock = createFakeClock(Date.parse('2026-12-01T09:00:00.000Z'));
  const ddb = await startDynalite();
  const pipeline = await startPipeline(ddb, { catalog, now: () => clock.date() });
  const h = await startNotifyHarness({ ddb, tableName: pipeline.tableName, clock, channels: CHANNELS });
  return { ddb, pipeline, h, clock, stateId: clock.now() };
}

afterEach(async () => {
  if (!world) return;
  await world.h.close();
  await world.pipeline.close();
  await world.ddb.stop();
  world = undefined;
});

/** A configuration change of a table, evaluated, and the stream batch it produced handed to notify. */
async function change(w: World, state: Omit<TableState, 'stateId'>, options: { readonly twice?: boolean } = {}): Promise<void> {
  w.stateId = Math.max(w.stateId + 1, w.clock.now());
  const item = { ...tableItem({ ...state, stateId: w.stateId }), configurationItemCaptureTime: new Date(w.clock.now()).toISOString() };
  await w.pipeline.process(changeEvent(item, state.status === 'ResourceDeleted' ? 'DELETE' : 'UPDATE'));
  const batch = w.pipeline.stream.take();
  await w.h.notify(batch);
  if (options.twice) await w.h.notify(batch);
}

async function suppress(w: World, table: string, hours: number): Promise<void> {
  const now = w.clock.date();
  await w.pipeline.store.putSuppression(
    newSuppression(
      { ruleId: PITR, resourcePattern: table, reason: 'Accepted until the migration to the new cluster.', expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString() },
      { id: randomUUID(), now, createdBy: 'arn:aws:iam::111122223333:user/alice' },
    ),
  );
}

/** Every history item of a table's findings: the transitions the store recorded, oldest first per finding. */
async function histories(w: World, table: string): Promise<Map<string, { to: string; suppressed: boolean; version: number; severity: string }[]>> {
  const pk = `RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#${table}`;
  const out = await w.pipeline.dynamodb.send(
    new QueryCommand({ TableName: w.pipeline.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)', ExpressionAttributeValues: { ':pk': { S: pk }, ':h': { S: 'HIST#' } } }),
  );
  const byFinding = new Map<string, { to: string; suppressed: boolean; version: number; severity: string }[]>();
  for (const raw of out.Items ?? []) {
    const item = unmarshall(raw);
    const key = `${pk}|${String(item['ruleId'])}`;
    const list = byFinding.get(key) ?? [];
    list.push({ to: String(item['to']), suppressed: item['suppressed'] === true, version: Number(item['version']), severity: String(item['severity']) });
    byFinding.set(key, list);
  }
  for (const list of byFinding.values()) list.sort((a, b) => a.version - b.version);
  return byFinding;
}

/** The alert ids the histories call for on a channel (classify over consecutive history states). */
async function expectedAlertIds(w: World, tables: readonly string[], channelId: string, rule?: string): Promise<string[]> {
  const ids: string[] = [];
  for (const table of tables) {
    for (const [findingKey, history] of await histories(w, table)) {
      if (rule && !findingKey.endsWith(`|${rule}`)) continue;
      let before: FindingImage | undefined;
      for (const h of history) {
        const after = findingImage({ status: h.to as FindingImage['status'], suppression: h.suppressed ? { id: 's', reason: 'r' } : undefined, version: h.version });
        const kind = classify(before, after);
        if (kind) ids.push(alertId({ findingKey, version: h.version, kind }, channelId));
        before = after;
      }
    }
  }
  return ids.sort();
}

const slackIds = (h: NotifyHarness) => h.slack.delivered().map((p) => String(p.body.blocks.at(-1)?.elements?.[0]?.text).match(/alert (\S+)$/)?.[1] ?? '?');

describe('notify on the recorded stream', () => {
  it('a table without PITR opens, is fixed, regresses, and is deleted: one Slack alert per transition, in order', async () => {
    // Prepare
    world = await startWorld();
    const w = world;
    // Act
    await change(w, { name: 'orders', pitr: false, deletionProtection: true });
    await change(w, { name: 'orders', pitr: false, deletionProtection: true }); // a re-evaluation that changes nothing
    w.clock.advance(3_600_000);
    await change(w, { name: 'orders', pitr: true, deletionProtection: true });
    await change(w, { name: 'orders', pitr: false, deletionProtection: true });
    w.clock.advance(86_400_000);
    await change(w, { name: 'orders', status: 'ResourceDeleted' });
    // Assess
    const texts = w.h.slack.delivered().map((p) => p.body.blocks[1].text.text);
    expect(texts).toEqual([
      '*Opened*: a new finding.',
      '*Resolved*: now compliant after being open for 1 h.',
      '*Regressed*: was compliant, now fails.',
      '*Resolved*: the resource was deleted after being open for 1 d.',
    ]);
    expect(w.h.slack.delivered()[0]?.body.blocks[0].text.text).toBe('🟨 MEDIUM · DynamoDB tables have point-in-time recovery enabled');
  });

  it('a suppression silences the finding; when it expires and the table still fails, it re-opens with an alert, and both changes are in the history', async () => {
    world = await startWorld();
    const w = world;
    await suppress(w, 'ledger', 48);
    await change(w, { name: 'ledger', pitr: false, deletionProtection: true });
    expect(w.h.slack.delivered()).toHaveLength(0);
    w.clock.advance(49 * 3_600_000);
    await change(w, { name: 'ledger', pitr: false, deletionProtection: true }); // the sweep re-evaluates it
    const [post] = w.h.slack.delivered();
    expect(w.h.slack.delivered()).toHaveLength(1);
    expect(post?.body.blocks[1].text.text).toBe('*Suppression expired*: the suppression ended and the finding still fails (it said: "Accepted until the migration to the new cluster.").');
    const history = (await histories(w, 'ledger')).get(`RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#ledger|${PITR}`);
    expect(history?.map((h) => [h.to, h.suppressed])).toEqual([
      ['NON_COMPLIANT', true],
      ['NON_COMPLIANT', false],
    ]);
  });

  it('a suppression that ends is acted on within minutes: redeliver queues the finding, it re-opens with an alert, and the next run queues nothing', async () => {
    // Prepare: a suppressed failing table
    world = await startWorld();
    const w = world;
    await suppress(w, 'reports', 1);
    await change(w, { name: 'reports', pitr: false, deletionProtection: true });
    expect(w.h.slack.delivered()).toHaveLength(0);
    const reopen = () =>
      reopenExpiredSuppressions({
        findingsWithEndedSuppression: createEndedSuppressionsReader({ client: w.h.dynamo, tableName: w.pipeline.tableName }),
        queue: w.pipeline.deps.queue,
        now: () => w.clock.date(),
      });
    expect(await reopen()).toEqual({ queued: 0 });
    // Act: the suppression ends; the 5-minute run after it
    w.clock.advance(65 * 60_000);
    expect(await reopen()).toEqual({ queued: 1 });
    await w.pipeline.drain();
    await w.h.notify(w.pipeline.stream.take());
    // Assess
    expect(w.h.slack.delivered().map((p) => p.body.blocks[1].text.text)).toEqual([
      '*Suppression expired*: the suppression ended and the finding still fails (it said: "Accepted until the migration to the new cluster.").',
    ]);
    expect(await reopen()).toEqual({ queued: 0 });
  });

  it('replacing or extending a suppression is in the history, and alerts nobody', async () => {
    world = await startWorld();
    const w = world;
    await suppress(w, 'audit', 24);
    await change(w, { name: 'audit', pitr: false, deletionProtection: true });
    for (const s of await w.pipeline.store.listSuppressions()) await w.pipeline.store.deleteSuppression(s.id);
    await suppress(w, 'audit', 240);
    await change(w, { name: 'audit', pitr: false, deletionProtection: true });
    const history = (await histories(w, 'audit')).get(`RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#audit|${PITR}`);
    expect(history?.map((h) => [h.to, h.suppressed, h.version])).toEqual([
      ['NON_COMPLIANT', true, 1],
      ['NON_COMPLIANT', true, 2],
    ]);
    expect(w.h.slack.posts).toHaveLength(0);
  });

  it('a vigil:exempt tag silences the finding until its date; a malformed date fails open and the alert says so', async () => {
    world = await startWorld();
    const w = world;
    await change(w, { name: 'exempt', pitr: false, deletionProtection: true, tags: { 'vigil:exempt': PITR, 'vigil:exempt-until': '2026-12-31' } });
    expect(w.h.slack.delivered()).toHaveLength(0);
    await change(w, { name: 'typo', pitr: false, deletionProtection: true, tags: { 'vigil:exempt': PITR, 'vigil:exempt-until': '31/12/2026' } });
    const [post] = w.h.slack.delivered();
    expect(post?.body.blocks[3].text.text).toBe(
      '*Reason*\nDynamoDB table typo has point-in-time recovery disabled. (tag vigil:exempt-until="31/12/2026" is not a date (YYYY-MM-DD): exemption ignored)',
    );
    w.clock.advance(31 * 86_400_000);
    await change(w, { name: 'exempt', pitr: false, deletionProtection: true, tags: { 'vigil:exempt': PITR, 'vigil:exempt-until': '2026-12-31' } });
    expect(w.h.slack.delivered().map((p) => p.body.blocks[1].text.text)).toEqual([
      '*Opened*: a new finding.',
      '*Suppression expired*: the suppression ended and the finding still fails (it said: "Exempted by the resource\'s vigil:exempt tag.").',
    ]);
  });

  it('model: over random evaluations, sweeps, suppressions, expiries, redelivered batches and flaky channels, the alerts sent equal the transitions in the histories, exactly once each', async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('change' as const), table: fc.integer({ min: 0, max: 1 }), pitr: fc.boolean(), protect: fc.boolean(), deleted: fc.integer({ min: 0, max: 9 }).map((n) => n < 2), twice: fc.boolean() }),
      fc.record({ op: fc.constant('suppress' as const), table: fc.integer({ min: 0, max: 1 }), hours: fc.integer({ min: 1, max: 72 }) }),
      fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 48 }) }),
    );
    const runs: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), async (steps, flaky) => {
        world = await startWorld();
        const w = world;
        const tables = ['alpha', 'beta'];
        const state = tables.map(() => ({ pitr: false, protect: false, deleted: false }));
        // Flaky channels: Slack answers 503 on some posts, EventBridge refuses some entries.
        w.h.slack.script((n) => (flaky[n % flaky.length] ? { status: 503 } : ok));
        w.h.failEntries = (call, i) => (flaky[(call + i) % flaky.length] ? 'ThrottlingException' : undefined);
        for (const s of steps) {
          if (s.op === 'change') {
            const t = state[s.table];
            if (!t) continue;
            Object.assign(t, { pitr: s.pitr, protect: s.protect, deleted: s.deleted });
            await change(w, { name: tables[s.table] ?? '', pitr: s.pitr, deletionProtection: s.protect, ...(s.deleted ? { status: 'ResourceDeleted' as const } : {}) }, { twice: s.twice });
          } else if (s.op === 'suppress') {
            await suppress(w, tables[s.table] ?? '', s.hours);
            const t = state[s.table];
            if (t && !t.deleted) await change(w, { name: tables[s.table] ?? '', pitr: t.pitr, deletionProtection: t.protect });
          } else {
            w.clock.advance(s.hours * 3_600_000);
            // The sweep: every live table evaluated again (expired suppressions re-open here), by
            // messages carrying its id: its alerts are held for the sweep's digest (or, this few,
            // sent one by one once the sweep is quiet, by a later redeliver run).
            const sweepId = randomUUID();
            const keys = state.flatMap((t, i) => (t.deleted ? [] : [{ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table', resourceId: tables[i] ?? '' }]));
            if (keys.length > 0) await w.pipeline.process({ kind: 'evaluate', keys, source: 'store', correlationId: sweepId, sweepId });
            await w.h.notify(w.pipeline.stream.take());
            await w.h.redeliver();
          }
        }
        // The channels recover; the scheduled redeliver drains what is left.
        w.h.slack.script(() => ok);
        w.h.failEntries = () => undefined;
        w.clock.advance(20 * 60_000);
        await w.h.redeliver();
        await w.h.redeliver();
        const events = w.h.deliveredEvents.map((e) => String(e.alertId)).sort();
        runs.push(events.length);
        expect(events).toEqual(await expectedAlertIds(w, tables, 'bus'));
        expect(slackIds(w.h).sort()).toEqual(await expectedAlertIds(w, tables, 'pitr-slack', PITR));
        await w.h.close();
        await w.pipeline.close();
        await w.ddb.stop();
        world = undefined;
      }),
      { numRuns: 12 },
    );
    // The property is not vacuous: most runs sent alerts.
    expect(runs.filter((n) => n > 0).length).toBeGreaterThan(runs.length / 2);
  }, 300_000);
});
