/**
 * GET /health's last sweep and last alert, as the sweep, notify and redeliver leave them: the
 * sweep over loopback Config and SQS (test/support/pipeline.ts), notify and redeliver wired as
 * deployed over a loopback Slack (test/support/notify-harness.ts), the heartbeats on dynalite,
 * and every /health answer validated against the served OpenAPI document.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfigReader } from '../../../shared/adapters/config-service.ts';
import { createHeartbeats } from '../../../shared/adapters/dynamodb-findings-queries-health.ts';
import { createHeartbeatRecorder, HEARTBEAT_PK } from '../../../shared/adapters/dynamodb-heartbeats.ts';
import { runSweep, type SweepDeps } from '../../../shared/app/sweep.ts';
import { catalog } from '../../../shared/rules/index.ts';
import { startDynalite, type LocalDynamoDb } from '../../../local/dynalite.ts';
import { ACCOUNT, REGION, asFakeItem, tableItem } from '../../support/config-events.ts';
import { findingImage, streamRecord } from '../../support/finding-images.ts';
import { awsError, startLoopbackAws, testClientConfig } from '../../support/loopback-aws.ts';
import { ok, type SlackReply } from '../../support/loopback-slack.ts';
import { startNotifyHarness, type NotifyHarness } from '../../support/notify-harness.ts';
import { startPipeline, type Pipeline } from '../../support/pipeline.ts';
import { openApiValidator, startHarness, type Harness } from './fixture.ts';

const rules = catalog.filter((r) => r.id === 'dynamodb-table-pitr-enabled');
/** Two Config units, so a sweep can stop between them. */
const TYPES = ['AWS::DynamoDB::Table', 'AWS::S3::Bucket'];
const T0 = Date.parse('2026-11-01T09:00:00.000Z');

interface Stack {
  readonly pipeline: Pipeline;
  readonly alerts: NotifyHarness;
  readonly api: Harness;
  readonly sweepDeps: SweepDeps;
  /** GET /health, checked against the OpenAPI document. */
  health(): Promise<{ status: string; lastSweepAt?: string; lastAlertAt?: string }>;
  /** PutItem calls on the heartbeat partition, by notify and redeliver. */
  heartbeatWrites(): number;
}

let ddb: LocalDynamoDb | undefined;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.alerts.close();
  await stack?.pipeline.close();
  await stack?.api.stop();
  await ddb?.stop();
  stack = undefined;
  ddb = undefined;
});

/** One findings table that the sweep, notify and redeliver write and the api reads. */
async function startStack(): Promise<Stack> {
  ddb = await startDynalite();
  const pipeline = await startPipeline(ddb, { catalog: rules, configItems: ['orders', 'events'].map((name, i) => asFakeItem(tableItem({ name, stateId: T0 + i }))) });
  const alerts = await startNotifyHarness({ ddb, tableName: pipeline.tableName, channels: [{ id: 'ops-slack', type: 'slack', target: 'vigil/test/slack-webhook' }] });
  let writes = 0;
  alerts.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Item?: { pk?: { S?: string } } };
      if (context.commandName === 'PutItemCommand' && input.Item?.pk?.S === HEARTBEAT_PK) writes++;
      return next(args);
    },
    { step: 'initialize', name: 'countHeartbeatWrites' },
  );
  const api = await startHarness({ heartbeats: createHeartbeats({ client: pipeline.dynamodb, tableName: pipeline.tableName }) });
  const v = await openApiValidator(api.api);
  return {
    pipeline,
    alerts,
    api,
    sweepDeps: {
      accountId: ACCOUNT,
      region: REGION,
      configReader: pipeline.deps.configReader(ACCOUNT, REGION),
      store: pipeline.store,
      queue: pipeline.deps.queue,
      catalog: rules,
      resourceTypes: TYPES,
      heartbeats: createHeartbeatRecorder({ client: pipeline.dynamodb, tableName: pipeline.tableName }),
    },
    health: async () => (await v.check(await api.get('/health'), 'getHealth')) as Awaited<ReturnType<Stack['health']>>,
    heartbeatWrites: () => writes,
  };
}

const opened = (i: number) => streamRecord(undefined, findingImage({ resourceId: `table-${i}` }));

describe('GET /health: the last sweep', () => {
  it('is absent before any sweep, then the time the sweep finished', async () => {
    // Prepare
    stack = await startStack();
    const before = await stack.health();

    // Act
    const summary = await runSweep({ ...stack.sweepDeps, now: () => new Date('2026-12-01T03:00:07.000Z') });

    // Assess
    expect(summary).toMatchObject({ complete: true, listed: 2, failures: [] });
    expect(summary.heartbeatError).toBeUndefined();
    expect(before).not.toHaveProperty('lastSweepAt');
    expect(await stack.health()).toMatchObject({ status: 'ok', lastSweepAt: '2026-12-01T03:00:07.000Z' });
  });

  it('counts a sweep continued in a new invocation when its last invocation finishes, not before', async () => {
    // Prepare: time for one unit only in the first invocation.
    stack = await startStack();
    let units = 0;
    const clock = { now: new Date('2026-12-01T03:00:00.000Z') };
    const deps = { ...stack.sweepDeps, now: () => clock.now };

    // Act
    const first = await runSweep({ ...deps, remainingTimeMs: () => (units++ === 0 ? 900_000 : 60_000) });
    const afterFirst = await stack.health();
    clock.now = new Date('2026-12-01T03:14:00.000Z');
    const rest = await runSweep(deps, first.cursor ? { cursor: first.cursor } : {});

    // Assess
    expect([first.complete, rest.complete]).toEqual([false, true]);
    expect(afterFirst).not.toHaveProperty('lastSweepAt');
    expect((await stack.health()).lastSweepAt).toBe('2026-12-01T03:14:00.000Z');
  });

  it('does not count a sweep with a failed unit, even when the failure was in an earlier invocation', async () => {
    // Prepare: a good sweep at 03:00; then Config refuses one of the two types.
    stack = await startStack();
    await runSweep({ ...stack.sweepDeps, now: () => new Date('2026-12-01T03:00:00.000Z') });
    const partly = await startLoopbackAws({
      ListDiscoveredResources: (input: { resourceType: string }) =>
        input.resourceType === 'AWS::DynamoDB::Table' ? awsError('AccessDeniedException', 'not authorized to perform: config:ListDiscoveredResources', 400) : { resourceIdentifiers: [] },
    });
    const deps = { ...stack.sweepDeps, configReader: createConfigReader({ client: new ConfigServiceClient(testClientConfig(partly.endpoint)), accountId: ACCOUNT }), now: () => new Date('2026-12-01T09:00:00.000Z') };
    let units = 0;

    try {
      // Act: a whole sweep with the failure, then one whose first invocation failed the unit and ran out of time.
      const failed = await runSweep(deps);
      const first = await runSweep({ ...deps, remainingTimeMs: () => (units++ === 0 ? 900_000 : 60_000) });
      const rest = await runSweep(deps, first.cursor ? { cursor: first.cursor } : {});

      // Assess
      expect(failed.failures).toHaveLength(1);
      expect(first.cursor).toMatchObject({ pending: ['config:AWS::S3::Bucket'], failed: 1 });
      expect(rest).toMatchObject({ complete: true, failures: [] });
      expect((await stack.health()).lastSweepAt).toBe('2026-12-01T03:00:00.000Z');
    } finally {
      await partly.close();
    }
  });

  it('a heartbeat the table refuses is reported, and the sweep is done all the same', async () => {
    // Prepare
    stack = await startStack();
    const deps = { ...stack.sweepDeps, heartbeats: createHeartbeatRecorder({ client: stack.pipeline.dynamodb, tableName: 'vigil-no-such-table' }) };

    // Act
    const summary = await runSweep(deps);

    // Assess
    expect(summary).toMatchObject({ complete: true, listed: 2, failures: [] });
    expect(summary.heartbeatError).toMatch(/cannot record the sweep heartbeat in table vigil-no-such-table/);
    expect(stack.pipeline.queue.bodies.length).toBeGreaterThan(0);
  });
});

describe('GET /health: the last alert delivered', () => {
  it('is absent before any alert, then the time notify delivered; one heartbeat write for a batch of alerts', async () => {
    // Prepare
    stack = await startStack();
    const before = await stack.health();

    // Act
    const result = await stack.alerts.notify([opened(1), opened(2), opened(3)]);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(stack.alerts.slack.delivered()).toHaveLength(3);
    expect(before).not.toHaveProperty('lastAlertAt');
    expect((await stack.health()).lastAlertAt).toBe(stack.alerts.clock.date().toISOString());
    expect(stack.heartbeatWrites()).toBe(1);
  });

  it('a failed delivery does not move it, a transient or a permanent one; the redelivery that succeeds does', async () => {
    // Prepare: one alert delivered at 09:00.
    stack = await startStack();
    const { alerts } = stack;
    await alerts.notify([opened(1)]);
    const first = alerts.clock.date().toISOString();
    let reply: SlackReply = { status: 503, body: 'service unavailable' };
    alerts.slack.script(() => reply);

    // Act: Slack down at 09:30 (the alert stays PENDING) and still at the 09:35 redelivery.
    alerts.clock.advance(30 * 60_000);
    await alerts.notify([opened(2)]);
    alerts.clock.advance(5 * 60_000);
    await alerts.redeliver();
    const whileDown = await stack.health();
    // Slack back at 09:40: the redeliver schedule sends it.
    reply = ok;
    alerts.clock.advance(5 * 60_000);
    await alerts.redeliver();
    const redelivered = alerts.clock.date().toISOString();
    // 10:40: the webhook is gone (404): the next alert fails for good.
    reply = { status: 404, body: 'no_service' };
    alerts.clock.advance(60 * 60_000);
    await alerts.notify([opened(3)]);

    // Assess
    expect(alerts.slack.delivered()).toHaveLength(2);
    expect(alerts.slack.posts.at(-1)?.status).toBe(404);
    expect(whileDown.lastAlertAt).toBe(first);
    expect((await stack.health()).lastAlertAt).toBe(redelivered);
    expect(stack.heartbeatWrites()).toBe(2);
  });
});

describe('heartbeats move forward only', () => {
  it('an older time never overwrites a newer one, for either heartbeat, and is no error', async () => {
    // Prepare: invocations finishing out of order.
    stack = await startStack();
    const heartbeats = createHeartbeatRecorder({ client: stack.pipeline.dynamodb, tableName: stack.pipeline.tableName });
    await heartbeats.record('sweep', new Date('2026-12-01T03:00:00.000Z'));
    await heartbeats.record('alert', new Date('2026-12-01T11:58:00.000Z'));

    // Act
    await heartbeats.record('sweep', new Date('2026-12-01T02:59:59.999Z'));
    await heartbeats.record('alert', new Date('2026-11-30T23:00:00.000Z'));
    await runSweep({ ...stack.sweepDeps, now: () => new Date('2026-12-01T01:00:00.000Z') });
    const older = await stack.health();
    await heartbeats.record('sweep', new Date('2026-12-01T03:00:00.001Z'));

    // Assess
    expect(older).toMatchObject({ lastSweepAt: '2026-12-01T03:00:00.000Z', lastAlertAt: '2026-12-01T11:58:00.000Z' });
    expect(await stack.health()).toMatchObject({ lastSweepAt: '2026-12-01T03:00:00.001Z', lastAlertAt: '2026-12-01T11:58:00.000Z' });
  });
});
