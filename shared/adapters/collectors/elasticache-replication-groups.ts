import { paginateDescribeReplicationGroups, type ElastiCacheClient, type ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { Collector } from '../../app/ports.ts';
import { CollectedType } from '../../domain/collected-types.ts';
import type { AnyResource } from '../../domain/resource.ts';
import { awsCall } from '../errors/map-aws-error.ts';
import { collectedResource, defined } from './_collected-item.ts';

export const elastiCacheReplicationGroupsCollectorIamActions = ['elasticache:DescribeReplicationGroups'] as const;

export interface ElastiCacheReplicationGroupsCollectorOptions {
  /** A client for the region being collected. */
  readonly client: ElastiCacheClient;
  readonly now?: () => Date;
}

/**
 * Replication groups (Redis OSS and Valkey) as `AWS::ElastiCache::ReplicationGroup` resources.
 * AWS Config records no ElastiCache type, so they are read with DescribeReplicationGroups: without
 * a ReplicationGroupId it lists every group of the region, 100 a page (the API's maximum), pages
 * chained by `Marker`. The configuration is the API's `ReplicationGroup` object
 * (shared/domain/collected-types.ts). Tags are not read: they cost one ListTagsForResource call
 * per group and no rule of the catalog needs them. Standalone nodes (DescribeCacheClusters) and
 * serverless caches are other APIs, not read here.
 *
 * @example
 * const groups = createElastiCacheReplicationGroupsCollector({ client: new ElastiCacheClient({ region }) });
 * await groups.collect({ accountId, region });
 */
export function createElastiCacheReplicationGroupsCollector(options: ElastiCacheReplicationGroupsCollectorOptions): Collector {
  const { client } = options;
  const now = options.now ?? (() => new Date());

  const toResource = (group: ReplicationGroup, scope: { accountId: string; region: string }, capturedAt: Date): AnyResource[] => {
    const id = group.ReplicationGroupId;
    if (!id) return [];
    return [
      collectedResource({
        resourceType: CollectedType.elastiCacheReplicationGroup,
        resourceId: id,
        resourceName: id,
        arn: group.ARN,
        accountId: scope.accountId,
        region: scope.region,
        capturedAt,
        configuration: defined({ ...group }),
      }),
    ];
  };

  return {
    name: 'elasticache-replication-groups',
    iamActions: elastiCacheReplicationGroupsCollectorIamActions,
    // DescribeReplicationGroups lists every group of the region: one missing from a collection was deleted.
    resourceTypes: [CollectedType.elastiCacheReplicationGroup],
    async collect(scope) {
      const capturedAt = now();
      const out: AnyResource[] = [];
      const pages = paginateDescribeReplicationGroups({ client, pageSize: 100 }, {});
      for (;;) {
        const page = await awsCall('elasticache:DescribeReplicationGroups', scope.region, () => pages.next());
        if (page.done) return out;
        for (const group of page.value.ReplicationGroups ?? []) out.push(...toResource(group, scope, capturedAt));
      }
    },
  };
}
