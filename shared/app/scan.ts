import type { Evaluation, EvaluationStatus } from '../domain/evaluation.ts';
import type { AnyResource } from '../domain/resource.ts';
import { SEVERITIES, type Severity, atOrAbove } from '../domain/severity.ts';
import { isObject } from '../config-items/decode.ts';
import { normalizeItem, readItems } from '../config-items/snapshot.ts';
import { ACCOUNT_RESOURCE_TYPE } from '../domain/resource.ts';
import { createEvaluator, dependencyTypes, evaluate, skippedRules, type SkippedRules } from '../engine/evaluate.ts';
import { accountResources, buildInventory } from '../engine/inventory.ts';
import { resolveParams, type ParamOverrides } from '../engine/params.ts';
import type { Rule } from '../rules/rule.ts';
import { createUnreadTypeTally, typesReadBy, type UnreadTypes } from '../config-items/unread-types.ts';

export interface ScanSummary {
  readonly resources: number;
  readonly rules: number;
  readonly evaluations: number;
  readonly byStatus: Readonly<Record<EvaluationStatus, number>>;
  /** NON_COMPLIANT evaluations per severity. */
  readonly nonCompliantBySeverity: Readonly<Record<Severity, number>>;
  /** Rules not evaluated at all, and why (account-level rules on a partial inventory). */
  readonly skipped?: SkippedRules | undefined;
  /** Items of types no rule reads, by type (a mis-cased type with the spelling it matches). */
  readonly unreadTypes?: UnreadTypes | undefined;
}

export interface ScanReport {
  readonly summary: ScanSummary;
  readonly evaluations: readonly Evaluation[];
}

export interface ScanOptions {
  readonly now: Date;
  readonly params?: ParamOverrides;
  /**
   * The input is a whole account (InventoryView.complete): account-level rules run, and
   * cross-resource rules take a missing type as missing resources. scanResources: default false
   * (the live read passes true); scanSnapshot: default true for a Config snapshot file only.
   */
  readonly complete?: boolean;
  /** Where account-wide rules run, once per account (EvaluateOptions.homeRegion). */
  readonly homeRegion?: string | undefined;
}

/**
 * Evaluates an account's resources (a snapshot, or a live read) against a catalog: adds the
 * account pseudo-resources account-level rules need, validates parameters, and summarizes.
 *
 * @throws ParamError when a parameter override is unknown or invalid.
 * @example
 * const report = scanResources(parseSnapshot(bytes, file), catalog, { now: new Date() });
 */
export function scanResources(resources: readonly AnyResource[], catalog: readonly Rule[], options: ScanOptions): ScanReport {
  const params = resolveParams(catalog, options.params);
  const all = [...resources, ...accountResources(resources)];
  const inventory = buildInventory(all, { complete: options.complete ?? false });
  const evaluations = evaluate(all, catalog, { now: options.now, params, inventory, homeRegion: options.homeRegion });
  const unread = createUnreadTypeTally(typesReadBy(catalog));
  for (const resource of resources) unread.add(resource.resourceType);
  return report(resources.length, catalog, evaluations, skippedRules(catalog, inventory), unread.result());
}

/**
 * Scans a snapshot file's bytes (any form parseSnapshot reads) in two passes, holding only
 * what cross-resource rules need: the first pass normalizes the items of the types some rule
 * depends on (alarms, backup selections, …) into the inventory; the second normalizes and
 * evaluates every other item and lets it go. Same evaluations, in the same order, as
 * `scanResources(parseSnapshot(…))`, with a fraction of the live heap on large accounts.
 *
 * @throws SnapshotError naming the file, the item and the field; ParamError for bad parameters.
 */
export function scanSnapshot(bytes: Uint8Array, fileName: string, catalog: readonly Rule[], options: ScanOptions): ScanReport {
  const params = resolveParams(catalog, options.params);
  const { form, items } = readItems(bytes, fileName);
  const needed = dependencyTypes(catalog);
  // Normalized in pass 1, by item index (a Map: `new Array(100_000)` would be a slow dictionary array).
  const kept = new Map<number, AnyResource>();
  const inventoryResources: AnyResource[] = [];
  const scopes: Pick<AnyResource, 'accountId' | 'region' | 'resourceType'>[] = [];
  const seenScopes = new Set<string>();
  const unread = createUnreadTypeTally(typesReadBy(catalog));
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const type = isObject(item) ? item['resourceType'] : undefined;
    if (typeof type === 'string') unread.add(type);
    if (typeof type === 'string' && (needed.has(type) || type === ACCOUNT_RESOURCE_TYPE)) {
      const resource = normalizeItem(item, i, fileName);
      kept.set(i, resource);
      inventoryResources.push(resource);
    }
    // Which (account, region) pairs exist, for the account pseudo-resources; bad items fail in pass 2.
    const account = isObject(item) ? (item['awsAccountId'] ?? item['accountId']) : undefined;
    const region = isObject(item) ? item['awsRegion'] : undefined;
    if (typeof account === 'string' && typeof region === 'string' && typeof type === 'string') {
      const key = `${account}#${region}#${type === ACCOUNT_RESOURCE_TYPE ? 'a' : ''}`;
      if (!seenScopes.has(key)) {
        seenScopes.add(key);
        scopes.push({ accountId: account, region, resourceType: type === ACCOUNT_RESOURCE_TYPE ? type : '' });
      }
    }
  }
  const accounts = accountResources(scopes);
  const inventory = buildInventory([...inventoryResources, ...accounts], { complete: options.complete ?? form === 'config-snapshot' });
  const evaluateOne = createEvaluator(catalog, { now: options.now, params, inventory, homeRegion: options.homeRegion });
  const evaluations: Evaluation[] = [];
  for (let i = 0; i < items.length; i++) {
    const resource = kept.get(i) ?? normalizeItem(items[i], i, fileName);
    items[i] = undefined;
    evaluateOne(resource, evaluations);
  }
  for (const account of accounts) evaluateOne(account, evaluations);
  return report(items.length, catalog, evaluations, skippedRules(catalog, inventory), unread.result());
}

function report(
  resources: number,
  catalog: readonly Rule[],
  evaluations: readonly Evaluation[],
  skipped: SkippedRules | undefined,
  unreadTypes?: UnreadTypes,
): ScanReport {
  const byStatus: Record<EvaluationStatus, number> = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0, ERROR: 0 };
  const nonCompliantBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const e of evaluations) {
    byStatus[e.status]++;
    if (e.status === 'NON_COMPLIANT') nonCompliantBySeverity[e.severity]++;
  }
  return {
    summary: { resources, rules: catalog.length, evaluations: evaluations.length, byStatus, nonCompliantBySeverity, skipped, unreadTypes },
    evaluations,
  };
}

/** True when a NON_COMPLIANT evaluation is at or above the threshold (the `--fail-on` gate). */
export function failsGate(report: ScanReport, threshold: Severity): boolean {
  return report.evaluations.some((e) => e.status === 'NON_COMPLIANT' && atOrAbove(e.severity, threshold));
}
