/**
 * Hostile input never makes the API fail on its side: random query strings, path parameters and
 * bodies get 4xx application/problem+json answers (or a 2xx), never a 500.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, resource, startHarness, type Harness } from './fixture.ts';

let h: Harness;
const errors: unknown[] = [];

beforeAll(async () => {
  h = await startHarness({ onError: (error) => errors.push(error) });
  await record(h.store, resource('fuzz-bucket', { tags: { team: 'x' } }), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' }], new Date('2026-06-01T00:00:00Z'));
}, 60_000);

afterAll(() => h?.stop());

const PARAMS = ['status', 'suppressed', 'severity', 'ruleId', 'resourceType', 'accountId', 'region', 'tag', 'since', 'limit', 'cursor', 'dryRun', 'x'];
const value = fc.oneof(
  fc.string(),
  fc.constantFrom('NON_COMPLIANT', 'true', 'high', 'AWS::S3::Bucket', '111122223333', 'eu-west-1', 'team:x', '2026-01-01T00:00:00Z', '0', '500', '-1', '1e3', '%', '%zz', '..', 'a.b'),
  fc.string({ unit: 'binary' }),
);
const query = fc.array(fc.tuple(fc.constantFrom(...PARAMS), value), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString());
const segment = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', '%', '%2F', 'WyJhIl0', 'eyJ4IjoxfQ', '..'));
const path = fc.oneof(
  fc.constantFrom('/findings', '/rules', '/summary', '/suppressions', '/health', '/evaluations', '/openapi.json'),
  segment.map((s) => `/findings/${encodeURIComponent(s)}`),
  segment.map((s) => `/findings/${encodeURIComponent(s)}/history`),
  segment.map((s) => `/resources/${encodeURIComponent(s)}`),
  segment.map((s) => `/rules/${encodeURIComponent(s)}`),
  segment.map((s) => `/suppressions/${encodeURIComponent(s)}`),
  segment.map((s) => `/${s.replace(/[?#]/g, '')}`),
);
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.record({ ruleId: fc.string(), reason: fc.string(), expiresAt: fc.string(), tag: fc.anything() }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc.record({ scope: fc.constantFrom('resource', 'rule', 'account', 'x'), ruleId: fc.string(), resource: fc.anything() }, { requiredKeys: ['scope'] }).map((o) => JSON.stringify(o)),
);

describe('fuzzing the API', () => {
  it('answers 4xx problem+json (or success), never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'), path, query, body, async (method, p, q, b) => {
        const init: RequestInit = method === 'POST' || method === 'PUT' ? { method, headers: { 'content-type': 'application/json' }, body: b } : { method };
        const response = await h.get(`${p}${q ? `?${q}` : ''}`, init);
        expect(response.status, `${method} ${p}?${q} ${b.slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
        // Nothing is created by a fuzzed request that is not a valid one: drop what a lucky one made.
        if (method === 'POST' && response.status === 201) {
          const created = (await response.json()) as { id: string };
          await h.get(`/suppressions/${created.id}`, { method: 'DELETE' });
        }
      }),
      { numRuns: 400 },
    );
    expect(errors).toEqual([]);
  }, 120_000);
});
