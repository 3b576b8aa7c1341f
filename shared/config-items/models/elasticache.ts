import { bool, num, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/**
 * ElastiCache is not an AWS Config resource type: the Config API's ResourceType enum
 * (@aws-sdk/client-config-service 3.1124) has no ElastiCache entry, neither the 2023 supported-types
 * list nor awslabs/aws-config-resource-schema has one, and the managed ElastiCache rules are
 * periodic for that reason (they call the ElastiCache API themselves). Items use CloudFormation's
 * type names, with `configuration` = the object DescribeReplicationGroups / DescribeCacheClusters
 * returns (resourceId = ReplicationGroupId / CacheClusterId): Vigil's collectors emit both
 * (adapters/collectors/elasticache.ts, the SDK's output objects as they are). Fields are read in
 * the API's PascalCase and in Config's lowerCamel spelling (`snapshotRetentionLimit`), so an item
 * converted to Config's style reads the same.
 */

export interface ElastiCacheReplicationGroup {
  readonly replicationGroupId: string;
  /** `redis` or `valkey` (absent in items from before Valkey: Redis). */
  readonly engine: string;
  readonly status: string | undefined;
  /** Days of automatic snapshots kept; 0 = automatic backups off. */
  readonly snapshotRetentionLimit: number | undefined;
  readonly authTokenEnabled: boolean | undefined;
  /** RBAC user groups (Redis 6+ / Valkey access control lists). */
  readonly userGroupIds: readonly string[];
  readonly transitEncryptionEnabled: boolean | undefined;
  /** `required`, or `preferred` while migrating (plaintext connections still accepted). */
  readonly transitEncryptionMode: string | undefined;
  readonly atRestEncryptionEnabled: boolean | undefined;
  readonly kmsKeyId: string | undefined;
  readonly memberClusters: readonly string[];
}

export interface ElastiCacheCacheCluster {
  readonly cacheClusterId: string;
  /** `redis`, `valkey` or `memcached`. */
  readonly engine: string | undefined;
  readonly engineVersion: string | undefined;
  readonly status: string | undefined;
  /** Set when the node belongs to a replication group, which then owns backups and encryption. */
  readonly replicationGroupId: string | undefined;
  readonly snapshotRetentionLimit: number | undefined;
  readonly authTokenEnabled: boolean | undefined;
  readonly transitEncryptionEnabled: boolean | undefined;
  readonly atRestEncryptionEnabled: boolean | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::ElastiCache::ReplicationGroup': ElastiCacheReplicationGroup;
    'AWS::ElastiCache::CacheCluster': ElastiCacheCacheCluster;
  }
}

/** A field in Config's lowerCamel spelling or the API's PascalCase. */
function field(source: JsonObject, name: string): unknown {
  return pick(source, name, name.charAt(0).toUpperCase() + name.slice(1));
}

export function normalizeReplicationGroup(input: ModelInput): ElastiCacheReplicationGroup {
  const c = input.configuration;
  return {
    replicationGroupId: str(field(c, 'replicationGroupId')) ?? input.resourceId,
    engine: str(field(c, 'engine'))?.toLowerCase() ?? 'redis',
    status: str(field(c, 'status')),
    snapshotRetentionLimit: num(field(c, 'snapshotRetentionLimit')),
    authTokenEnabled: bool(field(c, 'authTokenEnabled')),
    userGroupIds: strs(field(c, 'userGroupIds')),
    transitEncryptionEnabled: bool(field(c, 'transitEncryptionEnabled')),
    transitEncryptionMode: str(field(c, 'transitEncryptionMode'))?.toLowerCase(),
    atRestEncryptionEnabled: bool(field(c, 'atRestEncryptionEnabled')),
    kmsKeyId: str(field(c, 'kmsKeyId')),
    memberClusters: strs(field(c, 'memberClusters')),
  };
}

export function normalizeCacheCluster(input: ModelInput): ElastiCacheCacheCluster {
  const c = input.configuration;
  return {
    cacheClusterId: str(field(c, 'cacheClusterId')) ?? input.resourceId,
    engine: str(field(c, 'engine'))?.toLowerCase(),
    engineVersion: str(field(c, 'engineVersion')),
    status: str(field(c, 'cacheClusterStatus')),
    replicationGroupId: str(field(c, 'replicationGroupId')),
    snapshotRetentionLimit: num(field(c, 'snapshotRetentionLimit')),
    authTokenEnabled: bool(field(c, 'authTokenEnabled')),
    transitEncryptionEnabled: bool(field(c, 'transitEncryptionEnabled')),
    atRestEncryptionEnabled: bool(field(c, 'atRestEncryptionEnabled')),
  };
}

export const elastiCacheModels = {
  'AWS::ElastiCache::ReplicationGroup': normalizeReplicationGroup,
  'AWS::ElastiCache::CacheCluster': normalizeCacheCluster,
} satisfies ModelRegistry;
