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
