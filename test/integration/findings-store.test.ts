import { QueryCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import { evaluate } from '../../shared/engine/evaluate.ts';
import { accountResources, buildInventory } from '../../shared/engine/inventory.ts';
import { catalog } from '../../shared/rules/index.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../../shared/rules/rule.ts';
import { ACCOUNT, REGION, asFakeItem, changeEvent, oversizedEvent, tableItem, type TableState } from '../support/config-events.ts';
import { findingsTableResource } from '../../local/findings-table.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { startPipeline, type Pipeline } from '../support/pipeline.ts';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const tableKey = (name: string) => ({ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table', resourceId: name });

describe('findings store on DynamoDB Local', () => {
  let ddb: LocalDynamoDb;
  let pipeline: Pipeline;
  beforeAll(async () => {
    ddb = await startDynalite();
    pipeline = await startPipeline(ddb, { catalog });
  });
  afterAll(async () => {
    await pipeline?.close();
    await ddb?.stop();
  });

  it('declares the table the store needs: on demand, PITR, KMS, stream with both images, TTL, the four indexes', () => {
    // Act
    const table = findingsTableResource({ service: 'vigil', stage: 'prod' });

    // Assess
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      TableName: 'vigil-prod-findings',
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
    expect(table.Properties['GlobalSecondaryIndexes'].map((i: { IndexName: string }) => i.IndexName)).toEqual([
      'open-by-severity',
      'findings-by-rule',
      'findings-by-resource-type',
      'inventory',
    ]);
  });

  it('records a new resource with its findings, a history item per finding, and the open findings by severity', async () => {
    // Prepare
    const item = tableItem({ name: 'orders', stateId: T0, pitr: false, tags: { team: 'payments' } });

    // Act
    const result = await pipeline.process(changeEvent(item, 'CREATE'));

    // Assess
    expect(result).toMatchObject({ message: 'config-change', evaluated: 1, written: 1 });
    const findings = await pipeline.store.getFindings(tableKey('orders'));
    const pitr = findings.find((f) => f.ruleId === 'dynamodb-table-pitr-enabled');
    expect(pitr).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'medium',
      firstSeenAt: '2026-11-23T00:00:00.000Z',
      lastChangedAt: '2026-11-23T00:00:00.000Z',
      configurationStateId: T0,
    });
    expect(pitr?.reason).toContain('orders');
    const history = await pipeline.dynamodb.send(
      new QueryCommand({
        TableName: pipeline.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': { S: `RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#orders` }, ':h': { S: 'HIST#' } },
      }),
    );
    expect(history.Items?.length).toBe(findings.length);
    expect(Number(history.Items?.[0]?.['ttl']?.N)).toBeGreaterThan(Date.parse('2027-11-01') / 1000);
    const open = await pipeline.dynamodb.send(
      new QueryCommand({
        TableName: pipeline.tableName,
        IndexName: 'open-by-severity',
        KeyConditionExpression: 'openPk = :p',
        ExpressionAttributeValues: { ':p': { S: 'OPEN#medium' } },
        ScanIndexForward: false,
      }),
    );
    expect(open.Items?.map((i) => i['ruleId']?.S)).toContain('dynamodb-table-pitr-enabled');
  });

  it('writes nothing for a duplicate event, and nothing for a stale one (a lower configurationStateId than stored)', async () => {
    // Prepare
    const newer = tableItem({ name: 'invoices', stateId: T0 + 2_000, pitr: true, deletionProtection: true });
    const older = tableItem({ name: 'invoices', stateId: T0 + 1_000, pitr: false });
    await pipeline.process(changeEvent(newer));
    pipeline.requests.reset();

    // Act
    const duplicate = await pipeline.process(changeEvent(newer));
    const stale = await pipeline.process(changeEvent(older));

    // Assess
    expect(duplicate).toMatchObject({ evaluated: 1, unchanged: 1, written: 0 });
    expect(stale).toMatchObject({ evaluated: 1, stale: 1, written: 0 });
    expect(pipeline.requests.writes).toBe(0);
    const [stored] = await pipeline.store.getResources([tableKey('invoices')]);
    expect(stored?.configurationStateId).toBe(T0 + 2_000);
    const pitr = (await pipeline.store.getFindings(tableKey('invoices'))).find((f) => f.ruleId === 'dynamodb-table-pitr-enabled');
    expect(pitr?.status).toBe('COMPLIANT');
  });

  it('suppresses a matching open finding: kept, marked, out of the open index, with a history item', async () => {
    // Prepare
    await pipeline.process(changeEvent(tableItem({ name: 'legacy-sessions', stateId: T0, pitr: false })));
    await pipeline.store.putSuppression({
      id: 'legacy-no-pitr',
      ruleId: 'dynamodb-table-pitr-enabled',
      resourcePattern: 'legacy-*',
      reason: 'Session cache, rebuilt from the source of truth; PITR not worth it.',
      createdBy: 'arn:aws:iam::111122223333:role/platform-admin',
      createdAt: '2026-11-22T10:00:00.000Z',
      expiresAt: '2027-05-22T10:00:00.000Z',
    });

    // Act
    const result = await pipeline.process({ kind: 'evaluate', keys: [tableKey('legacy-sessions')], source: 'store' });

    // Assess
    expect(result.transitions).toEqual([expect.objectContaining({ ruleId: 'dynamodb-table-pitr-enabled', from: 'NON_COMPLIANT', to: 'NON_COMPLIANT', suppressed: true })]);
    const pitr = (await pipeline.store.getFindings(tableKey('legacy-sessions'))).find((f) => f.ruleId === 'dynamodb-table-pitr-enabled');
    expect(pitr?.suppression).toEqual({ id: 'legacy-no-pitr', reason: expect.stringContaining('Session cache'), expiresAt: '2027-05-22T10:00:00.000Z' });
    const open = await pipeline.dynamodb.send(
      new QueryCommand({
        TableName: pipeline.tableName,
        IndexName: 'open-by-severity',
        KeyConditionExpression: 'openPk = :p',
        ExpressionAttributeValues: { ':p': { S: 'OPEN#medium' } },
      }),
    );
    expect(open.Items?.filter((i) => i['resourceId']?.S === 'legacy-sessions').map((i) => i['ruleId']?.S)).not.toContain('dynamodb-table-pitr-enabled');
    await pipeline.store.deleteSuppression('legacy-no-pitr');
  });

  it('splits more changed findings than one transaction takes, the resource item last', async () => {
    // Prepare: 60 rules on tables, all flipping at once: 120 finding and history writes.
    const many = Array.from({ length: 60 }, (_, i) =>
      defineRule({
        id: `table-check-${i}`,
        title: `DynamoDB tables pass check ${i}`,
        severity: 'low',
        resourceTypes: ['AWS::DynamoDB::Table'],
        category: RuleCategory.dataStores,
        checklist: 'test',
        remediation: { text: 'Turn on PITR.' },
        params: {},
        equivalents: {},
        evaluate: (table) => (table.model.pointInTimeRecovery === 'ENABLED' ? compliant(`${table.resourceId} passes ${i}.`) : nonCompliant(`${table.resourceId} fails ${i}.`)),
      }),
    );
    const wide = await startPipeline(ddb, { catalog: many });
    try {
      await wide.process(changeEvent(tableItem({ name: 'audit-log', stateId: T0, pitr: false })));
      wide.requests.reset();

      // Act
      const result = await wide.process(changeEvent(tableItem({ name: 'audit-log', stateId: T0 + 1_000, pitr: true })));

      // Assess
      expect(result.transitions).toHaveLength(60);
      expect(wide.requests.byCommand.get('TransactWriteItemsCommand')).toBe(2);
      const findings = await wide.store.getFindings(tableKey('audit-log'));
      expect(findings.filter((f) => f.status === 'COMPLIANT')).toHaveLength(60);
      expect((await wide.store.getResources([tableKey('audit-log')]))[0]?.configurationStateId).toBe(T0 + 1_000);
    } finally {
      await wide.close();
    }
  });

  it('ends in the state of the latest event, whatever the order, duplicates and concurrency of delivery', async () => {
    let run = 0;
    const eventArb = fc.record({
      pitr: fc.boolean(),
      deletionProtection: fc.boolean(),
      deleted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      team: fc.constantFrom(undefined, 'payments', 'search'),
      oversized: fc.boolean(),
    });
    const scenarioArb = fc.array(eventArb, { minLength: 1, maxLength: 5 }).chain((events) => {
      const indices = events.map((_, i) => i);
      return fc.record({
        events: fc.constant(events),
        order: fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
        duplicates: fc.array(fc.tuple(fc.constantFrom(...indices), fc.nat({ max: 10 })), { maxLength: events.length + 2 }),
        concurrency: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }),
      });
    });

    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ events, order, duplicates, concurrency }) => {
        // Prepare: one resource per run; its history is in Config for the oversized notifications.
        const name = `prop-${++run}`;
        const items = events.map((e, i) => {
          const state: TableState = {
            name,
            stateId: T0 + (i + 1) * 60_000,
            pitr: e.pitr,
            deletionProtection: e.deletionProtection,
            status: e.deleted ? 'ResourceDeleted' : i === 0 ? 'ResourceDiscovered' : 'OK',
            tags: e.team ? { team: e.team } : {},
          };
          return tableItem(state);
        });
        items.forEach((item) => pipeline.config.record(asFakeItem(item)));
        const bodies = items.map((item, i) =>
          events[i]?.oversized
            ? oversizedEvent({
                resourceType: 'AWS::DynamoDB::Table',
                resourceId: name,
                configurationStateId: Number(item['configurationStateId']),
                captureTime: String(item['configurationItemCaptureTime']),
                status: String(item['configurationItemStatus']),
              })
            : changeEvent(item),
        );
        const deliveries = [...order];
        for (const [index, position] of duplicates) deliveries.splice(position % (deliveries.length + 1), 0, index);

        // Act: deliveries in groups processed concurrently, as parallel Lambda batches would.
        let next = 0;
        for (let g = 0; next < deliveries.length; g++) {
          const size = concurrency[g % concurrency.length] ?? 1;
          await Promise.all(deliveries.slice(next, next + size).map((i) => pipeline.process(bodies[i])));
          next += size;
        }

        // Assess: the stored state is what the latest event alone says.
        const latest = normalizeConfigurationItem(items.at(-1));
        const expected = evaluate([latest], catalog, { now: new Date('2026-11-23T00:00:00.000Z'), inventory: buildInventory([latest, ...accountResources([latest])]) })
          .filter((e) => e.status !== 'NOT_APPLICABLE')
          .map((e) => ({ ruleId: e.ruleId, status: e.status, reason: e.reason }))
          .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
        const [stored] = await pipeline.store.getResources([tableKey(name)]);
        expect(stored).toMatchObject({ status: latest.status, configurationStateId: latest.configurationStateId });
        const findings = (await pipeline.store.getFindings(tableKey(name)))
          .filter((f) => f.status !== 'NOT_APPLICABLE')
          .map((f) => ({ ruleId: f.ruleId, status: f.status, reason: f.reason }))
          .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
        expect(findings).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});
