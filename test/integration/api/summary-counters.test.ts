/**
 * GET /summary from counters a stream consumer keeps: fed the records of real store writes (the
 * stream recorder), counted once however often a batch is redelivered, and equal to a recount.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { recordStream, type StreamRecorder } from '../../../local/stream-recorder.ts';
import { createSummaryCounters, type SummaryCounters } from '../../../shared/adapters/dynamodb-findings-queries-summary.ts';
import { catalog } from '../../../shared/rules/index.ts';
import { openApiValidator, record, REGION, resource, startHarness, type Harness } from './fixture.ts';

let h: Harness;
let stream: StreamRecorder;
let counters: SummaryCounters;
const at = new Date('2026-06-01T10:00:00.000Z');

interface Summary {
  open: { total: number; bySeverity: Record<string, number>; byRule: Record<string, number>; byCategory: Record<string, number>; byRegion: Record<string, number> };
  suppressed: number;
  errors: number;
  compliance: { compliant: number; nonCompliant: number; score?: number };
  stale: boolean;
}

const summary = async () => {
  const v = await openApiValidator(h.api);
  return (await v.check(await h.get('/summary'), 'getSummary')) as Summary;
};

beforeAll(async () => {
  h = await startHarness();
  stream = recordStream(h.client, { tableName: h.tableName, region: REGION });
  counters = createSummaryCounters({ client: h.client, tableName: h.tableName });
  await record(h.store, resource('a'), [
    { ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' },
    { ruleId: 's3-bucket-logging-enabled', status: 'COMPLIANT', severity: 'low' },
  ], at);
  await record(h.store, resource('b'), [
    { ruleId: 's3-bucket-versioning-enabled', status: 'COMPLIANT', severity: 'high' },
    { ruleId: 's3-bucket-logging-enabled', status: 'NON_COMPLIANT', severity: 'low', suppression: { id: 's', reason: 'accepted for now', expiresAt: '2027-01-01T00:00:00.000Z' } },
  ], at);
}, 60_000);

afterAll(() => h?.stop());

describe('summary counters', () => {
  it('counts a batch once, however often it is delivered', async () => {
    const batch = stream.take();
    expect(await counters.apply(batch, at)).toBe('applied');
    expect(await counters.apply(batch, at)).toBe('duplicate');
    const s = await summary();
    expect(s.open).toMatchObject({ total: 1, bySeverity: { high: 1 }, byRule: { 's3-bucket-versioning-enabled': 1 }, byRegion: { [REGION]: 1 } });
    expect(s.suppressed).toBe(1);
    expect(s.compliance).toEqual({ compliant: 2, nonCompliant: 2, score: 66.7 });
    expect(s.stale).toBe(false);
  });

  it('moves a finding between counters when it is resolved', async () => {
    stream.take();
    await record(h.store, resource('a'), [
      { ruleId: 's3-bucket-versioning-enabled', status: 'COMPLIANT', severity: 'high' },
      { ruleId: 's3-bucket-logging-enabled', status: 'COMPLIANT', severity: 'low' },
    ], new Date(at.getTime() + 60_000));
    await counters.apply(stream.take(), at);
    const s = await summary();
    expect(s.open.total).toBe(0);
    expect(s.compliance.compliant).toBe(3);
  });

  it('is kept by the counters function from stream events, and recounted on request', async () => {
    const { createCountersHandler } = await import('../../../functions/counters/create-counters-handler.ts');
    // The operator's log line, captured rather than printed into the test output.
    const logger = new Logger({ serviceName: 'vigil-counters' });
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const handler = createCountersHandler({ counters, ruleIds: catalog.map((r) => r.id), now: () => at, logger });
    stream.take();
    await record(h.store, resource('d'), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' }], at);
    const before = (await summary()).open.total;
    expect(await handler({ Records: stream.take() })).toEqual({ outcome: 'applied' });
    expect((await summary()).open.total).toBe(before + 1);
    expect(await handler({ reconcile: true })).toEqual({ outcome: 'reconciled' });
    expect(info).toHaveBeenCalledWith('summary counters recounted from the findings index');
    expect((await summary()).open.total).toBe(before + 1);
    await expect(handler({} as never)).rejects.toThrow(/unexpected event/);
  });

  it('agrees with a recount from the index', async () => {
    const before = await summary();
    await counters.reconcile(catalog.map((r) => r.id), at);
    expect(await summary()).toEqual(before);
  });

  it('flags the summary stale when a batch crashed between its marker and its counters, and a recount clears it', async () => {
    const doc = DynamoDBDocumentClient.from(h.client);
    await record(h.store, resource('c'), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' }], at);
    const batch = stream.take();
    const first = batch[0]?.dynamodb?.SequenceNumber;
    const last = batch.at(-1)?.dynamodb?.SequenceNumber;
    // Prepare: the state a crash after the marker leaves.
    await doc.send(new PutCommand({ TableName: h.tableName, Item: { pk: 'SUMMARY', sk: `BATCH#${first}-${last}`, state: 'pending' } }));
    expect(await counters.apply(batch, at)).toBe('flagged-stale');
    expect((await summary()).stale).toBe(true);
    await counters.reconcile(catalog.map((r) => r.id), at);
    const s = await summary();
    expect(s.stale).toBe(false);
    expect(s.open.total).toBe(2);
  });
});
