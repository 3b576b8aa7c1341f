import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
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
import { createFindingsStore, linkedHistory } from '../../shared/adapters/dynamodb-findings-store.ts';
import { processEvaluationMessage } from '../../shared/app/process-evaluation-message.ts';
import { RecordConflictError } from '../../shared/app/evaluation-errors.ts';
import { itemSize } from '../../local/stream-recorder.ts';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const tableKey = (name: string) => ({ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table', resourceId: name });

describe('findings store on dynalite', () => {
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

  it('declares the table the store needs: on demand, PITR, KMS, stream with both images, TTL, the indexes (four for the store, one for the alert ledger)', () => {
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
      'inventory',
      'findings-by-state',
      'findings-by-rule-state',
      'findings-by-type-state',
      'findings-by-account-state',
      'findings-by-region-state',
      'findings-by-tag-1',
      'findings-by-tag-2',
      'findings-by-tag-3',
      'finding-changes',
      'pending-alerts',
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
        IndexName: 'findings-by-state',
        KeyConditionExpression: 'gState = :p',
        ExpressionAttributeValues: { ':p': { S: 'open' } },
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
        IndexName: 'findings-by-state',
        KeyConditionExpression: 'gState = :p',
        ExpressionAttributeValues: { ':p': { S: 'open' } },
      }),
    );
    expect(open.Items?.filter((i) => i['resourceId']?.S === 'legacy-sessions').map((i) => i['ruleId']?.S)).not.toContain('dynamodb-table-pitr-enabled');
    await pipeline.store.deleteSuppression('legacy-no-pitr');
  });

  it('keeps a finding item within 1 KB (1 WRU a write): tags ride along only when they fit', async () => {
    // Prepare
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`cost-allocation-tag-${i}`, `value-of-tag-number-${i}`]));

    // Act
    await pipeline.process(changeEvent(tableItem({ name: 'few-tags', stateId: T0, pitr: false, tags: { team: 'payments' } })));
    await pipeline.process(changeEvent(tableItem({ name: 'many-tags', stateId: T0, pitr: false, tags: many })));

    // Assess
    const few = await findingItems(pipeline, 'few-tags');
    const crowded = await findingItems(pipeline, 'many-tags');
    expect(few.every((f) => JSON.stringify(f['tags']) === JSON.stringify({ team: 'payments' }))).toBe(true);
    expect(crowded.every((f) => f['tags'] === undefined)).toBe(true);
    for (const f of [...few, ...crowded]) expect(itemSize(marshall(f, { removeUndefinedValues: true }))).toBeLessThanOrEqual(1_024);
    expect((await pipeline.store.getResources([tableKey('many-tags')]))[0]?.tags).toEqual(many);
  });

  it('lists stored resources in a stable order, however BatchGetItem orders its answer (a rule naming the first match keeps its reason)', async () => {
    // Prepare: twelve tables; dynalite, like DynamoDB, answers BatchGetItem in any order.
    const names = Array.from({ length: 12 }, (_, i) => `ordered-${String(i).padStart(2, '0')}`);
    for (const name of names) await pipeline.process(changeEvent(tableItem({ name, stateId: T0, pitr: true })));
    const keys = [...names].reverse().map(tableKey);

    // Act
    const byKeys = await pipeline.store.getResources(keys);
    const listed = await pipeline.store.listResources({ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::DynamoDB::Table' });

    // Assess
    expect(byKeys.map((r) => r.resourceId)).toEqual(keys.map((k) => k.resourceId));
    const ids = listed.map((r) => r.resourceId).filter((id) => id.startsWith('ordered-'));
    expect(ids).toEqual(names);
  });

  it('writes each item on its own: the transitions\' history first, then the findings, the resource item last', async () => {
    // Prepare: 60 rules on tables, all flipping at once: 60 finding and 60 history writes.
    const wide = await startPipeline(ddb, { catalog: tableChecks(60) });
    try {
      await wide.process(changeEvent(tableItem({ name: 'audit-log', stateId: T0, pitr: false })));
      wide.requests.reset();

      // Act
      const result = await wide.process(changeEvent(tableItem({ name: 'audit-log', stateId: T0 + 1_000, pitr: true })));

      // Assess
      expect(result.transitions).toHaveLength(60);
      expect(wide.requests.byCommand.get('TransactWriteItemsCommand')).toBeUndefined();
      const kinds = wide.requests.putKeys.map((sk) => sk.split('#')[0]);
      expect(kinds).toEqual([...Array<string>(60).fill('HIST'), ...Array<string>(60).fill('RULE'), 'META']);
      const findings = await wide.store.getFindings(tableKey('audit-log'));
      expect(findings.filter((f) => f.status === 'COMPLIANT')).toHaveLength(60);
      expect((await wide.store.getResources([tableKey('audit-log')]))[0]?.configurationStateId).toBe(T0 + 1_000);
    } finally {
      await wide.close();
    }
  });

  it('completes what a process that died part way through a write left: nothing lost, nothing doubled, each transition streamed once', async () => {
    // Prepare: 8 rules that all flip with PITR: 17 writes for a new table (8 history, 8 findings,
    // the resource), 17 for the change that flips them.
    const rules = 8;
    const writes = 2 * rules + 1;
    // A clock that moves on each read: a retry runs later than the attempt that died.
    let tick = 0;
    const narrow = await startPipeline(ddb, { catalog: tableChecks(rules), now: () => new Date(Date.parse('2026-11-23T00:00:00.000Z') + ++tick * 1_000) });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 2 * writes - 1 }), async (diesAfter) => {
          const name = `crash-${++run}`;
          const created = changeEvent(tableItem({ name, stateId: T0, pitr: false }), 'CREATE');
          const changed = changeEvent(tableItem({ name, stateId: T0 + 1_000, pitr: true }));
          const crashed = diesAfter < writes ? created : changed;
          narrow.stream.take();
          if (crashed === changed) await narrow.process(created);

          // Act: the process dies after `diesAfter` writes of the first or the second event; the
          // queue delivers that event again; then whatever was left.
          const crash = dieAfterWrites(narrow.dynamodb, diesAfter % writes);
          await expect(narrow.process(crashed)).rejects.toThrow('process died');
          crash.off();
          await narrow.process(crashed);
          if (crashed === created) await narrow.process(changed);

          // Assess: the latest state, every finding and history item once, every transition streamed once.
          const [stored] = await narrow.store.getResources([tableKey(name)]);
          expect(stored?.configurationStateId).toBe(T0 + 1_000);
          const findings = await narrow.store.getFindings(tableKey(name));
          expect(findings.map((f) => [f.status, f.configurationStateId])).toEqual(Array(rules).fill(['COMPLIANT', T0 + 1_000]));
          const history = await historyOf(narrow, name);
          expect(history.length).toBe(2 * rules);
          for (const finding of await findingItems(narrow, name)) {
            const chain = linkedHistory(finding.historyId, history.filter((h) => h.ruleId === finding.ruleId));
            expect(chain.map((h) => [h.from, h.to])).toEqual([
              ['NON_COMPLIANT', 'COMPLIANT'],
              [undefined, 'NON_COMPLIANT'],
            ]);
          }
          const streamed = narrow.stream
            .take()
            .filter((r) => r.dynamodb?.Keys?.['sk']?.S?.startsWith('RULE#'))
            .map((r) => `${r.dynamodb?.OldImage?.['status']?.S ?? '-'}>${r.dynamodb?.NewImage?.['status']?.S}`);
          expect(streamed.sort()).toEqual([...Array<string>(rules).fill('->NON_COMPLIANT'), ...Array<string>(rules).fill('NON_COMPLIANT>COMPLIANT')]);
        }),
        { numRuns: 2 * writes, examples: [[0], [writes - 1], [writes], [2 * writes - 1]] },
      );
    } finally {
      await narrow.close();
    }
  });

  it('repairs findings an overtaken writer of an older configuration left behind, when its event is delivered again', async () => {
    // Prepare: the newer configuration is recorded; then a writer of the older one, which read
    // before it, puts one finding and dies (what per-item writes allow and a transaction did not).
    await pipeline.process(changeEvent(tableItem({ name: 'overtaken', stateId: T0 + 2_000, pitr: true })));
    const pk = `RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#overtaken`;
    const [stale] = await findingItems(pipeline, 'overtaken').then((items) => items.filter((f) => f.ruleId === 'dynamodb-table-pitr-enabled'));
    await pipeline.dynamodb.send(
      new PutItemCommand({
        TableName: pipeline.tableName,
        Item: marshall({ ...stale, pk, sk: 'RULE#dynamodb-table-pitr-enabled', status: 'NON_COMPLIANT', reason: 'overtaken writer', configurationStateId: T0 + 1_000, version: Number(stale?.version) + 1 }, { removeUndefinedValues: true }),
      }),
    );

    // Act: the older event is delivered again.
    const result = await pipeline.process(changeEvent(tableItem({ name: 'overtaken', stateId: T0 + 1_000, pitr: false })));

    // Assess
    expect(result).toMatchObject({ stale: 1, written: 0 });
    const pitr = (await pipeline.store.getFindings(tableKey('overtaken'))).find((f) => f.ruleId === 'dynamodb-table-pitr-enabled');
    expect(pitr).toMatchObject({ status: 'COMPLIANT', configurationStateId: T0 + 2_000 });
  });

  it('ends in the state of the latest event, whatever the order, duplicates, concurrency of delivery and processes dying part way', async () => {
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
        // Deliveries whose process dies after so many of its writes (then SQS delivers them again).
        crashes: fc.array(fc.tuple(fc.nat({ max: 12 }), fc.nat({ max: 24 })), { maxLength: 2 }),
      });
    });

    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ events, order, duplicates, concurrency, crashes }) => {
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

        const dies = new Map(crashes.map(([position, writes]) => [position % deliveries.length, writes]));

        // Act: deliveries in groups processed concurrently, as parallel Lambda batches would. A
        // message whose process died, or that gave up waiting for a newer write in flight
        // (RecordConflictError), is delivered again later, as SQS does after its visibility timeout.
        const deliver = async (i: number, dieAfter: number | undefined): Promise<number[]> => {
          const dying = dieAfter === undefined ? undefined : new DynamoDBClient(ddb.clientConfig);
          if (dying && dieAfter !== undefined) dieAfterWrites(dying, dieAfter);
          const deps = dying ? { ...pipeline.deps, store: createFindingsStore({ client: dying, tableName: pipeline.tableName }) } : pipeline.deps;
          try {
            await processEvaluationMessage(bodies[i], deps);
            return [];
          } catch (error) {
            if (error instanceof RecordConflictError || (error instanceof Error && error.message === 'process died')) return [i];
            throw error;
          } finally {
            dying?.destroy();
          }
        };
        let again: number[] = [];
        let next = 0;
        for (let g = 0; next < deliveries.length; g++) {
          const size = concurrency[g % concurrency.length] ?? 1;
          const group = deliveries.slice(next, next + size);
          again.push(...(await Promise.all(group.map((i, j) => deliver(i, dies.get(next + j))))).flat());
          next += size;
        }
        for (let pass = 0; again.length > 0; pass++) {
          if (pass === 3) throw new Error(`messages still failing after ${pass} redeliveries: ${again.join(', ')}`);
          const failed: number[] = [];
          for (const i of again) failed.push(...(await deliver(i, undefined)));
          again = failed;
        }

        // Assess: the stored state is what the latest event alone says.
        const latest = normalizeConfigurationItem(items.at(-1));
        const expected = evaluate([latest], catalog, { now: new Date('2026-11-23T00:00:00.000Z'), inventory: buildInventory([latest, ...accountResources([latest])], { complete: true }) })
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
        // Each finding's history, followed from the finding, is a chain of its own transitions
        // ending in its status, whatever writers lost races on the way.
        const history = await historyOf(pipeline, name);
        for (const finding of await findingItems(pipeline, name)) {
          const chain = linkedHistory(finding.historyId, history.filter((h) => h.ruleId === finding.ruleId));
          expect(chain[0]?.to).toBe(finding.status);
          expect(chain.at(-1)?.from).toBeUndefined();
          chain.slice(1).forEach((older, i) => expect(chain[i]?.from).toBe(older.to));
        }
      }),
      { numRuns: 30 },
    );
    // Thirty scenarios of a few events each, with pauses on conflicts: room for a loaded machine.
  }, 120_000);
});

/** Rules that all pass when a table has PITR, and all fail when not. */
function tableChecks(count: number) {
  return Array.from({ length: count }, (_, i) =>
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
}

/** Lets `count` PutItem requests through, then fails every later one before it is sent: the process died. */
function dieAfterWrites(client: DynamoDBClient, count: number): { off(): void } {
  let seen = 0;
  const name = 'vigilTestProcessDies';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutItemCommand' && ++seen > count) throw new Error('process died');
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { off: () => void client.middlewareStack.remove(name) };
}

type Stored = Record<string, unknown> & { ruleId?: string; historyId?: string; from?: string; to?: string; version?: number };

async function itemsUnder(p: Pipeline, name: string, prefix: string): Promise<Stored[]> {
  const out = await p.dynamodb.send(
    new QueryCommand({
      TableName: p.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': { S: `RES#${ACCOUNT}#${REGION}#AWS::DynamoDB::Table#${name}` }, ':p': { S: prefix } },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((item) => unmarshall(item) as Stored);
}

const historyOf = (p: Pipeline, name: string) => itemsUnder(p, name, 'HIST#');
const findingItems = (p: Pipeline, name: string) => itemsUnder(p, name, 'RULE#');
