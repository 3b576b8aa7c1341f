import {
  ACCOUNT_RESOURCE_TYPE,
  isGone,
  resourceKeyString,
  type AnyResource,
  type Resource,
  type ResourceKey,
} from '../domain/resource.ts';

/** Regions AWS Config uses for resources that live in no region (IAM, the account summary). */
const GLOBAL_REGIONS = new Set(['global', 'aws-global']);

/** What cross-resource and account-level rules may read of the rest of the account. */
export interface InventoryView {
  get(key: ResourceKey): AnyResource | undefined;
  /**
   * Live (not deleted) resources of a type; with a scope, only that account and that region
   * (global resources, such as IAM's, are in every region).
   */
  list<T extends string>(resourceType: T, scope?: { accountId: string; region?: string }): readonly Resource<T>[];
  /**
   * A value computed once per inventory from its contents (an index such as "alarms by the
   * metric they watch"), so a cross-resource rule stays linear over a 100k-resource account
   * instead of scanning every alarm for every function. `build` must depend on the inventory only.
   */
  derive<T>(key: string, build: (inventory: InventoryView) => T): T;
  /**
   * True when the inventory holds every resource of the accounts it covers (a Config snapshot,
   * a live read, the findings store the sweep reconciles), so the absence of a resource is a
   * fact: no alarm recorded means no alarm exists. False for a partial list (a JSON array or
   * NDJSON of some items), where absence proves nothing: account-level rules are skipped and
   * cross-resource rules say which types they could not see (see absentTypes).
   */
  readonly complete: boolean;
}

export interface InventoryOptions {
  /** See InventoryView.complete; default false (a list proves nothing by what it leaves out). */
  readonly complete?: boolean;
}

/**
 * An in-memory inventory over a set of resources, indexed by type and by key.
 *
 * @example
 * const inventory = buildInventory(resources);
 * inventory.list('AWS::CloudWatch::Alarm', { accountId, region });
 */
export function buildInventory(resources: Iterable<AnyResource>, options: InventoryOptions = {}): InventoryView {
  const byKey = new Map<string, AnyResource>();
  const byType = new Map<string, AnyResource[]>();
  for (const resource of resources) {
    byKey.set(resourceKeyString(resource), resource);
    if (isGone(resource.status)) continue;
    let list = byType.get(resource.resourceType);
    if (!list) byType.set(resource.resourceType, (list = []));
    list.push(resource);
  }
  // Scoped lists, built on first use per (type, account, region) and kept: rules ask for the
  // same scope once per resource they evaluate. Nested maps rather than one keyed by a string
  // built per call: the strings are already there, and a rule asks once per resource it judges.
  const scoped = new Map<string, Map<string, Map<string | undefined, readonly AnyResource[]>>>();
  const derived = new Map<string, unknown>();
  const view: InventoryView = {
    complete: options.complete ?? false,
    get: (key) => byKey.get(resourceKeyString(key)),
    list<T extends string>(resourceType: T, scope?: { accountId: string; region?: string }) {
      // Indexed by resourceType, so every entry is of type T.
      const all: readonly AnyResource[] = byType.get(resourceType) ?? [];
      if (!scope) return all as unknown as readonly Resource<T>[];
      const { accountId, region } = scope;
      let ofType = scoped.get(resourceType);
      if (!ofType) scoped.set(resourceType, (ofType = new Map()));
      let ofAccount = ofType.get(accountId);
      if (!ofAccount) ofType.set(accountId, (ofAccount = new Map()));
      let hit = ofAccount.get(region);
      if (!hit) {
        hit = all.filter((r) => r.accountId === accountId && (region === undefined || r.region === region || GLOBAL_REGIONS.has(r.region)));
        ofAccount.set(region, hit);
      }
      return hit as unknown as readonly Resource<T>[];
    },
    derive<T>(key: string, build: (inventory: InventoryView) => T): T {
      if (!derived.has(key)) derived.set(key, build(view));
      return derived.get(key) as T;
    },
  };
  return view;
}

/**
 * The types of `types` a rule cannot judge by their absence: none when the inventory is
 * complete; otherwise those with no live item in the account. A partial list
 * without a single alarm cannot say that a function has no alarm, only that the list holds none.
 * Checked per account, not per region: an alarm list of one region shows the input was meant to
 * carry alarms, and a rule then judges by the alarms it sees (as it does on a complete inventory).
 *
 * @example
 * const missing = absentTypes(inventory, ['AWS::CloudWatch::Alarm'], fn.accountId);
 * if (missing.length > 0) return notApplicable(`… the input holds no ${missing.join(' or ')} items …`);
 */
export function absentTypes(inventory: InventoryView, types: readonly string[], accountId: string): string[] {
  if (inventory.complete) return [];
  return types.filter((type) => inventory.list(type, { accountId }).length === 0);
}

/**
 * The account pseudo-resources account-level rules evaluate: one per (account, region) seen
 * among the resources, unless a collector already supplied it.
 */
export function accountResources(resources: Iterable<Pick<AnyResource, 'accountId' | 'region' | 'resourceType'>>): AnyResource[] {
  const seen = new Set<string>();
  for (const r of resources) {
    if (r.resourceType === ACCOUNT_RESOURCE_TYPE) seen.add(`${r.accountId}#${r.region}`);
  }
  const out: AnyResource[] = [];
  for (const r of resources) {
    if (GLOBAL_REGIONS.has(r.region)) continue;
    const id = `${r.accountId}#${r.region}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      accountId: r.accountId,
      region: r.region,
      resourceType: ACCOUNT_RESOURCE_TYPE,
      resourceId: r.accountId,
      resourceName: undefined,
      status: 'OK',
      tags: {},
      relationships: [],
      model: {},
    });
  }
  return out;
}
