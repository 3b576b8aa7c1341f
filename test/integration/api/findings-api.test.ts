/**
 * The findings API against dynalite: every route and filter, each response validated against the
 * served OpenAPI document (openapi-backend), under a client that refuses Scans and counts reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, openApiValidator, record, REGION, resource, startHarness, type Harness } from './fixture.ts';

let h: Harness;
let v: Awaited<ReturnType<typeof openApiValidator>>;
const t = (minutes: number) => new Date(Date.parse('2026-06-01T00:00:00.000Z') + minutes * 60_000);

beforeAll(async () => {
  h = await startHarness();
  v = await openApiValidator(h.api);
  // Prepare: buckets and a table with findings of every status, severity, tag and region.
  await record(h.store, resource('logs-bucket', { tags: { team: 'data', env: 'prod' } }), [
    { ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' },
    { ruleId: 's3-bucket-logging-enabled', status: 'NON_COMPLIANT', severity: 'low' },
  ], t(1));
  await record(h.store, resource('web-bucket', { tags: { team: 'web' } }), [
    { ruleId: 's3-bucket-versioning-enabled', status: 'COMPLIANT', severity: 'high' },
    { ruleId: 's3-bucket-logging-enabled', status: 'NON_COMPLIANT', severity: 'low', suppression: { id: 'sup-1', reason: 'access logs go to CloudFront', expiresAt: '2027-01-01T00:00:00.000Z' } },
  ], t(2));
  await record(h.store, resource('us-bucket', { region: 'us-east-1', tags: { team: 'data' } }), [
    { ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' },
  ], t(3));
  await record(h.store, resource('orders', { type: 'AWS::DynamoDB::Table', tags: { env: 'prod' } }), [
    { ruleId: 'dynamodb-table-pitr-enabled', status: 'NON_COMPLIANT', severity: 'critical' },
    { ruleId: 'dynamodb-table-deletion-protection', status: 'ERROR', severity: 'medium' },
  ], t(4));
}, 60_000);

afterAll(() => h?.stop());

const list = async (query: string) => {
  h.resetItemsRead();
  const response = await h.get(`/findings${query}`);
  const body = (await v.check(response, 'listFindings')) as { items: { resourceId: string; ruleId: string; id: string; resourceKey: string }[]; next?: string };
  return { response, body, names: body.items?.map((f) => `${f.resourceId} ${f.ruleId}`) ?? [] };
};

describe('GET /findings', () => {
  it('lists open findings by default, most severe first, then newest first', async () => {
    const { names } = await list('');
    expect(names).toEqual([
      'orders dynamodb-table-pitr-enabled',
      'us-bucket s3-bucket-versioning-enabled',
      'logs-bucket s3-bucket-versioning-enabled',
      'logs-bucket s3-bucket-logging-enabled',
    ]);
  });

  it.each([
    ['?severity=high', ['orders dynamodb-table-pitr-enabled', 'us-bucket s3-bucket-versioning-enabled', 'logs-bucket s3-bucket-versioning-enabled']],
    ['?severity=critical', ['orders dynamodb-table-pitr-enabled']],
    ['?ruleId=s3-bucket-versioning-enabled', ['us-bucket s3-bucket-versioning-enabled', 'logs-bucket s3-bucket-versioning-enabled']],
    ['?ruleId=s3-bucket-versioning-enabled&status=COMPLIANT', ['web-bucket s3-bucket-versioning-enabled']],
    ['?resourceType=AWS::DynamoDB::Table', ['orders dynamodb-table-pitr-enabled']],
    ['?resourceType=AWS::DynamoDB::Table&status=ERROR', ['orders dynamodb-table-deletion-protection']],
    ['?status=ERROR', ['orders dynamodb-table-deletion-protection']],
    ['?suppressed=true', ['web-bucket s3-bucket-logging-enabled']],
    ['?status=NON_COMPLIANT&suppressed=false&severity=low&accountId=' + ACCOUNT, ['orders dynamodb-table-pitr-enabled', 'us-bucket s3-bucket-versioning-enabled', 'logs-bucket s3-bucket-versioning-enabled', 'logs-bucket s3-bucket-logging-enabled']],
    ['?accountId=999988887777', []],
    ['?region=us-east-1', ['us-bucket s3-bucket-versioning-enabled']],
    ['?region=' + REGION + '&severity=critical', ['orders dynamodb-table-pitr-enabled']],
    ['?tag=team:data', ['us-bucket s3-bucket-versioning-enabled', 'logs-bucket s3-bucket-versioning-enabled', 'logs-bucket s3-bucket-logging-enabled']],
    ['?tag=env:prod&severity=high', ['orders dynamodb-table-pitr-enabled', 'logs-bucket s3-bucket-versioning-enabled']],
    ['?since=2026-06-01T00:02:30Z', ['orders dynamodb-table-deletion-protection', 'orders dynamodb-table-pitr-enabled', 'us-bucket s3-bucket-versioning-enabled']],
  ])('filters %s with one Query', async (query, expected) => {
    const { names } = await list(query);
    expect([...names].sort()).toEqual([...expected].sort());
    if (!query.startsWith('?since')) expect(names).toEqual(expected);
    expect(h.itemsRead()).toBeLessThanOrEqual(2 * 50 + 1);
  });

  it('pages with cursors, each page reading at most 2 × its size + 1 items', async () => {
    const seen: string[] = [];
    let query = '?severity=low&limit=1';
    let base = query;
    for (let i = 0; i < 10; i++) {
      const { body, names } = await list(query);
      expect(h.itemsRead()).toBeLessThanOrEqual(3);
      seen.push(...names);
      if (!body.next) break;
      query = `${base}&cursor=${encodeURIComponent(body.next)}`;
    }
    expect(seen).toEqual((await list('?severity=low')).names);
  });

  it('answers an unsupported combination with 400 listing the supported ones', async () => {
    const response = await h.get('/findings?ruleId=s3-bucket-versioning-enabled&region=eu-west-1');
    const problem = (await v.check(response, 'listFindings')) as { type: string; supported: string[] };
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(problem.type).toBe('/problems/unsupported-filter');
    expect(problem.supported.length).toBeGreaterThan(3);
    expect((await h.get('/findings?status=COMPLIANT')).status).toBe(400);
    expect((await h.get('/findings?since=2026-01-01T00:00:00Z&severity=high')).status).toBe(400);
  });

  it.each([
    ['?severity=urgent', 'severity'],
    ['?limit=0', 'limit'],
    ['?limit=501', 'limit'],
    ['?accountId=12', 'accountId'],
    ['?since=yesterday', 'since'],
    ['?colour=red', 'colour'],
    ['?tag=team', 'tag'],
    ['?limit=5&limit=6', 'limit'],
  ])('names the bad parameter of %s', async (query, parameter) => {
    const response = await h.get(`/findings${query}`);
    const problem = (await v.check(response, 'listFindings')) as { parameter: string; type: string };
    expect(response.status).toBe(400);
    expect(problem.parameter).toBe(parameter);
    expect(problem.type).toBe('/problems/invalid-parameter');
  });
});

describe('cursors', () => {
  const firstCursor = async (query: string) => (await list(query)).body.next ?? '';

  it('refuses a tampered cursor', async () => {
    const cursor = await firstCursor('?limit=1');
    const [body, mac] = cursor.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString());
    payload.k.gSort = '0';
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    for (const bad of [forged, `${cursor}x`, 'nonsense', `${body}.`]) {
      const response = await h.get(`/findings?limit=1&cursor=${encodeURIComponent(bad)}`);
      const problem = (await v.check(response, 'listFindings')) as { type: string; parameter: string };
      expect([response.status, problem.type, problem.parameter]).toEqual([400, '/problems/invalid-cursor', 'cursor']);
    }
  });

  it('refuses a cursor issued for other filters', async () => {
    const cursor = await firstCursor('?limit=1');
    const response = await h.get(`/findings?limit=1&severity=high&cursor=${encodeURIComponent(cursor)}`);
    const problem = (await v.check(response, 'listFindings')) as { type: string };
    expect([response.status, problem.type]).toEqual([400, '/problems/cursor-mismatch']);
  });

  it('refuses a cursor after 24 hours', async () => {
    const cursor = await firstCursor('?limit=1');
    const before = h.clock.now;
    h.clock.now = new Date(before.getTime() + 24 * 3600_000 + 1000);
    try {
      const response = await h.get(`/findings?limit=1&cursor=${encodeURIComponent(cursor)}`);
      const problem = (await v.check(response, 'listFindings')) as { type: string };
      expect([response.status, problem.type]).toEqual([400, '/problems/cursor-expired']);
    } finally {
      h.clock.now = before;
    }
  });
});

describe('one finding, its history, its resource', () => {
  it('reads a finding by id, its history and its resource', async () => {
    const { body } = await list('?severity=critical');
    const finding = body.items[0];
    expect(finding).toBeDefined();
    const one = await h.get(`/findings/${finding?.id}`);
    expect(((await v.check(one, 'getFinding')) as { reason: string }).reason).toContain('orders');
    const history = await h.get(`/findings/${finding?.id}/history`);
    const entries = (await v.check(history, 'getFindingHistory')) as { items: { to: string }[] };
    expect(entries.items.map((e) => e.to)).toEqual(['NON_COMPLIANT']);
    const res = await h.get(`/resources/${finding?.resourceKey}`);
    const r = (await v.check(res, 'getResource')) as { resource: { resourceId: string }; findings: unknown[] };
    expect(r.resource.resourceId).toBe('orders');
    expect(r.findings).toHaveLength(2);
  });

  it.each(['/findings/nope', '/findings/WyJhIl0/history', '/resources/abc'])('answers 404 problem for %s', async (path) => {
    const response = await h.get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('rules, summary, health, routes', () => {
  it('lists rules with their parameters in force', async () => {
    const response = await h.get('/rules');
    const body = (await v.check(response, 'listRules')) as { items: { id: string; params: object }[] };
    expect(body.items.length).toBeGreaterThan(100);
    const rule = await h.get('/rules/s3-bucket-versioning-enabled');
    expect(((await v.check(rule, 'getRule')) as { id: string }).id).toBe('s3-bucket-versioning-enabled');
    expect((await h.get('/rules/no-such-rule')).status).toBe(404);
  });

  it('answers the summary from counters (empty until the stream consumer counts)', async () => {
    const response = await h.get('/summary');
    const body = (await v.check(response, 'getSummary')) as { open: { total: number }; stale: boolean };
    expect(body.open.total).toBeGreaterThanOrEqual(0);
    expect(body.stale).toBe(false);
  });

  it('reports health', async () => {
    const response = await h.get('/health');
    const body = (await v.check(response, 'getHealth')) as { status: string; table: { reachable: boolean } };
    expect(body).toMatchObject({ status: 'ok', table: { reachable: true } });
  });

  it('answers 404 for unknown routes and 405 with Allow for a wrong method', async () => {
    const unknown = await h.get('/nowhere');
    expect(unknown.status).toBe(404);
    const wrong = await h.get('/findings', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(((await wrong.json()) as { type: string }).type).toBe('/problems/method-not-allowed');
  });
});

describe('suppressions and evaluations', () => {
  const body = (value: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

  it('dry-runs, creates, lists and deletes a suppression', async () => {
    const declaration = { ruleId: 's3-bucket-versioning-enabled', tag: { key: 'team', value: 'data' }, reason: 'legacy buckets, migration in Q3', expiresAt: '2026-09-01T00:00:00Z' };
    const dry = await h.get('/suppressions?dryRun=true', body(declaration));
    const preview = (await v.check(dry, 'createSuppression')) as { wouldHide: number; findings: { resourceId: string }[]; complete: boolean };
    expect(preview.wouldHide).toBe(2);
    expect(preview.findings.map((f) => f.resourceId).sort()).toEqual(['logs-bucket', 'us-bucket']);
    expect(((await v.check(await h.get('/suppressions'), 'listSuppressions')) as { items: unknown[] }).items).toHaveLength(0);

    const created = await h.get('/suppressions', body(declaration));
    const suppression = (await v.check(created, 'createSuppression')) as { id: string; createdBy: string };
    expect(created.status).toBe(201);
    expect(suppression.createdBy).toBe('arn:aws:iam::111122223333:role/tester');
    expect(((await v.check(await h.get('/suppressions'), 'listSuppressions')) as { items: unknown[] }).items).toHaveLength(1);
    const deleted = await h.get(`/suppressions/${suppression.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await h.get(`/suppressions/${suppression.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a suppression without a real reason, naming the field', async () => {
    const response = await h.get('/suppressions', body({ ruleId: '*', reason: 'n/a', expiresAt: '2026-09-01T00:00:00Z' }));
    const problem = (await v.check(response, 'createSuppression')) as { parameter: string };
    expect([response.status, problem.parameter]).toEqual([400, 'reason']);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const response = await h.get('/suppressions', body({ ruleId: '*', reason: 'x'.repeat(70_000), expiresAt: '2026-09-01T00:00:00Z' }));
    await v.check(response, 'createSuppression');
    expect(response.status).toBe(413);
  });

  it('queues evaluations and answers 202 with a request id', async () => {
    const response = await h.get('/evaluations', body({ scope: 'resource', resource: { accountId: ACCOUNT, region: REGION, resourceType: 'AWS::S3::Bucket', resourceId: 'logs-bucket' } }));
    const accepted = (await v.check(response, 'requestEvaluation')) as { requestId: string; queued: number };
    expect(response.status).toBe(202);
    expect(accepted.queued).toBe(1);
    expect(h.enqueued.at(-1)).toEqual([{ accountId: ACCOUNT, region: REGION, resourceType: 'AWS::S3::Bucket', resourceId: 'logs-bucket' }]);
    const rule = await h.get('/evaluations', body({ scope: 'rule', ruleId: 's3-bucket-versioning-enabled' }));
    expect(((await v.check(rule, 'requestEvaluation')) as { queued: number }).queued).toBe(2);
    // The whole account in the stack's region: every stored resource of every type a rule reads there.
    const account = await h.get('/evaluations', body({ scope: 'account' }));
    expect(((await v.check(account, 'requestEvaluation')) as { queued: number }).queued).toBe(3);
    expect(h.enqueued.at(-1)?.map((k) => k.resourceId).sort()).toEqual(['logs-bucket', 'orders', 'web-bucket']);
    const unknown = await h.get('/evaluations', body({ scope: 'rule', ruleId: 'no-such-rule' }));
    expect([unknown.status, ((await v.check(unknown, 'requestEvaluation')) as { parameter: string }).parameter]).toEqual([404, 'ruleId']);
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, and the response validator rejects what it does not describe', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(v.document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const wrong = new Response(JSON.stringify({ items: [{ id: 1 }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(v.check(wrong, 'listFindings')).rejects.toThrow(/does not match/);
    const problem = new Response(JSON.stringify({ title: 'x' }), { status: 400, headers: { 'content-type': 'application/problem+json' } });
    await expect(v.check(problem, 'listFindings')).rejects.toThrow(/does not match/);
  });
});

describe('the test guard', () => {
  it('fails on a Scan and counts what Queries read', async () => {
    const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
    await expect(h.client.send(new ScanCommand({ TableName: h.tableName }))).rejects.toThrow(/a Scan was sent/);
    h.resetItemsRead();
    await h.get('/findings?limit=2');
    expect(h.itemsRead()).toBe(3);
  });
});
