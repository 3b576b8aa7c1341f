import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFindingsStore } from '../../shared/adapters/dynamodb-findings-store.ts';
import { applyCodeSuppressions, parseCodeSuppressionsJson, parseSuppressionsFile } from '../../shared/app/suppressions-as-code.ts';
import type { FindingsStore } from '../../shared/app/ports.ts';
import { newSuppression } from '../../shared/domain/suppression.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { createFindingsTable } from '../../local/findings-table.ts';

const now = new Date('2026-12-01T09:00:00.000Z');
const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 'legacy-exports-versioning',
  ruleId: 's3-bucket-versioning-enabled',
  resourcePattern: 'legacy-exports',
  reason: 'Write-once export bucket; versioning doubles its cost.',
  createdBy: 'platform-team@example.com',
  expiresAt: '2027-03-31T00:00:00Z',
  ...overrides,
});

describe('suppressions.yml', () => {
  it('the repository file parses (Vigil deploys it)', () => {
    expect(parseSuppressionsFile(parse(readFileSync(join(import.meta.dirname, '..', '..', 'suppressions.yml'), 'utf8')), now)).toEqual([]);
  });

  it.each([
    [{ suppressions: [entry({ reason: 'n/a' })] }, 'suppressions[0] (legacy-exports-versioning).reason: at least 10 characters: say why the risk is accepted'],
    [{ suppressions: [entry({ expiresAt: '2026-01-01T00:00:00Z' })] }, 'suppressions[0] (legacy-exports-versioning).expiresAt: must be in the future'],
    [{ suppressions: [entry({ expiresAt: '2028-12-01T00:00:00Z' })] }, "suppressions[0] (legacy-exports-versioning).expiresAt: must be within 365 days (this stage's limit)"],
    [{ suppressions: [entry({ createdBy: undefined })] }, 'suppressions[0] (legacy-exports-versioning).createdBy: required: who accepts the risk'],
    [{ suppressions: [entry(), entry()] }, 'suppressions[1].id: duplicate id legacy-exports-versioning'],
    [{ suppressions: [entry({ id: 'Bad Id' })] }, 'suppressions[0].id: kebab-case, at most 63 characters'],
  ])('names the entry and the field of a bad declaration (%#)', (content, message) => {
    expect(() => parseSuppressionsFile(content, now)).toThrow(message);
  });
});

describe('applyCodeSuppressions on the findings store', () => {
  let ddb: LocalDynamoDb;
  let store: FindingsStore;
  beforeAll(async () => {
    ddb = await startDynalite();
    const client = new DynamoDBClient(ddb.clientConfig);
    store = createFindingsStore({ client, tableName: await createFindingsTable(client), suppressionCacheMs: 0 });
  });
  afterAll(async () => ddb?.stop());

  it('puts new and changed declarations, deletes removed ones, leaves API suppressions alone, and rewrites nothing on a redeploy', async () => {
    // Prepare: one API suppression, one declaration
    const api = newSuppression({ ruleId: '*', resourcePattern: 'sandbox-*', reason: 'Sandbox account resources.', expiresAt: '2027-01-01T00:00:00Z' }, { id: 'api-1', now, createdBy: 'alice' });
    await store.putSuppression(api);
    const [first] = parseSuppressionsFile({ suppressions: [entry()] }, now);
    if (!first) throw new Error('no declaration');
    // Act / Assess: applied, then applied again from a later package (same declaration)
    expect(await applyCodeSuppressions(store, [first])).toEqual({ put: 1, deleted: 0 });
    const repackaged = parseCodeSuppressionsJson(JSON.stringify(parseSuppressionsFile({ suppressions: [entry()] }, new Date(now.getTime() + 86_400_000))));
    expect(await applyCodeSuppressions(store, repackaged)).toEqual({ put: 0, deleted: 0 });
    const changed = parseSuppressionsFile({ suppressions: [entry({ expiresAt: '2027-02-28T00:00:00Z' })] }, now);
    expect(await applyCodeSuppressions(store, changed)).toEqual({ put: 1, deleted: 0 });
    expect((await store.listSuppressions()).find((s) => s.id === 'code:legacy-exports-versioning')?.expiresAt).toBe('2027-02-28T00:00:00.000Z');
    expect(await applyCodeSuppressions(store, [])).toEqual({ put: 0, deleted: 1 });
    expect((await store.listSuppressions()).map((s) => s.id)).toEqual(['api-1']);
  });
});
