import { describe, expect, it } from 'vitest';
import { findingItemSchema, resourceItem, resourceItemSchema, type FindingItem } from '../../../shared/adapters/dynamodb-findings-items.ts';
import { planRecord, type CurrentItems } from '../../../shared/adapters/dynamodb-findings-plan.ts';
import type { FindingInput } from '../../../shared/domain/finding.ts';
import type { AnyResource } from '../../../shared/domain/resource.ts';

const PK = 'RES#111122223333#eu-west-1#AWS::SQS::Queue#jobs';
const SETTINGS = { tableName: 'findings', historySeconds: 86_400, deletedSeconds: 3_600 };
const AT = new Date('2026-11-23T00:00:00.000Z');

function queue(stateId: number, encrypted: boolean): AnyResource {
  return {
    accountId: '111122223333',
    region: 'eu-west-1',
    resourceType: 'AWS::SQS::Queue',
    resourceId: 'jobs',
    resourceName: 'jobs',
    status: 'OK',
    configurationStateId: stateId,
    tags: {},
    relationships: [],
    model: { encrypted },
  };
}

function verdict(ruleId: string, status: FindingInput['status']): FindingInput {
  return { ruleId, resourceType: 'AWS::SQS::Queue', resourceId: 'jobs', resourceName: 'jobs', accountId: '111122223333', region: 'eu-west-1', status, severity: 'high', reason: `jobs is ${status}.`, equivalents: {} };
}

function stored(ruleId: string, status: FindingItem['status'], stateId: number, version = 1): FindingItem {
  return findingItemSchema.parse({ ...verdict(ruleId, status), firstSeenAt: AT.toISOString(), lastChangedAt: AT.toISOString(), lastEvaluatedAt: AT.toISOString(), configurationStateId: stateId, version });
}

function current(metaStateId: number | undefined, findings: FindingItem[]): CurrentItems {
  const meta =
    metaStateId === undefined
      ? undefined
      : resourceItemSchema.parse(resourceItem(PK, queue(metaStateId, false), { stateId: metaStateId, hash: 'h', at: AT.toISOString(), ttl: undefined, version: 3 }));
  return { meta, findings: new Map(findings.map((f) => [f.ruleId, f])) };
}

describe('planRecord', () => {
  it('backs off from a newer configuration whose findings are written but whose resource item is not yet', () => {
    // Prepare: a writer of state 300 has put a finding and not yet the resource item (state 100).
    const items = current(100, [stored('sqs-encrypted', 'COMPLIANT', 300, 2)]);

    // Act: a writer of state 200 plans.
    const plan = planRecord(PK, items, { resource: queue(200, false), findings: [verdict('sqs-encrypted', 'NON_COMPLIANT')], evaluatedAt: AT }, SETTINGS);

    // Assess
    expect(plan).toEqual({ kind: 'conflict' });
  });

  it('completes what a writer of the same configuration left: only the items not yet written, the resource item last', () => {
    // Prepare: the writer of state 300 died after one of its two findings.
    const items = current(100, [stored('sqs-encrypted', 'COMPLIANT', 300, 2), stored('sqs-dlq', 'NON_COMPLIANT', 100, 1)]);

    // Act: its retry.
    const plan = planRecord(PK, items, { resource: queue(300, true), findings: [verdict('sqs-encrypted', 'COMPLIANT'), verdict('sqs-dlq', 'COMPLIANT')], evaluatedAt: AT }, SETTINGS);

    // Assess
    if (plan.kind !== 'write') throw new Error(`expected a write, got ${plan.kind}`);
    expect(plan.findings.map((p) => p.Item?.['ruleId'])).toEqual(['sqs-dlq']);
    expect(plan.history.map((p) => p.Item?.['ruleId'])).toEqual(['sqs-dlq']);
    expect(plan.resource?.Item?.['configurationStateId']).toBe(300);
    expect(plan.resource?.ConditionExpression).toBe('#version = :version AND configurationStateId < :stateId');
  });

  it('answers a stale event with the stored configuration, for the caller to evaluate', () => {
    // Act
    const plan = planRecord(PK, current(500, [stored('sqs-encrypted', 'NON_COMPLIANT', 500)]), { resource: queue(400, true), findings: [verdict('sqs-encrypted', 'COMPLIANT')], evaluatedAt: AT }, SETTINGS);

    // Assess
    expect(plan).toMatchObject({ kind: 'stale', storedStateId: 500, latest: { configurationStateId: 500, model: { encrypted: false } } });
  });

  it('gives the same history key to the same transition computed twice, whenever it is computed', () => {
    // Prepare
    const items = current(100, [stored('sqs-encrypted', 'NON_COMPLIANT', 100)]);
    const input = { resource: queue(200, true), findings: [verdict('sqs-encrypted', 'COMPLIANT')] };

    // Act
    const first = planRecord(PK, items, { ...input, evaluatedAt: AT }, SETTINGS);
    const retry = planRecord(PK, items, { ...input, evaluatedAt: new Date(AT.getTime() + 60_000) }, SETTINGS);

    // Assess
    if (first.kind !== 'write' || retry.kind !== 'write') throw new Error('expected writes');
    expect(retry.history.map((p) => p.Item?.['sk'])).toEqual(first.history.map((p) => p.Item?.['sk']));
    expect(first.findings[0]?.Item?.['historyId']).toBe(first.history[0]?.Item?.['historyId']);
  });
});
