/**
 * A walk to the end of a listing, with findings changing underneath it: every finding that
 * matched throughout is returned exactly once, nothing is returned twice, and every page reads at
 * most 2 × its size + 1 items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationStatus } from '../../../shared/domain/evaluation.ts';
import type { Severity } from '../../../shared/domain/severity.ts';
import { openApiValidator, record, resource, startHarness, type Harness } from './fixture.ts';

let h: Harness;
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const base = Date.parse('2026-06-01T00:00:00.000Z');

beforeAll(async () => {
  h = await startHarness();
  // Prepare: 60 buckets, each with one open finding of a severity, at distinct times.
  for (let i = 0; i < 60; i++) {
    await record(h.store, resource(`bucket-${i}`), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: SEVERITIES[i % 4] ?? 'low' }], new Date(base + i * 1000));
  }
}, 120_000);

afterAll(() => h?.stop());

async function walk(query: string, between: (page: number) => Promise<void>): Promise<string[]> {
  const v = await openApiValidator(h.api);
  const seen: string[] = [];
  let next: string | undefined;
  for (let page = 0; page < 100; page++) {
    h.resetItemsRead();
    const response = await h.get(`/findings?${query}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
    const body = (await v.check(response, 'listFindings')) as { items: { resourceId: string }[]; next?: string };
    expect(h.itemsRead()).toBeLessThanOrEqual(2 * 7 + 1);
    seen.push(...body.items.map((f) => f.resourceId));
    next = body.next;
    if (!next) return seen;
    await between(page);
  }
  throw new Error('the walk did not end');
}

describe('pagination under concurrent writes', () => {
  it('returns every finding that matched throughout exactly once', async () => {
    // Act: between pages, resolve some findings, open new ones and rewrite the reason of others.
    let added = 0;
    const resolved = new Set<string>();
    const reworded = new Set<string>();
    const seen = await walk('severity=low&ruleId=s3-bucket-versioning-enabled&limit=7', async (page) => {
      const victim = `bucket-${(page * 7 + 3) % 60}`;
      resolved.add(victim);
      await record(h.store, resource(victim), [{ ruleId: 's3-bucket-versioning-enabled', status: 'COMPLIANT', severity: 'high' }], new Date(base + 100_000 + page));
      const reword = `bucket-${59 - page}`;
      if (!resolved.has(reword)) {
        reworded.add(reword);
        // Same status, new reason: the finding is rewritten in place.
        await record(h.store, resource(reword), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: SEVERITIES[(59 - page) % 4] ?? 'low' }], new Date(base + 200_000 + page));
      }
      await record(h.store, resource(`new-${added++}`), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'critical' }], new Date(base + 300_000 + page));
    });

    // Assess
    expect(seen.length).toBe(new Set(seen).size);
    const throughout = Array.from({ length: 60 }, (_, i) => `bucket-${i}`).filter((id) => !resolved.has(id));
    for (const id of throughout) expect(seen, id).toContain(id);
    expect(reworded.size).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(5);
  });

  it('walks the change feed to the end without repeating a finding written during the walk', async () => {
    const since = new Date(base - 1000).toISOString();
    let page = 0;
    const seen = await walk(`since=${since}&limit=7`, async () => {
      const id = `bucket-${page++}`;
      await record(h.store, resource(id), [{ ruleId: 's3-bucket-versioning-enabled', status: 'ERROR' as EvaluationStatus, severity: 'high' }], new Date(base + 400_000 + page));
    });
    expect(seen.length).toBe(new Set(seen).size);
    // Everything written before the walk began and not rewritten during it is there.
    const rewritten = new Set(Array.from({ length: page }, (_, i) => `bucket-${i}`));
    for (let i = 0; i < 60; i++) if (!rewritten.has(`bucket-${i}`)) expect(seen).toContain(`bucket-${i}`);
  });
});
