import {
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  type CacheCluster,
  type DescribeCacheClustersCommandOutput,
  type DescribeReplicationGroupsCommandOutput,
  type ElastiCacheClient,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import type { Collector } from '../../app/ports.ts';
import { CollectedType } from '../../domain/collected-types.ts';
import type { AnyResource } from '../../domain/resource.ts';
import { awsCall } from '../errors/map-aws-error.ts';
import { collectedResource, defined } from './_collected-item.ts';

export const elastiCacheReplicationGroupsCollectorIamActions = ['elasticache:DescribeReplicationGroups'] as const;
export const elastiCacheCacheClustersCollectorIamActions = ['elasticache:DescribeCacheClusters'] as const;

export interface ElastiCacheCollectorOptions {
  /** A client for the region being collected. */
  readonly client: ElastiCacheClient;
  readonly now?: () => Date;
}

/**
 * ElastiCache, which AWS Config does not record, read with its Describe APIs. Both list every
 * resource of the region when given no id, 100 a page (the API's maximum), pages chained by
 * `Marker`; each item's configuration is the API's object as the SDK returns it
 * (shared/domain/collected-types.ts). Tags are not read: they cost one ListTagsForResource call per
 * resource and no rule of the catalog needs them. Serverless caches are another API, not read.
 *
 * Two collectors, not one, so a role without one of the two actions still collects the other type
 * and the sweep resolves vanished resources per type.
 */
function createDescribeAllCollector<Page, Item extends { readonly ARN?: string | undefined }>(
  options: ElastiCacheCollectorOptions,
  spec: {
    readonly name: string;
    readonly action: string;
    readonly resourceType: CollectedType;
    readonly pages: (client: ElastiCacheClient) => AsyncGenerator<Page>;
    readonly items: (page: Page) => readonly Item[] | undefined;
    readonly id: (item: Item) => string | undefined;
  },
): Collector {
  const { client } = options;
  const now = options.now ?? (() => new Date());
  return {
    name: spec.name,
    iamActions: [spec.action],
    // The Describe call lists every resource of the region: one missing from a collection was deleted.
    resourceTypes: [spec.resourceType],
    async collect(scope) {
      const capturedAt = now();
      const out: AnyResource[] = [];
      const pages = spec.pages(client);
      for (;;) {
        const page = await awsCall(spec.action, scope.region, () => pages.next());
        if (page.done) return out;
        for (const item of spec.items(page.value) ?? []) {
          const id = spec.id(item);
          if (!id) continue;
          out.push(
            collectedResource({
              resourceType: spec.resourceType,
              resourceId: id,
              resourceName: id,
              arn: item.ARN,
              accountId: scope.accountId,
              region: scope.region,
              capturedAt,
              configuration: defined({ ...item }),
            }),
          );
        }
      }
    },
  };
}

/**
 * Replication groups (Redis OSS and Valkey) as `AWS::ElastiCache::ReplicationGroup` resources,
 * from DescribeReplicationGroups.
 *
 * @example
 * const groups = createElastiCacheReplicationGroupsCollector({ client: new ElastiCacheClient({ region }) });
 * await groups.collect({ accountId, region });
 */
export function createElastiCacheReplicationGroupsCollector(options: ElastiCacheCollectorOptions): Collector {
  return createDescribeAllCollector<DescribeReplicationGroupsCommandOutput, ReplicationGroup>(options, {
    name: 'elasticache-replication-groups',
    action: elastiCacheReplicationGroupsCollectorIamActions[0],
    resourceType: CollectedType.elastiCacheReplicationGroup,
    pages: (client) => paginateDescribeReplicationGroups({ client, pageSize: 100 }, {}),
    items: (page) => page.ReplicationGroups,
    id: (group) => group.ReplicationGroupId,
  });
}

/**
 * Cache clusters (Redis OSS, Valkey and Memcached nodes and clusters) as
 * `AWS::ElastiCache::CacheCluster` resources, from DescribeCacheClusters without node details
 * (ShowCacheNodeInfo off). Nodes of a replication group (ReplicationGroupId set) are emitted too:
 * the rules judge them through their group (elasticache-redis-backups-enabled answers
 * NOT_APPLICABLE for a member, the others read groups only), so nothing is reported twice, and
 * listing every cluster keeps the sweep's vanished-resource check exact when a node leaves or
 * joins a group.
 *
 * @example
 * const clusters = createElastiCacheCacheClustersCollector({ client: new ElastiCacheClient({ region }) });
 * await clusters.collect({ accountId, region });
 */
export function createElastiCacheCacheClustersCollector(options: ElastiCacheCollectorOptions): Collector {
  return createDescribeAllCollector<DescribeCacheClustersCommandOutput, CacheCluster>(options, {
    name: 'elasticache-cache-clusters',
    action: elastiCacheCacheClustersCollectorIamActions[0],
    resourceType: CollectedType.elastiCacheCacheCluster,
    pages: (client) => paginateDescribeCacheClusters({ client, pageSize: 100 }, {}),
    items: (page) => page.CacheClusters,
    id: (cluster) => cluster.CacheClusterId,
  });
}
