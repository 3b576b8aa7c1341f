import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogGroupsCollector } from '../../shared/adapters/collectors/log-groups.ts';
import { isMalformedMessageError } from '../../shared/app/process-evaluation-message.ts';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import { CollectedType } from '../../shared/domain/collected-types.ts';
import { catalog } from '../../shared/rules/index.ts';
import { ACCOUNT, REGION, asFakeItem, changeEvent, logGroupCallEvent, oversizedEvent, tableItem } from '../support/config-events.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { fixtureAccountItems } from '../support/fixture-account.ts';
import { startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';
import { loadRuleFixtures } from '../support/rule-fixtures.ts';
import { startPipeline, type Pipeline } from '../support/pipeline.ts';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const key = (resourceType: string, resourceId: string) => ({ accountId: ACCOUNT, region: REGION, resourceType, resourceId });
const NOT_IN_CONFIG = new Set<string>(Object.values(CollectedType));

/** The account of the rule fixtures as the queue receives it: Config events, and collector messages for what Config does not record. */
function accountMessages(): unknown[] {
  // Three resources of each type the fixtures hold: every rule family, without the whole fixture set.
  const items = fixtureAccountItems({ perType: 3 });
  const collected = items.filter((i) => NOT_IN_CONFIG.has(String(i['resourceType'])));
  return [
    ...items.filter((i) => !NOT_IN_CONFIG.has(String(i['resourceType']))).map((item) => changeEvent(item)),
    { kind: 'observed', resources: collected.map((item) => normalizeConfigurationItem(item)) },
  ];
}

/** Runs `task` over `items`, `width` at a time (as concurrent Lambda batches would), keeping the results' order. */
async function inParallel<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

describe('evaluation pipeline (dynalite, loopback Config and SQS)', () => {
  let ddb: LocalDynamoDb;
  let pipeline: Pipeline;
  let logs: LoopbackAws;
  const logGroups = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    ddb = await startDynalite();
    logs = await startLoopbackAws({
      DescribeLogGroups: (input: { logGroupNamePrefix?: string }) => ({
        logGroups: [...logGroups.values()].filter((g) => String(g['logGroupName']).startsWith(input.logGroupNamePrefix ?? '')),
      }),
    });
    let tick = 0;
    const logGroupReader = createLogGroupsCollector({
      client: new CloudWatchLogsClient(testClientConfig(logs.endpoint)),
      // Each read is later than the last, as real reads are.
      now: () => new Date(Date.parse('2026-11-21T08:16:00.000Z') + ++tick),
    });
    pipeline = await startPipeline(ddb, { catalog, logGroups: logGroupReader });
  });
  // Each test starts from an empty queue (what earlier tests queued is theirs).
  beforeEach(async () => {
    await pipeline.drain();
  });
  afterAll(async () => {
    await pipeline?.close();
    await logs?.close();
    await ddb?.stop();
  });

  it('re-evaluating an unchanged account writes nothing', async () => {
    // Prepare: a whole account, recorded once.
    await inParallel(accountMessages(), 8, (body) => pipeline.process(body));
    await pipeline.drain();
    pipeline.requests.reset();

    // Act: every event delivered again (EventBridge and SQS are at-least-once), dependents included.
    const results = await inParallel(accountMessages(), 8, (body) => pipeline.process(body));
    results.push(...(await pipeline.drain()));

    // Assess
    expect(results.reduce((n, r) => n + r.evaluated, 0)).toBeGreaterThan(100);
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(0);
    expect(pipeline.requests.writes).toBe(0);
    expect(pipeline.requests.byCommand.get('QueryCommand')).toBeGreaterThan(0);
  });

  it('reads an oversized item from Config history at its capture time, then evaluates it', async () => {
    // Prepare
    const item = tableItem({ name: 'catalog-images', stateId: T0 + 5_000, pitr: true, deletionProtection: true });
    pipeline.config.record(asFakeItem(tableItem({ name: 'catalog-images', stateId: T0, pitr: false })));
    pipeline.config.record(asFakeItem(item));
    pipeline.config.record(asFakeItem(tableItem({ name: 'catalog-images', stateId: T0 + 9_000, pitr: false })));

    // Act
    const result = await pipeline.process(
      oversizedEvent({ resourceType: 'AWS::DynamoDB::Table', resourceId: 'catalog-images', configurationStateId: T0 + 5_000, captureTime: new Date(T0 + 5_000).toISOString() }),
    );

    // Assess
    expect(result).toMatchObject({ evaluated: 1, written: 1 });
    const history = pipeline.aws.callsTo('GetResourceConfigHistory').at(-1);
    expect(history?.input).toMatchObject({ resourceId: 'catalog-images', laterTime: (T0 + 5_000) / 1000, limit: 1 });
    const [stored] = await pipeline.store.getResources([key('AWS::DynamoDB::Table', 'catalog-images')]);
    expect(stored?.configurationStateId).toBe(T0 + 5_000);
    const pitr = (await pipeline.store.getFindings(key('AWS::DynamoDB::Table', 'catalog-images'))).find((f) => f.ruleId === 'dynamodb-table-pitr-enabled');
    expect(pitr?.status).toBe('COMPLIANT');
  });

  it('retries an oversized notification whose item Config history does not hold yet', async () => {
    // Prepare: history only has the previous configuration.
    pipeline.config.record(asFakeItem(tableItem({ name: 'carts', stateId: T0, pitr: false })));

    // Act
    const processing = pipeline.process(
      oversizedEvent({ resourceType: 'AWS::DynamoDB::Table', resourceId: 'carts', configurationStateId: T0 + 1_000, captureTime: new Date(T0 + 1_000).toISOString() }),
    );

    // Assess
    await expect(processing).rejects.toMatchObject({ name: 'ItemNotYetInHistoryError' });
  });

  it('resolves the findings of a deleted resource, with a transition per finding and a TTL', async () => {
    // Prepare
    const k = key('AWS::DynamoDB::Table', 'reports-2025');
    await pipeline.process(changeEvent(tableItem({ name: 'reports-2025', stateId: T0, pitr: false }), 'CREATE'));
    const open = (await pipeline.store.getFindings(k)).filter((f) => f.status === 'NON_COMPLIANT');
    expect(open.length).toBeGreaterThan(0);

    // Act
    const result = await pipeline.process(changeEvent(tableItem({ name: 'reports-2025', stateId: T0 + 60_000, status: 'ResourceDeleted' }), 'DELETE'));

    // Assess
    expect(result.transitions.map((t) => [t.ruleId, t.from, t.to])).toEqual(
      expect.arrayContaining(open.map((f) => [f.ruleId, 'NON_COMPLIANT', 'NOT_APPLICABLE'])),
    );
    const after = await pipeline.store.getFindings(k);
    expect(after.every((f) => f.status === 'NOT_APPLICABLE' && f.reason === 'AWS::DynamoDB::Table reports-2025 was deleted.')).toBe(true);
    const inventory = await pipeline.store.listResources({ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table' });
    expect(inventory.map((r) => r.resourceId)).not.toContain('reports-2025');
  });

  it('re-evaluates dependents: a new alarm resolves the function\'s error-alarm finding without a sweep, its deletion reopens it', async () => {
    // Prepare: the function of the rule's fixture, and no alarm yet.
    const fixture = loadRuleFixtures('lambda-function-error-alarm').find((f) => f.file.endsWith('compliant--errors-alarm-notifies-sns.json'));
    const fnFixture = fixture?.subject as Record<string, unknown>;
    const fn: Record<string, unknown> = {
      ...fnFixture,
      resourceId: 'billing-api',
      resourceName: 'billing-api',
      configuration: { ...(fnFixture['configuration'] as object), functionName: 'billing-api' },
    };
    const alarmFixture = fixture?.inventory[0] as Record<string, unknown>;
    const alarm: Record<string, unknown> = {
      ...alarmFixture,
      resourceId: 'billing-api-errors',
      resourceName: 'billing-api-errors',
      configuration: { ...(alarmFixture['configuration'] as object), alarmName: 'billing-api-errors', dimensions: [{ name: 'FunctionName', value: 'billing-api' }] },
    };
    const fnKey = key('AWS::Lambda::Function', 'billing-api');
    const errorAlarm = async () => (await pipeline.store.getFindings(fnKey)).find((f) => f.ruleId === 'lambda-function-error-alarm');
    await pipeline.process(changeEvent(fn, 'CREATE'));
    expect((await errorAlarm())?.status).toBe('NON_COMPLIANT');
    // A changed function is evaluated again once the inventory index has settled (30 s later).
    expect(pipeline.queue.delays).toEqual([30]);
    await pipeline.drain();

    // Act
    await pipeline.process(changeEvent(alarm, 'CREATE'));
    const queued = pipeline.queue.bodies.map((body) => JSON.parse(body) as { kind: string; source: string; keys: { resourceId: string }[] });
    expect(pipeline.queue.delays).toEqual([0]);
    const afterCreate = await pipeline.drain();

    // Assess: one evaluate message through SQS, read from the store, naming the function the
    // alarm watches (and the topic it notifies, which sns-topic-has-subscription reads), not the
    // account's other functions.
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'evaluate', source: 'store' });
    const dependents = queued[0]?.keys.map((k) => k.resourceId) ?? [];
    expect(dependents).toContain('billing-api');
    expect(dependents).not.toContain('orders-api');
    expect(afterCreate.flatMap((r) => r.transitions)).toContainEqual(
      expect.objectContaining({ resourceId: 'billing-api', ruleId: 'lambda-function-error-alarm', from: 'NON_COMPLIANT', to: 'COMPLIANT' }),
    );
    expect((await errorAlarm())?.reason).toContain('billing-api-errors');

    // Act: the alarm is deleted (its deletion item no longer says what it watched).
    const deletedAlarm = { ...alarm, configuration: null, configurationItemStatus: 'ResourceDeleted', configurationStateId: Number(alarm['configurationStateId']) + 1_000 };
    await pipeline.process(changeEvent(deletedAlarm, 'DELETE'));
    await pipeline.drain();

    // Assess
    expect((await errorAlarm())?.status).toBe('NON_COMPLIANT');
  });

  it('follows CloudTrail log-group calls: created, retention set, deleted; a failed call changes nothing', async () => {
    // Prepare
    const name = '/aws/lambda/billing-api';
    const groupKey = key('AWS::Logs::LogGroup', name);
    const retention = async () => (await pipeline.store.getFindings(groupKey)).find((f) => f.ruleId === 'logs-log-group-retention-set');
    const group = { logGroupName: name, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`, creationTime: 1_795_252_502_000, storedBytes: 0, logGroupClass: 'STANDARD' };

    // Act + Assess
    logGroups.set(name, group);
    await pipeline.process(logGroupCallEvent('CreateLogGroup', name));
    expect((await retention())?.status).toBe('NON_COMPLIANT');

    logGroups.set(name, { ...group, retentionInDays: 30 });
    await pipeline.process(logGroupCallEvent('PutRetentionPolicy', name, { retentionInDays: 30 }));
    expect((await retention())?.status).toBe('COMPLIANT');

    pipeline.requests.reset();
    const failed = await pipeline.process(logGroupCallEvent('CreateLogGroup', name, { errorCode: 'ResourceAlreadyExistsException' }));
    expect(failed).toMatchObject({ evaluated: 0, ignored: 1 });
    expect(pipeline.requests.writes).toBe(0);

    logGroups.delete(name);
    await pipeline.process(logGroupCallEvent('DeleteLogGroup', name));
    expect(await retention()).toMatchObject({ status: 'NOT_APPLICABLE', reason: `AWS::Logs::LogGroup ${name} was deleted.` });
  });

  it('evaluates a global resource listed in a regional sweep under its own region, "global"', async () => {
    // Prepare: Config answers IAM users in region "global", whatever region asks.
    pipeline.config.record({
      resourceType: 'AWS::IAM::User',
      resourceId: 'AIDAQXAMPLE7DEPLOYBOT',
      resourceName: 'deploy-bot',
      arn: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`,
      region: 'global',
      configurationStateId: T0,
      configuration: { userName: 'deploy-bot', userId: 'AIDAQXAMPLE7DEPLOYBOT', path: '/', arn: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`, createDate: '2026-01-12T08:00:00.000Z', userPolicyList: [], attachedManagedPolicies: [], groupList: [] },
      tags: { team: 'platform' },
    });

    // Act
    const result = await pipeline.process({ kind: 'evaluate', keys: [key('AWS::IAM::User', 'AIDAQXAMPLE7DEPLOYBOT')], source: 'config' });

    // Assess
    expect(result).toMatchObject({ evaluated: 1, written: 1 });
    const [stored] = await pipeline.store.getResources([{ accountId: ACCOUNT, region: 'global', resourceType: 'AWS::IAM::User', resourceId: 'AIDAQXAMPLE7DEPLOYBOT' }]);
    expect(stored).toMatchObject({ resourceName: 'deploy-bot', tags: { team: 'platform' } });
  });

  it('rejects malformed messages with an error naming the field, so they reach the dead-letter queue', async () => {
    const cases: [unknown, string][] = [
      ['{not json', '(body)'],
      [{ kind: 'evaluate', keys: [] }, 'keys'],
      [{ kind: 'evaluate', keys: [{ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::S3::Bucket' }] }, 'keys.0.resourceId'],
      [{ 'detail-type': 'Config Rules Compliance Change', source: 'aws.config', detail: {} }, 'detail-type'],
      [{ ...changeEvent(tableItem({ name: 'x', stateId: T0 })), detail: { messageType: 'ConfigurationItemChangeNotification', configurationItem: { resourceType: 'nonsense' } } }, 'detail.configurationItem.resourceType'],
      [{ hello: 'world' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const error = await pipeline.process(body).catch((e: unknown) => e);
      expect(isMalformedMessageError(error), JSON.stringify(body).slice(0, 80)).toBe(true);
      expect(error).toMatchObject({ field });
    }
  });

  it('dead-letters an oversized notification whose item in Config history lacks what Config records, naming the field', async () => {
    // Prepare: a history item without the table's tableStatus (no real Config item lacks it)
    const item = tableItem({ name: 'half-recorded', stateId: T0 + 7_000 });
    const configuration = { ...(item['configuration'] as Record<string, unknown>) };
    delete configuration['tableStatus'];
    delete configuration['keySchema'];
    delete configuration['creationDateTime'];
    pipeline.config.record(asFakeItem({ ...item, configuration }));

    // Act
    const error = await pipeline
      .process(oversizedEvent({ resourceType: 'AWS::DynamoDB::Table', resourceId: 'half-recorded', configurationStateId: T0 + 7_000, captureTime: new Date(T0 + 7_000).toISOString() }))
      .catch((e: unknown) => e);

    // Assess
    expect(isMalformedMessageError(error)).toBe(true);
    expect(error).toMatchObject({ field: 'configuration item configuration.tableStatus' });
  });
});
