import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it } from 'vitest';
import { configReaderIamActions, createConfigReader } from '../../shared/adapters/config-service.ts';
import type { DynamoDbTable } from '../../shared/config-items/models/dynamodb.ts';
import type { ResourceKey } from '../../shared/domain/resource.ts';
import { createFakeConfigService, type FakeItem } from '../support/config-service-fake.ts';
import { startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';

const ACCOUNT = '111122223333';
const table = (name: string, stateId: number, pitr: 'ENABLED' | 'DISABLED', extra: Partial<FakeItem> = {}): FakeItem => ({
  resourceType: 'AWS::DynamoDB::Table',
  resourceId: name,
  resourceName: name,
  arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`,
  configurationStateId: stateId,
  configuration: { tableName: name, tableStatus: 'ACTIVE', billingModeSummary: { billingMode: 'PAY_PER_REQUEST' } },
  supplementaryConfiguration: {
    ContinuousBackupsDescription: { pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: pitr } },
  },
  tags: { team: 'payments' },
  ...extra,
});
const key = (resourceId: string): ResourceKey => ({ accountId: ACCOUNT, region: 'eu-west-1', resourceType: 'AWS::DynamoDB::Table', resourceId });

describe('Config reader (loopback Config API, real SDK client)', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  it('lists every page of every type, with the account learnt from the first items when not given', async () => {
    // Prepare
    const config = createFakeConfigService(Array.from({ length: 250 }, (_, i) => table(`t-${String(i).padStart(3, '0')}`, 1_780_000_000_000 + i, 'ENABLED')));
    aws = await startLoopbackAws(config.handlers);
    const reader = createConfigReader({ client: new ConfigServiceClient(testClientConfig(aws.endpoint)) });

    // Act
    const pages: ResourceKey[][] = [];
    for await (const page of reader.listResourceKeys(['AWS::DynamoDB::Table', 'AWS::S3::Bucket'])) pages.push([...page]);

    // Assess
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pages[2]?.at(-1)).toEqual(key('t-249'));
    expect(aws.callsTo('ListDiscoveredResources').map((c) => (c.input as { resourceType: string }).resourceType)).toEqual([
      'AWS::DynamoDB::Table',
      'AWS::DynamoDB::Table',
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
    ]);
    expect(aws.callsTo('BatchGetResourceConfig')).toHaveLength(1);
  });

  it('batch-gets 100 keys a call, retries unprocessed keys, and normalizes the API form', async () => {
    // Prepare
    const config = createFakeConfigService(Array.from({ length: 150 }, (_, i) => table(`t-${i}`, 1_780_000_000_000 + i, i % 2 ? 'ENABLED' : 'DISABLED')));
    config.unprocessOnce(['t-3', 't-120']);
    aws = await startLoopbackAws(config.handlers);
    const reader = createConfigReader({ client: new ConfigServiceClient(testClientConfig(aws.endpoint)), accountId: ACCOUNT, retryDelayMs: 0 });

    // Act
    const items = await reader.batchGet(Array.from({ length: 150 }, (_, i) => key(`t-${i}`)));

    // Assess
    expect(items).toHaveLength(150);
    expect(aws.callsTo('BatchGetResourceConfig').map((c) => (c.input as { resourceKeys: unknown[] }).resourceKeys.length)).toEqual([100, 1, 50, 1]);
    const t3 = items.find((r) => r.resourceId === 't-3');
    expect(t3).toMatchObject({ accountId: ACCOUNT, region: 'eu-west-1', status: 'OK', configurationStateId: 1_780_000_000_003 });
    expect(t3?.captureTime).toBe(new Date(1_780_000_000_003).toISOString());
    expect((t3?.model as DynamoDbTable).pointInTimeRecovery).toBe('ENABLED');
    // BaseConfigurationItem has no tags: the reader must not invent them.
    expect(t3?.tags).toEqual({});
  });

  it('reads the item current at a capture time from the history, with tags and relationships', async () => {
    // Prepare
    const config = createFakeConfigService([
      table('orders', Date.parse('2026-03-01T10:00:00Z'), 'DISABLED'),
      table('orders', Date.parse('2026-03-02T10:00:00Z'), 'ENABLED', {
        relationships: [{ resourceType: 'AWS::KMS::Key', resourceId: 'a1b2', relationshipName: 'Is associated with Key' }],
      }),
      table('orders', Date.parse('2026-03-03T10:00:00Z'), 'DISABLED'),
    ]);
    aws = await startLoopbackAws(config.handlers);
    const reader = createConfigReader({ client: new ConfigServiceClient(testClientConfig(aws.endpoint)), accountId: ACCOUNT });

    // Act
    const item = await reader.getItemAt(key('orders'), '2026-03-02T10:00:00.000Z');
    const later = await reader.getItemAt(key('orders'), '2026-03-05T00:00:00.000Z');
    const unknown = await reader.getItemAt(key('never-seen'));

    // Assess
    expect(item?.configurationStateId).toBe(Date.parse('2026-03-02T10:00:00Z'));
    expect((item?.model as DynamoDbTable).pointInTimeRecovery).toBe('ENABLED');
    expect(item?.tags).toEqual({ team: 'payments' });
    expect(item?.relationships).toEqual([{ resourceType: 'AWS::KMS::Key', resourceId: 'a1b2', resourceName: undefined, name: 'Is associated with Key' }]);
    expect(aws.callsTo('GetResourceConfigHistory')[0]?.input).toEqual({
      resourceType: 'AWS::DynamoDB::Table',
      resourceId: 'orders',
      laterTime: Date.parse('2026-03-02T10:00:00Z') / 1000,
      limit: 1,
    });
    expect((later?.model as DynamoDbTable).pointInTimeRecovery).toBe('DISABLED');
    expect(unknown).toBeUndefined();
  });

  it('pages back through empty seven-day windows of the history to the item current at a time', async () => {
    // Prepare: the table last changed three weeks before the time asked about.
    const changed = Date.parse('2026-03-01T10:00:00Z');
    const config = createFakeConfigService([table('ledger', changed, 'ENABLED')]);
    aws = await startLoopbackAws(config.handlers);
    const reader = createConfigReader({ client: new ConfigServiceClient(testClientConfig(aws.endpoint)), accountId: ACCOUNT });

    // Act
    const item = await reader.getItemAt(key('ledger'), new Date(changed + 21 * 86_400_000).toISOString());

    // Assess
    expect(item?.configurationStateId).toBe(changed);
    expect(aws.callsTo('GetResourceConfigHistory')).toHaveLength(4);
  });

  it('completes batch items with their tags and relationships, one advanced query per type and chunk of ids', async () => {
    // Prepare: 120 tables with ids long enough to need two expressions of at most 4,096 characters.
    const names = Array.from({ length: 120 }, (_, i) => `orders-events-archive-${String(i).padStart(3, '0')}`);
    const config = createFakeConfigService(
      names.map((n, i) =>
        table(n, 1_780_000_000_000 + i, 'ENABLED', {
          tags: { team: 'payments', 'cost-center': 'cc-4411' },
          relationships: [{ resourceType: 'AWS::KMS::Key', resourceId: `key-${i}`, relationshipName: 'Is associated with Key' }],
        }),
      ),
    );
    aws = await startLoopbackAws(config.handlers);
    const reader = createConfigReader({ client: new ConfigServiceClient(testClientConfig(aws.endpoint)), accountId: ACCOUNT });
    const items = await reader.batchGet(names.map(key));

    // Act
    const complete = await reader.completeItems?.(items);

    // Assess
    expect(items.every((i) => Object.keys(i.tags).length === 0)).toBe(true);
    expect(complete).toHaveLength(120);
    expect(complete?.[7]).toMatchObject({
      resourceId: 'orders-events-archive-007',
      tags: { team: 'payments', 'cost-center': 'cc-4411' },
      relationships: [{ resourceType: 'AWS::KMS::Key', resourceId: 'key-7', name: 'Is associated with Key' }],
    });
    const queries = aws.callsTo('SelectResourceConfig').map((c) => (c.input as { Expression: string }).Expression);
    expect(queries.length).toBe(2);
    expect(queries.every((q) => q.length <= 4096 && q.startsWith("SELECT resourceId, tags, relationships WHERE resourceType = 'AWS::DynamoDB::Table' AND resourceId IN ('"))).toBe(true);
  });

  it('declares the Config actions it calls', () => {
    expect([...configReaderIamActions].sort()).toEqual([
      'config:BatchGetResourceConfig',
      'config:GetResourceConfigHistory',
      'config:ListDiscoveredResources',
      'config:SelectResourceConfig',
    ]);
  });
});
