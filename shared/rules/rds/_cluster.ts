import type { AnyResource, Resource, ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';

export const DB_CLUSTER = 'AWS::RDS::DBCluster';
export const DB_INSTANCE = 'AWS::RDS::DBInstance';

/**
 * The DB cluster an instance belongs to, from the inventory. Config keys clusters by their
 * `cluster-…` resource id while instances name the cluster identifier, so this matches by
 * identifier within the instance's account and region.
 */
export function clusterOf(instance: Resource<typeof DB_INSTANCE>, inventory: InventoryView): Resource<typeof DB_CLUSTER> | undefined {
  const id = instance.model.dbClusterIdentifier;
  if (id === undefined) return undefined;
  return inventory
    .list(DB_CLUSTER, { accountId: instance.accountId, region: instance.region })
    .find((cluster) => cluster.model.identifier === id);
}

/** The member instances of a changed cluster: what to re-evaluate when a DB cluster changes. */
export function membersOf(changed: AnyResource, inventory: InventoryView): ResourceKey[] {
  const model = changed.model;
  if (changed.resourceType !== DB_CLUSTER || typeof model !== 'object' || model === null || !('identifier' in model)) return [];
  const clusterId = model.identifier;
  return inventory
    .list(DB_INSTANCE, { accountId: changed.accountId, region: changed.region })
    .filter((instance) => instance.model.dbClusterIdentifier === clusterId);
}

/** Engines whose instances always live in a cluster that owns availability (AWS's own exclusions). */
export function isClusterEngine(engine: string | undefined): boolean {
  return engine !== undefined && (engine.startsWith('aurora') || engine === 'docdb' || engine === 'neptune');
}
