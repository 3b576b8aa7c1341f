import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateItems } from '../../bench/generate-account.ts';
import { scanSnapshot } from '../../shared/app/scan.ts';
import { parseSnapshot } from '../../shared/config-items/snapshot.ts';
import type { Evaluation } from '../../shared/domain/evaluation.ts';
import { evaluate } from '../../shared/engine/evaluate.ts';
import { accountResources, buildInventory } from '../../shared/engine/inventory.ts';
import { resolveParams } from '../../shared/engine/params.ts';
import { catalog } from '../../shared/rules/index.ts';

const now = new Date('2026-11-23T00:00:00Z');
const key = (e: Evaluation): string => `${e.ruleId}|${e.resourceType}|${e.accountId}|${e.region}|${e.resourceId}|${e.status}|${e.reason}`;

/** The reference: every resource in memory, every one in the inventory, evaluated in one go. */
function heldEverything(bytes: Buffer): string[] {
  const resources = parseSnapshot(bytes, 'snapshot.json');
  const all = [...resources, ...accountResources(resources)];
  return evaluate(all, catalog, { now, params: resolveParams(catalog), inventory: buildInventory(all, { complete: true }) }).map(key).sort();
}

const demo = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'demo-account.json'));
const generated = Buffer.from(JSON.stringify({ configurationItems: generateItems(3000) }));

// The streaming scan holds only the types rules declare in `dependsOn` and evaluates their
// dependents last: a rule that read an undeclared type from the inventory would differ here.
describe('the streaming scan', () => {
  it.each([
    ['the demo account', demo],
    ['a generated account of 3,000 items', generated],
  ])('gives the same evaluations as evaluating %s with every resource held', (_name, bytes) => {
    const streamed = scanSnapshot(bytes, 'snapshot.json', catalog, { now, complete: true });
    expect(streamed.evaluations.map(key).sort()).toEqual(heldEverything(bytes));
    expect(streamed.summary.evaluations).toBe(streamed.evaluations.length);
    expect(streamed.summary.byStatus.NON_COMPLIANT).toBeGreaterThan(0);
  });

  it('reads the same items from a snapshot, a JSON array, NDJSON, gzip and a UTF-8 byte-order mark', () => {
    const items = (JSON.parse(demo.toString('utf8')) as { configurationItems: unknown[] }).configurationItems;
    const reference = scanSnapshot(demo, 'demo.json', catalog, { now, complete: true }).evaluations.map(key).sort();
    const forms = [
      Buffer.from(JSON.stringify(items, null, 2)),
      Buffer.from(items.map((i) => JSON.stringify(i)).join('\n')),
      gzipSync(demo),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), demo]),
    ];
    for (const bytes of forms) expect(scanSnapshot(bytes, 'x.json', catalog, { now, complete: true }).evaluations.map(key).sort()).toEqual(reference);
  });
});

describe('versions listed oldest first', () => {
  // Enough items that more than the held-back 2,000 evaluations are written before the newer version.
  const items = generateItems(12000) as Record<string, unknown>[];
  // A type evaluated as soon as it is read (no rule of it waits for the inventory).
  const waiting = new Set(catalog.filter((r) => r.dependsOn?.length).flatMap((r) => r.resourceTypes));
  const template = items.find((i) => typeof i['resourceType'] === 'string' && !waiting.has(i['resourceType']) && catalog.some((r) => r.resourceTypes.includes(String(i['resourceType'])))) ?? {};
  const type = String(template['resourceType']);
  const older = { ...template, resourceId: 'vol-history', configurationStateId: 1, configurationItemCaptureTime: '2026-01-01T00:00:00.000Z' };
  const newer = { ...older, configurationStateId: 2, configurationItemCaptureTime: '2026-02-01T00:00:00.000Z' };

  it('are judged by the newest while the older one is still held back', () => {
    // Prepare
    const bytes = Buffer.from(JSON.stringify([older, ...items.slice(0, 100), newer]));

    // Act
    const report = scanSnapshot(bytes, 'history.json', catalog, { now, complete: true });

    // Assess
    expect(report.summary.droppedVersions).toBe(1);
    const alone = scanSnapshot(Buffer.from(JSON.stringify([newer])), 'one.json', catalog, { now, complete: true });
    const mine = (e: Evaluation): boolean => e.resourceId === 'vol-history';
    expect(report.evaluations.filter(mine).map(key).sort()).toEqual(alone.evaluations.filter(mine).map(key).sort());
    expect(alone.evaluations.filter(mine).length).toBeGreaterThan(0);
  });

  it('are told apart by account, region and type when resources share an id; a waiting type is judged by its newest', () => {
    // Prepare: one id in two regions and as another type; a function (its rules wait for the
    // alarms) listed oldest first, far apart.
    const fn = items.find((i) => i['resourceType'] === 'AWS::Lambda::Function') ?? {};
    const fnOld = { ...fn, resourceId: 'shared-id', configurationStateId: 1, configurationItemCaptureTime: '2026-01-01T00:00:00.000Z' };
    const fnNew = { ...fnOld, configurationStateId: 2, configurationItemCaptureTime: '2026-02-01T00:00:00.000Z', configuration: { ...(fn['configuration'] as object), runtime: 'python2.7' } };
    const elsewhere = { ...older, resourceId: 'shared-id', awsRegion: 'ap-south-2' };
    const sameType = { ...older, resourceId: 'shared-id' };
    const bytes = Buffer.from(JSON.stringify([fnOld, sameType, ...items.slice(0, 3000), elsewhere, fnNew]));

    // Act
    const report = scanSnapshot(bytes, 'history.json', catalog, { now, complete: true });

    // Assess: three resources of that id, each judged; the function by its newest item only.
    expect(report.summary.droppedVersions).toBe(1);
    const shared = report.evaluations.filter((e) => e.resourceId === 'shared-id');
    expect(new Set(shared.map((e) => `${e.resourceType} ${e.region}`))).toEqual(
      new Set([`AWS::Lambda::Function ${String(fn['awsRegion'])}`, `${type} ${String(template['awsRegion'])}`, `${type} ap-south-2`]),
    );
    const alone = scanSnapshot(Buffer.from(JSON.stringify([fnNew])), 'one.json', catalog, { now, complete: true });
    const fnOnly = (e: Evaluation): boolean => e.resourceId === 'shared-id' && e.resourceType === 'AWS::Lambda::Function';
    const fnReasons = (evaluations: readonly Evaluation[]): string[] => evaluations.filter(fnOnly).filter((e) => e.ruleId !== 'lambda-function-error-alarm').map(key);
    expect(fnReasons(report.evaluations)).toEqual(fnReasons(alone.evaluations));
    expect(shared.some((e) => e.reason.includes('python2.7'))).toBe(true);
  });

  it('are an input error once the older one was written: the scan cannot take its verdicts back', () => {
    const bytes = Buffer.from(JSON.stringify([older, ...items, newer]));
    expect(() => scanSnapshot(bytes, 'history.json', catalog, { now, complete: true })).toThrow(
      `item 12001: a newer version of ${type} vol-history than item 0, whose evaluations were already written; list each resource's versions newest first`,
    );
  });
});
