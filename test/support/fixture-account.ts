/**
 * A realistic account assembled from the rule fixtures: every configuration item they hold
 * (subjects and inventories), one per resource, in the shapes AWS delivers (notification and API
 * forms). Covers every resource type the catalog has fixtures for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './rule-fixtures.ts';

export function fixtureAccountItems(options: { readonly perType?: number } = {}): Record<string, unknown>[] {
  const perType = options.perType ?? Infinity;
  const byKey = new Map<string, Record<string, unknown>>();
  const typeCounts = new Map<string, number>();
  for (const rule of readdirSync(FIXTURES_DIR).sort()) {
    for (const file of readdirSync(join(FIXTURES_DIR, rule)).sort()) {
      if (!file.endsWith('.json')) continue;
      const body: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, rule, file), 'utf8'));
      const items = isRecord(body) && 'subject' in body ? [body['subject'], ...(Array.isArray(body['inventory']) ? body['inventory'] : [])] : [body];
      for (const item of items) {
        if (!isRecord(item) || typeof item['resourceType'] !== 'string' || typeof item['resourceId'] !== 'string') continue;
        const key = `${item['awsRegion']}#${item['resourceType']}#${item['resourceId']}`;
        const count = typeCounts.get(item['resourceType']) ?? 0;
        if (byKey.has(key) || count >= perType) continue;
        byKey.set(key, item);
        typeCounts.set(item['resourceType'], count + 1);
      }
    }
  }
  return [...byKey.values()];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every version the fixtures hold of each resource (fixtures of one rule often describe the same
 * resource compliant and not), by resource, in file order: a natural sequence of configuration
 * changes, some of which flip verdicts.
 */
export function fixtureAccountVariants(): Record<string, unknown>[][] {
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const rule of readdirSync(FIXTURES_DIR).sort()) {
    for (const file of readdirSync(join(FIXTURES_DIR, rule)).sort()) {
      if (!file.endsWith('.json')) continue;
      const body: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, rule, file), 'utf8'));
      const items = isRecord(body) && 'subject' in body ? [body['subject'], ...(Array.isArray(body['inventory']) ? body['inventory'] : [])] : [body];
      for (const item of items) {
        if (!isRecord(item) || typeof item['resourceType'] !== 'string' || typeof item['resourceId'] !== 'string') continue;
        const key = `${item['awsRegion']}#${item['resourceType']}#${item['resourceId']}`;
        const variants = byKey.get(key) ?? [];
        if (!variants.some((v) => JSON.stringify(v) === JSON.stringify(item))) variants.push(item);
        byKey.set(key, variants);
      }
    }
  }
  return [...byKey.values()];
}
