/**
 * A realistic account assembled from the rule fixtures: every configuration item they hold
 * (subjects and inventories), one per resource, in the shapes AWS delivers (notification and API
 * forms). Covers every resource type the catalog has fixtures for.
 */
import { readdirSync } from 'node:fs';
import { FIXTURES_DIR, loadRuleFixtures } from './rule-fixtures.ts';

export function fixtureAccountItems(options: { readonly perType?: number } = {}): Record<string, unknown>[] {
  const perType = options.perType ?? Infinity;
  const byKey = new Map<string, Record<string, unknown>>();
  const typeCounts = new Map<string, number>();
  for (const { key, type, item } of fixtureItems()) {
    const count = typeCounts.get(type) ?? 0;
    if (byKey.has(key) || count >= perType) continue;
    byKey.set(key, item);
    typeCounts.set(type, count + 1);
  }
  return [...byKey.values()];
}

/**
 * Every version the fixtures hold of each resource (fixtures of one rule often describe the same
 * resource compliant and not), by resource, in file order: a natural sequence of configuration
 * changes, some of which flip verdicts.
 */
export function fixtureAccountVariants(): Record<string, unknown>[][] {
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const { key, item } of fixtureItems()) {
    const variants = byKey.get(key) ?? [];
    if (!variants.some((v) => JSON.stringify(v) === JSON.stringify(item))) variants.push(item);
    byKey.set(key, variants);
  }
  return [...byKey.values()];
}

/**
 * Every configuration item of every rule fixture (subjects, then inventories), in file order;
 * not the input-error fixtures, whose items are malformed on purpose.
 */
function* fixtureItems(): Generator<{ key: string; type: string; item: Record<string, unknown> }> {
  for (const rule of readdirSync(FIXTURES_DIR).sort()) {
    for (const fixture of loadRuleFixtures(rule)) {
      if (fixture.expected === 'INPUT_ERROR') continue;
      for (const item of [fixture.subject, ...fixture.inventory]) {
        if (!isRecord(item) || typeof item['resourceType'] !== 'string' || typeof item['resourceId'] !== 'string') continue;
        const type = item['resourceType'];
        yield { key: `${item['awsRegion']}#${type}#${item['resourceId']}`, type, item };
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
