import { describe, expect, it } from 'vitest';
import type { BackupSelection } from '../../../shared/config-items/models/backup.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';
import type { AnyResource } from '../../../shared/domain/resource.ts';
import { dependentsOf } from '../../../shared/engine/evaluate.ts';
import { buildInventory } from '../../../shared/engine/inventory.ts';
import { selectionCovers, wildcardMatches } from '../../../shared/rules/backup/_selection.ts';
import dynamodbTableInBackupPlan from '../../../shared/rules/dynamodb/dynamodb-table-in-backup-plan.ts';

const ACCOUNT = '111122223333';
const PLAN_ID = '8f2e4c1a-6b3d-4e5f-9a0b-1c2d3e4f5a6b';
const tableArn = (name: string) => `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`;

function selection(spec: Partial<BackupSelection>): BackupSelection {
  return {
    selectionName: 'test',
    selectionId: 'sel-1',
    planId: PLAN_ID,
    resources: [],
    notResources: [],
    listOfTags: [],
    conditions: { stringEquals: [], stringNotEquals: [], stringLike: [], stringNotLike: [] },
    ...spec,
  };
}
const noConditions = { stringEquals: [], stringNotEquals: [], stringLike: [], stringNotLike: [] };

describe('wildcardMatches', () => {
  it.each([
    ['arn:aws:dynamodb:*:*:table/*', tableArn('orders'), true],
    ['*', tableArn('orders'), true],
    [tableArn('orders'), tableArn('orders'), true],
    [tableArn('orders'), tableArn('orders-archive'), false],
    ['arn:aws:dynamodb:*:*:table/orders*', tableArn('orders-archive'), true],
    ['arn:aws:dynamodb:us-east-1:*:table/*', tableArn('orders'), false],
    ['arn:aws:rds:*:*:db:*', tableArn('orders'), false],
    ['*:table/*-archive', tableArn('orders-archive'), true],
    ['*:table/*-archive', tableArn('archive-orders'), false],
    ['a*a', 'a', false],
  ])('%s ~ %s is %s', (pattern, value, expected) => {
    expect(wildcardMatches(pattern, value)).toBe(expected);
  });
});

describe('selectionCovers', () => {
  const target = { arn: tableArn('orders'), tags: { backup: 'daily', Environment: 'production' } };

  it.each([
    ['an exact ARN', selection({ resources: [tableArn('orders')] }), 'resource ARN arn:aws:dynamodb:eu-west-1:111122223333:table/orders'],
    ['all resources', selection({ resources: ['*'] }), 'resource ARN *'],
    ['a legacy tag', selection({ listOfTags: [{ key: 'backup', value: 'daily' }] }), 'tag backup=daily'],
    ['a legacy tag OR-ed with unrelated ARNs', selection({ resources: ['arn:aws:rds:*:*:db:*'], listOfTags: [{ key: 'backup', value: 'daily' }] }), 'tag backup=daily'],
    [
      'conditions narrowing a type wildcard',
      selection({ resources: ['arn:aws:dynamodb:*:*:table/*'], conditions: { ...noConditions, stringEquals: [{ key: 'backup', value: 'daily' }], stringLike: [{ key: 'Environment', value: 'prod*' }] } }),
      'resource ARN arn:aws:dynamodb:*:*:table/*, tag backup=daily',
    ],
    ['conditions alone (every resource)', selection({ conditions: { ...noConditions, stringNotEquals: [{ key: 'backup', value: 'none' }] } }), 'all resources'],
    ['a negated condition on an absent tag', selection({ resources: ['*'], conditions: { ...noConditions, stringNotLike: [{ key: 'Lifecycle', value: 'temp*' }] } }), 'resource ARN *'],
  ])('covers the table through %s', (_case, sel, via) => {
    expect(selectionCovers(sel, target)).toEqual({ via });
  });

  it.each([
    ['other resource types', selection({ resources: ['arn:aws:rds:*:*:db:*'] })],
    ['NotResources', selection({ resources: ['*'], notResources: ['arn:aws:dynamodb:*:*:table/ord*'] })],
    ['NotResources over a matching legacy tag', selection({ listOfTags: [{ key: 'backup', value: 'daily' }], notResources: [tableArn('orders')] })],
    ['an unmet AND condition', selection({ resources: ['*'], conditions: { ...noConditions, stringEquals: [{ key: 'backup', value: 'daily' }, { key: 'Environment', value: 'staging' }] } })],
    ['a StringLike on an absent tag', selection({ resources: ['*'], conditions: { ...noConditions, stringLike: [{ key: 'Team', value: '*' }] } })],
    ['a legacy tag with another value', selection({ listOfTags: [{ key: 'backup', value: 'weekly' }] })],
  ])('does not cover the table excluded by %s', (_case, sel) => {
    expect(selectionCovers(sel, target)).toBeUndefined();
  });
});

function ci(resourceType: string, resourceId: string, configuration: object | null, extra: Record<string, unknown> = {}): AnyResource {
  return normalizeConfigurationItem({ resourceType, resourceId, resourceName: resourceId, awsRegion: 'eu-west-1', awsAccountId: ACCOUNT, configuration, ...extra });
}
const table = (name: string, tags: Record<string, string> = {}) => ci('AWS::DynamoDB::Table', name, { tableName: name, tableArn: tableArn(name), tableStatus: 'ACTIVE' }, { ARN: tableArn(name), tags });
const selectionCi = (id: string, backupSelection: object, extra: Record<string, unknown> = {}) =>
  ci('AWS::Backup::BackupSelection', id, { BackupPlanId: PLAN_ID, SelectionId: id, BackupSelection: { SelectionName: id, ...backupSelection } }, extra);
const ids = (keys: readonly { resourceId: string }[]) => keys.map((k) => k.resourceId).sort();

describe('dynamodb-table-in-backup-plan re-evaluation', () => {
  const tables = [table('orders', { backup: 'daily' }), table('sessions'), table('scratch-events', { backup: 'daily' })];

  it('re-evaluates only the tables a changed selection covers', () => {
    // Prepare
    const changed = selectionCi('tagged', { Resources: ['arn:aws:dynamodb:*:*:table/*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] } });
    const inventory = buildInventory([...tables, changed]);

    // Act
    const dependents = dependentsOf(changed, [dynamodbTableInBackupPlan], inventory);

    // Assess
    expect(ids(dependents)).toEqual(['orders', 'scratch-events']);
  });

  it('also re-evaluates the tables the stored version covered, which the new one may drop', () => {
    // Prepare
    const stored = selectionCi('tagged', { Resources: [tableArn('sessions')] });
    const changed = selectionCi('tagged', { Resources: [tableArn('orders')] });
    const inventory = buildInventory([...tables, stored]);

    // Act
    const dependents = dependentsOf(changed, [dynamodbTableInBackupPlan], inventory);

    // Assess
    expect(ids(dependents)).toEqual(['orders', 'sessions']);
  });

  it('re-evaluates every table in the region when a selection it cannot read any more is deleted', () => {
    // Prepare
    const deleted = selectionCi('tagged', {}, { configurationItemStatus: 'ResourceDeleted', configuration: null });
    const inventory = buildInventory([...tables, deleted, table('audit-trail')]);

    // Act
    const dependents = dependentsOf(deleted, [dynamodbTableInBackupPlan], inventory);

    // Assess
    expect(ids(dependents)).toEqual(['audit-trail', 'orders', 'scratch-events', 'sessions']);
  });

  it('re-evaluates the tables covered by the selections of a changed plan', () => {
    // Prepare
    const plan = ci('AWS::Backup::BackupPlan', PLAN_ID, { BackupPlanId: PLAN_ID, BackupPlan: { BackupPlanName: 'prod-daily', BackupPlanRule: [] } });
    const ofPlan = selectionCi('orders-only', { Resources: [tableArn('orders')] });
    const inventory = buildInventory([...tables, plan, ofPlan]);

    // Act
    const dependents = dependentsOf(plan, [dynamodbTableInBackupPlan], inventory);

    // Assess
    expect(ids(dependents)).toEqual(['orders']);
  });
});
