import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'elasticache-redis-encrypted',
  title: 'ElastiCache replication groups encrypt data in transit and at rest',
  severity: 'medium',
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  category: RuleCategory.dataStores,
  checklist: '004 Redis network, TLS',
  remediation: {
    text: 'Turn in-transit encryption on in preferred mode, move clients to TLS, then switch to required mode (preferred still accepts plaintext). At-rest encryption can only be set at creation: restore a backup into a new group with it on.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-enabled --transit-encryption-mode required --apply-immediately',
    cloudformation: 'TransitEncryptionEnabled: true\nTransitEncryptionMode: required\nAtRestEncryptionEnabled: true\nKmsKeyId: !Ref CacheKey',
  },
  params: {},
  equivalents: { fsbp: ['ElastiCache.4', 'ElastiCache.5'] },
  evaluate(group) {
    const { replicationGroupId: id, transitEncryptionEnabled, transitEncryptionMode, atRestEncryptionEnabled } = group.model;
    const label = `ElastiCache replication group ${id}`;
    const gaps = [
      transitEncryptionEnabled !== true
        ? 'in-transit encryption off'
        : transitEncryptionMode === 'preferred'
          ? 'in-transit encryption in preferred mode (plaintext still accepted)'
          : undefined,
      atRestEncryptionEnabled === true ? undefined : 'at-rest encryption off',
    ].filter((gap): gap is string => gap !== undefined);
    // Both flags are always reported: one missing is unrecorded data, unless the other already fails.
    const unknown = [transitEncryptionEnabled === undefined ? 'in-transit' : '', atRestEncryptionEnabled === undefined ? 'at-rest' : ''].filter(Boolean);
    const known = gaps.filter((gap) => !(gap === 'in-transit encryption off' && transitEncryptionEnabled === undefined) && !(gap === 'at-rest encryption off' && atRestEncryptionEnabled === undefined));
    if (unknown.length > 0 && known.length === 0) return notApplicable(`${label}: ${unknown.join(' and ')} encryption not recorded.`);
    if (unknown.length > 0) return nonCompliant(`${label} has ${known.join(' and ')}.`);
    return gaps.length === 0
      ? compliant(`${label} encrypts data in transit and at rest.`)
      : nonCompliant(`${label} has ${gaps.join(' and ')}.`);
  },
});
