import { describe, expect, it } from 'vitest';
import { createLocalConfigInventory } from '../../../local/config-inventory.ts';
import type { AnyResource } from '../../../shared/domain/resource.ts';

const resource = (overrides: Partial<AnyResource>): AnyResource => ({
  accountId: '111122223333',
  region: 'eu-west-1',
  resourceType: 'AWS::DynamoDB::Table',
  resourceId: 'orders',
  status: 'OK',
  configurationStateId: 100,
  captureTime: '2026-11-20T08:00:00.000Z',
  tags: {},
  relationships: [],
  model: {},
  ...overrides,
});

const listAll = async (reader: ReturnType<ReturnType<typeof createLocalConfigInventory>['reader']>, type: string): Promise<string[]> => {
  const ids: string[] = [];
  for await (const page of reader.listResourceKeys([type])) ids.push(...page.map((k) => k.resourceId));
  return ids;
};

describe('local Config inventory', () => {
  it('records a newer configuration a user feeds, and ignores an older one (a stale replay)', async () => {
    // Prepare
    const inventory = createLocalConfigInventory([resource({ configurationStateId: 100 })]);
    // Act
    const newer = inventory.recordChange(resource({ configurationStateId: 200, tags: { v: '2' } }));
    const older = inventory.recordChange(resource({ configurationStateId: 150, tags: { v: 'stale' } }));
    const [current] = await inventory.reader('111122223333', 'eu-west-1').batchGet([{ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::DynamoDB::Table', resourceId: 'orders' }]);
    // Assess
    expect([newer, older]).toEqual([true, false]);
    expect(current?.tags).toEqual({ v: '2' });
  });

  it('lists global resources in every region, and leaves deleted ones out of listings and batch reads', async () => {
    // Prepare
    const inventory = createLocalConfigInventory([
      resource({ resourceType: 'AWS::IAM::User', resourceId: 'alice', region: 'global' }),
      resource({ resourceId: 'gone', status: 'ResourceDeleted' }),
      resource({ resourceId: 'orders' }),
    ]);
    const reader = inventory.reader('111122223333', 'eu-west-1');
    // Act
    const users = await listAll(reader, 'AWS::IAM::User');
    const tables = await listAll(reader, 'AWS::DynamoDB::Table');
    const read = await reader.batchGet([{ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::DynamoDB::Table', resourceId: 'gone' }]);
    // Assess
    expect(users).toEqual(['alice']);
    expect(tables).toEqual(['orders']);
    expect(read).toEqual([]);
    expect(inventory.scopes()).toEqual([{ accountId: '111122223333', region: 'eu-west-1' }]);
  });

  it('answers the configuration current at a capture time, as GetResourceConfigHistory does for oversized events', async () => {
    // Prepare
    const inventory = createLocalConfigInventory([resource({ configurationStateId: 100, captureTime: '2026-11-20T08:00:00.000Z', tags: { v: '1' } })]);
    inventory.recordChange(resource({ configurationStateId: 200, captureTime: '2026-11-21T08:00:00.000Z', tags: { v: '2' } }));
    const key = { accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::DynamoDB::Table', resourceId: 'orders' };
    // Act
    const atFirst = await inventory.reader('111122223333', 'eu-west-1').getItemAt(key, '2026-11-20T12:00:00.000Z');
    const latest = await inventory.reader('111122223333', 'eu-west-1').getItemAt(key);
    // Assess
    expect(atFirst?.tags).toEqual({ v: '1' });
    expect(latest?.tags).toEqual({ v: '2' });
  });
});
