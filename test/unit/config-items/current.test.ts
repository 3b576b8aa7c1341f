import { describe, expect, it } from 'vitest';
import { compareVersions, currentResources } from '../../../shared/config-items/current.ts';
import type { AnyResource } from '../../../shared/domain/resource.ts';

const table = (resourceId: string, configurationStateId: number | undefined, captureTime: string | undefined): AnyResource => ({
  accountId: '111122223333',
  region: 'eu-west-1',
  resourceType: 'AWS::DynamoDB::Table',
  resourceId,
  resourceName: resourceId,
  status: 'OK',
  configurationStateId,
  captureTime,
  tags: {},
  relationships: [],
  model: {},
});

describe('one current item per resource', () => {
  it('orders versions by configurationStateId, then capture time (ISO or epoch seconds)', () => {
    expect(compareVersions(table('t', 2, '2026-01-01T00:00:00Z'), table('t', 1, '2026-02-01T00:00:00Z'))).toBeGreaterThan(0);
    expect(compareVersions(table('t', 1, '2026-02-01T00:00:00Z'), table('t', 1, '2026-01-01T00:00:00Z'))).toBeGreaterThan(0);
    expect(compareVersions(table('t', undefined, '1767225600'), table('t', undefined, '2025-12-31T00:00:00Z'))).toBeGreaterThan(0);
    expect(compareVersions(table('t', undefined, undefined), table('t', undefined, undefined))).toBe(0);
  });

  it('keeps the newest item of each resource, in any order, and counts the others', () => {
    // Prepare
    const history = [table('a', 1, undefined), table('b', 5, undefined), table('a', 3, undefined), table('a', 2, undefined)];

    // Act
    const { current, dropped } = currentResources(history);

    // Assess
    expect(current.map((r) => [r.resourceId, r.configurationStateId])).toEqual([
      ['a', 3],
      ['b', 5],
    ]);
    expect(dropped).toBe(2);
  });
});
