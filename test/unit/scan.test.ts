import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateItems } from '../../bench/generate-account.ts';
import { scanResources, scanSnapshot } from '../../shared/app/scan.ts';
import { parseSnapshot } from '../../shared/config-items/snapshot.ts';
import { catalog } from '../../shared/rules/index.ts';

const now = new Date('2026-11-23T00:00:00Z');

// The streaming scan keeps only the types rules declare in `dependsOn`: a rule that reads an
// undeclared type from the inventory would get a different verdict here than with everything held.
describe('scanSnapshot', () => {
  it.each([
    ['the demo account', readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'demo-account.json'))],
    ['a generated account of 3,000 items', Buffer.from(JSON.stringify({ configurationItems: generateItems(3000) }))],
  ])('gives the same report as evaluating %s with every resource in the inventory', (_name, bytes) => {
    const streamed = scanSnapshot(bytes, 'snapshot.json', catalog, { now, complete: true });
    const held = scanResources(parseSnapshot(bytes, 'snapshot.json'), catalog, { now, complete: true });
    expect(streamed.summary).toEqual(held.summary);
    expect(streamed.evaluations).toEqual(held.evaluations);
    expect(streamed.summary.byStatus.NON_COMPLIANT).toBeGreaterThan(0);
  });
});
