import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no AUTH token flag and no user group read as no authentication. Source:
 * ../shared/reference/managed-rules/elasticache-repl-grp-redis-auth-enabled.md (NON_COMPLIANT when
 * "'AuthToken' is missing or is empty/null").
 */
export default defineRule({
  id: 'elasticache-redis-auth-enabled',
  title: 'ElastiCache replication groups require authentication over TLS',
  severity: 'medium',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  category: RuleCategory.dataStores,
  checklist: '004 Redis password auth',
  remediation: {
    text: 'Require clients to authenticate: attach an RBAC user group (Redis 6+ / Valkey) or set an AUTH token, both of which need in-transit encryption. Keep the token in Secrets Manager.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --user-group-ids-to-add <user-group> --apply-immediately',
    cloudformation: 'TransitEncryptionEnabled: true\nUserGroupIds:\n  - !Ref CacheUserGroup',
  },
  params: {},
  // Not claimed: elasticache-repl-grp-redis-auth-enabled (and FSBP ElastiCache.6) only judge
  // Redis below 6 and pass newer groups whatever their access control; this rule requires an AUTH
  // token or an RBAC user group on every group, with TLS.
  equivalents: { fsbp: ['ElastiCache.6'], prowler: 'elasticache_redis_replication_group_auth_enabled' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'elasticache-repl-grp-redis-auth-enabled',
    differences: [
      'Stricter: every replication group needs an AUTH token or an RBAC user group, with TLS; the managed rule judges only Redis below 6.',
    ],
  },
  evaluate(group) {
    const { replicationGroupId: id, authTokenEnabled, userGroupIds, transitEncryptionEnabled } = group.model;
    const label = `ElastiCache replication group ${id}`;
    const auth = userGroupIds.length > 0 ? `RBAC user group ${userGroupIds.join(', ')}` : authTokenEnabled === true ? 'an AUTH token' : undefined;
    if (auth === undefined) return nonCompliant(`${label} accepts clients without authentication (no AUTH token, no RBAC user group).`);
    if (transitEncryptionEnabled !== true) return nonCompliant(`${label} uses ${auth} but in-transit encryption is off, so credentials travel in clear text.`);
    return compliant(`${label} requires authentication with ${auth} over TLS.`);
  },
});
