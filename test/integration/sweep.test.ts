import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogGroupsCollector } from '../../shared/adapters/collectors/log-groups.ts';
import { createConfigReader } from '../../shared/adapters/config-service.ts';
import type { Collector } from '../../shared/app/ports.ts';
import { runSweep, timeBasedResourceTypes, type SweepDeps } from '../../shared/app/sweep.ts';
import { CollectedType } from '../../shared/domain/collected-types.ts';
import { catalog } from '../../shared/rules/index.ts';
import { ACCOUNT, REGION, asFakeItem, tableItem } from '../support/config-events.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { awsError, startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';
import { startPipeline, type Pipeline } from '../support/pipeline.ts';

const T0 = Date.parse('2026-11-01T09:00:00.000Z');
/** Two rules keep the sweep's own behaviour in view: one on a Config type, one on a collected type. */
const rules = catalog.filter((r) => r.id === 'dynamodb-table-pitr-enabled' || r.id === 'logs-log-group-retention-set');
const tableKey = (name: string) => ({ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table', resourceId: name });
const groupKey = (name: string) => ({ accountId: ACCOUNT, region: REGION, resourceType: CollectedType.logGroup, resourceId: name });

describe('sweep (loopback Config, SQS and CloudWatch Logs; dynalite)', () => {
  let ddb: LocalDynamoDb;
  let pipeline: Pipeline;
  let logs: LoopbackAws;
  let deps: SweepDeps;
  const logGroups = new Map<string, Record<string, unknown>>();
  const tables = Array.from({ length: 120 }, (_, i) => `events-${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    ddb = await startDynalite();
    pipeline = await startPipeline(ddb, {
      catalog: rules,
      configItems: tables.map((name, i) => asFakeItem(tableItem({ name, stateId: T0 + i, pitr: i % 3 !== 0, tags: { team: 'data' } }))),
    });
    for (const name of ['/aws/lambda/ingest', '/aws/lambda/export', '/ecs/reports']) {
      logGroups.set(name, { logGroupName: name, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`, creationTime: 1_790_000_000_000, retentionInDays: 30, storedBytes: 1024 });
    }
    logs = await startLoopbackAws({ DescribeLogGroups: () => ({ logGroups: [...logGroups.values()] }) });
    const logGroupsCollector: Collector = createLogGroupsCollector({ client: new CloudWatchLogsClient(testClientConfig(logs.endpoint)), now: () => new Date() });
    deps = {
      accountId: ACCOUNT,
      region: REGION,
      configReader: pipeline.deps.configReader(ACCOUNT, REGION),
      collectors: [logGroupsCollector],
      store: pipeline.store,
      queue: pipeline.deps.queue,
      catalog: rules,
    };
  });
  beforeEach(async () => {
    await pipeline.drain();
  });
  afterAll(async () => {
    await pipeline?.close();
    await logs?.close();
    await ddb?.stop();
  });

  it('queues every listed key in messages of 100, and the collected resources with their configuration', async () => {
    // Act
    const summary = await runSweep(deps);

    // Assess
    expect(summary).toMatchObject({ complete: true, listed: 120, collected: 3, vanished: 0, failures: [] });
    const messages = pipeline.queue.bodies.map((b) => JSON.parse(b) as { kind: string; keys?: unknown[]; resources?: unknown[]; source?: string; correlationId?: string });
    expect(messages.map((m) => [m.kind, m.keys?.length ?? m.resources?.length, m.source])).toEqual([
      ['evaluate', 100, 'config'],
      ['evaluate', 20, 'config'],
      ['observed', 3, undefined],
    ]);
    expect(new Set(messages.map((m) => m.correlationId))).toEqual(new Set([summary.sweepId]));
    expect(pipeline.aws.callsTo('ListDiscoveredResources').map((c) => (c.input as { resourceType: string }).resourceType)).toEqual(['AWS::DynamoDB::Table', 'AWS::DynamoDB::Table']);

    // Act: the evaluate function works the queue.
    const results = await pipeline.drain();

    // Assess: every table evaluated, with its tags completed from Config.
    expect(results.reduce((n, r) => n + r.evaluated, 0)).toBe(123);
    expect((await pipeline.store.getFindings(tableKey('events-000')))[0]).toMatchObject({ ruleId: 'dynamodb-table-pitr-enabled', status: 'NON_COMPLIANT' });
    expect((await pipeline.store.getResources([tableKey('events-001')]))[0]?.tags).toEqual({ team: 'data' });
    expect((await pipeline.store.getFindings(groupKey('/ecs/reports')))[0]).toMatchObject({ status: 'COMPLIANT' });
  });

  it('sweeping an unchanged account again writes nothing', async () => {
    // Prepare
    await runSweep(deps);
    await pipeline.drain();
    pipeline.requests.reset();

    // Act
    await runSweep(deps);
    const results = await pipeline.drain();

    // Assess
    expect(results.reduce((n, r) => n + r.evaluated, 0)).toBe(123);
    expect(pipeline.requests.writes).toBe(0);
    expect(pipeline.aws.callsTo('GetResourceConfigHistory')).toHaveLength(0);
  });

  it('resolves the findings of resources that no longer exist, in Config and in a collection', async () => {
    // Prepare: five tables deleted (no longer listed nor returned), one log group deleted.
    for (const name of tables.slice(0, 5)) pipeline.config.record(asFakeItem(tableItem({ name, stateId: T0 + 10_000_000, status: 'ResourceDeleted' })));
    logGroups.delete('/aws/lambda/export');

    // Act
    const summary = await runSweep(deps);
    await pipeline.drain();

    // Assess
    expect(summary).toMatchObject({ listed: 115, collected: 2, vanished: 6 });
    expect((await pipeline.store.getFindings(tableKey('events-000')))[0]).toMatchObject({ status: 'NOT_APPLICABLE', reason: 'AWS::DynamoDB::Table events-000 was deleted.' });
    expect((await pipeline.store.getFindings(groupKey('/aws/lambda/export')))[0]).toMatchObject({ status: 'NOT_APPLICABLE', reason: 'AWS::Logs::LogGroup /aws/lambda/export was deleted.' });
    const live = await pipeline.store.listResources({ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table' });
    expect(live).toHaveLength(115);
  });

  it('stops between units when time runs short, and resumes from its cursor', async () => {
    // Prepare: time for one unit only.
    let units = 0;
    const short = { ...deps, remainingTimeMs: () => (units++ === 0 ? 900_000 : 60_000) };

    // Act
    const first = await runSweep(short);
    const rest = await runSweep(deps, first.cursor ? { cursor: first.cursor } : {});

    // Assess
    expect(first).toMatchObject({ complete: false, listed: 115, collected: 0 });
    expect(first.cursor?.pending).toEqual(['collector:log-groups']);
    expect(rest).toMatchObject({ complete: true, sweepId: first.sweepId, listed: 0, collected: 2 });
  });

  it('goes on past a unit that fails, and resolves nothing of that unit', async () => {
    // Prepare
    const denied = await startLoopbackAws({ ListDiscoveredResources: () => awsError('AccessDeniedException', 'not authorized to perform: config:ListDiscoveredResources', 400) });
    const failing = { ...deps, configReader: createConfigReader({ client: new ConfigServiceClient(testClientConfig(denied.endpoint)), accountId: ACCOUNT }) };

    // Act
    const summary = await runSweep(failing);
    await denied.close();

    // Assess
    expect(summary.failures).toEqual([{ unit: 'config:AWS::DynamoDB::Table', message: expect.stringContaining('not authorized') }]);
    expect(summary).toMatchObject({ complete: true, listed: 0, vanished: 0, collected: 2 });
  });

  it('names the types a time-based sweep re-evaluates', () => {
    expect(timeBasedResourceTypes(catalog)).toEqual(expect.arrayContaining(['AWS::ACM::Certificate']));
    expect(timeBasedResourceTypes(catalog)).not.toContain('AWS::DynamoDB::Table');
  });
});
