import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'elasticache-redis-backups-enabled',
  title: 'ElastiCache Redis and Valkey caches keep automatic backups',
  severity: 'high',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
  category: RuleCategory.dataStores,
  checklist: '004 Redis persistence',
  remediation: {
    text: 'Set a snapshot retention limit of at least the required days (and a snapshot window) so ElastiCache takes daily automatic backups the cache can be restored from.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --snapshot-retention-limit 7 --snapshot-window 03:00-04:00 --apply-immediately',
    cloudformation: 'SnapshotRetentionLimit: 7\nSnapshotWindow: "03:00-04:00"',
  },
  params: {
    minRetentionDays: param.int(1, 'Minimum days of automatic snapshots to keep (ElastiCache allows up to 35).', { min: 1 }),
  },
  // elasticache-redis-cluster-automatic-backup-check with snapshotRetentionPeriod = minRetentionDays:
  // NON_COMPLIANT when snapshotRetentionLimit is less than it (the page's "0-15" example reads as
  // inclusive; its rule text, followed here, says "less than"). Its default is 15, ours 1 (the
  // checklist's "≥ 1"). Memcached has no snapshots; nodes of a replication group are judged
  // through the group, whose retention they share.
  equivalents: {
    awsConfigRule: 'elasticache-redis-cluster-automatic-backup-check',
    fsbp: ['ElastiCache.1'],
    prowler: 'elasticache_redis_cluster_backup_enabled',
  },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'elasticache-redis-cluster-automatic-backup-check',
    differences: [
      'Default minimum retention 1 day (the checklist\'s), where the managed rule defaults to 15.',
    ],
  },
  evaluate(cache, { params }) {
    const model = cache.model;
    let label: string;
    let days: number | undefined;
    if ('cacheClusterId' in model) {
      label = `ElastiCache cluster ${model.cacheClusterId}`;
      if (model.engine === 'memcached') return notApplicable(`${label} runs Memcached, which has no backups.`);
      if (model.replicationGroupId !== undefined) {
        return notApplicable(`${label} belongs to replication group ${model.replicationGroupId}, where backups are judged.`);
      }
      days = model.snapshotRetentionLimit;
    } else {
      label = `ElastiCache replication group ${model.replicationGroupId}`;
      days = model.snapshotRetentionLimit;
    }
    // ElastiCache always reports SnapshotRetentionLimit for Redis: without it, nothing is known.
    if (days === undefined) return notApplicable(`${label}: snapshot retention limit not recorded.`);
    if (days === 0) return nonCompliant(`${label} has automatic backups disabled (snapshot retention 0 days).`);
    return days >= params.minRetentionDays
      ? compliant(`${label} keeps automatic backups for ${days} days.`)
      : nonCompliant(`${label} keeps automatic backups for ${days} days, fewer than the required ${params.minRetentionDays}.`);
  },
});
