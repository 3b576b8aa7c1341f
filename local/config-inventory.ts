/**
 * AWS Config's side of local mode: the account's inventory as Config would hold it, loaded from a
 * snapshot file (the bundled demo account, or the user's own), read by the same handlers through
 * the ConfigReader, Collector and LogGroupReader ports the deployed functions read AWS through.
 *
 * In AWS, Config records a change and then emits the event; locally the event a user feeds is
 * the change, so `recordChange` keeps the inventory in step with it (a newer configuration state
 * only: a stale replay leaves it as it was). A later sweep then reads what the events said, as it
 * would read Config's current inventory.
 */
import { NOT_RECORDED_BY_CONFIG, CollectedType } from '../shared/domain/collected-types.ts';
import { isGone, type AnyResource, type ResourceKey } from '../shared/domain/resource.ts';
import type { Collector, ConfigReader, LogGroupReader } from '../shared/app/ports.ts';

const GLOBAL_REGIONS = new Set(['global', 'aws-global']);
/** ListDiscoveredResources pages hold 100 keys at most. */
const PAGE = 100;

export interface LocalConfigInventory {
  /** The (account, region) pairs the inventory holds, global resources left out: what a sweep covers. */
  scopes(): { accountId: string; region: string }[];
  /** Config's reader for one account and region. */
  reader(accountId: string, region: string): ConfigReader;
  /** What the collectors would read (types Config does not record), from the inventory. */
  readonly collector: Collector;
  readonly logGroups: LogGroupReader;
  /** Records a configuration as Config's current one when newer than what it holds; true when recorded. */
  recordChange(resource: AnyResource): boolean;
  /** The current item of a resource (whatever its region spelling for global ones). */
  current(key: Pick<ResourceKey, 'accountId' | 'resourceType' | 'resourceId'>): AnyResource | undefined;
  readonly size: number;
}

/** Identity across region spellings: Config lists global resources in every region. */
const idOf = (key: Pick<ResourceKey, 'accountId' | 'resourceType' | 'resourceId'>): string => `${key.accountId}|${key.resourceType}|${key.resourceId}`;
const inScope = (resource: AnyResource, accountId: string, region: string): boolean =>
  resource.accountId === accountId && (resource.region === region || GLOBAL_REGIONS.has(resource.region));

export function createLocalConfigInventory(resources: readonly AnyResource[]): LocalConfigInventory {
  /** Each resource's configurations, oldest first; the last is current. */
  const histories = new Map<string, AnyResource[]>();
  const stateId = (r: AnyResource): number => r.configurationStateId ?? (r.captureTime ? Date.parse(r.captureTime) : 0);
  const record = (resource: AnyResource): boolean => {
    const id = idOf(resource);
    const history = histories.get(id) ?? [];
    const last = history.at(-1);
    if (last && stateId(last) >= stateId(resource)) return false;
    history.push(resource);
    histories.set(id, history);
    return true;
  };
  for (const resource of resources) record(resource);
  const currents = (): AnyResource[] => [...histories.values()].map((h) => h.at(-1)).filter((r): r is AnyResource => r !== undefined);
  const current = (key: Pick<ResourceKey, 'accountId' | 'resourceType' | 'resourceId'>): AnyResource | undefined => histories.get(idOf(key))?.at(-1);
  const live = (r: AnyResource): boolean => !isGone(r.status);

  const reader = (accountId: string, region: string): ConfigReader => ({
    async getItemAt(key, captureTime) {
      const history = histories.get(idOf(key)) ?? [];
      if (!captureTime) return history.at(-1);
      const at = Date.parse(captureTime);
      // GetResourceConfigHistory with laterTime = captureTime, limit 1: the newest item not after it.
      return [...history].reverse().find((r) => !r.captureTime || Date.parse(r.captureTime) <= at);
    },
    async *listResourceKeys(resourceTypes) {
      for (const resourceType of resourceTypes) {
        const keys = currents()
          .filter((r) => r.resourceType === resourceType && live(r) && inScope(r, accountId, region))
          .map((r): ResourceKey => ({ accountId, region, resourceType, resourceId: r.resourceId }));
        for (let i = 0; i < keys.length; i += PAGE) yield keys.slice(i, i + PAGE);
      }
    },
    async batchGet(keys) {
      // BatchGetResourceConfig answers only resources Config still has; deleted ones are left out.
      return keys.map((key) => current({ accountId, resourceType: key.resourceType, resourceId: key.resourceId })).filter((r): r is AnyResource => r !== undefined && live(r));
    },
  });

  const notRecorded = (scope: { accountId: string; region: string }): AnyResource[] =>
    currents().filter((r) => NOT_RECORDED_BY_CONFIG.has(r.resourceType) && live(r) && inScope(r, scope.accountId, scope.region));

  return {
    scopes() {
      const seen = new Map<string, { accountId: string; region: string }>();
      for (const r of currents()) if (!GLOBAL_REGIONS.has(r.region)) seen.set(`${r.accountId}#${r.region}`, { accountId: r.accountId, region: r.region });
      return [...seen.values()];
    },
    reader,
    collector: {
      name: 'local-inventory',
      iamActions: [],
      // It answers for every type Config does not record, so the sweep resolves what it no longer returns.
      resourceTypes: [...NOT_RECORDED_BY_CONFIG],
      collect: async (scope) => notRecorded(scope),
    },
    logGroups: {
      async collectOne(scope, logGroupName) {
        const group = current({ accountId: scope.accountId, resourceType: CollectedType.logGroup, resourceId: logGroupName });
        return group && live(group) ? group : undefined;
      },
    },
    recordChange: record,
    current,
    get size() {
      return histories.size;
    },
  };
}
