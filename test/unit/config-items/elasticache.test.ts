import { describe, expect, it } from 'vitest';
import { modelOf } from '../../support/model-of.ts';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** A collected item: configuration is what DescribeReplicationGroups returns (SDK PascalCase). */
const apiGroup = {
  ReplicationGroupId: 'checkout-sessions',
  Status: 'available',
  MemberClusters: ['checkout-sessions-001', 'checkout-sessions-002'],
  SnapshotRetentionLimit: 7,
  AuthTokenEnabled: false,
  UserGroupIds: ['checkout-app-users'],
  TransitEncryptionEnabled: true,
  TransitEncryptionMode: 'required',
  AtRestEncryptionEnabled: true,
  KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0c7b1e2d-94a3-4f8e-b5d6-2a9c8e1f7b34`,
  Engine: 'Valkey',
};

/** The same group in Config's lowerCamel style, as a JSON string (API form). */
const camelGroup = Object.fromEntries(Object.entries(apiGroup).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));

const expectedGroup = {
  replicationGroupId: 'checkout-sessions',
  engine: 'valkey',
  status: 'available',
  snapshotRetentionLimit: 7,
  authTokenEnabled: false,
  userGroupIds: ['checkout-app-users'],
  transitEncryptionEnabled: true,
  transitEncryptionMode: 'required',
  atRestEncryptionEnabled: true,
  kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0c7b1e2d-94a3-4f8e-b5d6-2a9c8e1f7b34`,
  memberClusters: ['checkout-sessions-001', 'checkout-sessions-002'],
};

function groupItem(configuration: unknown) {
  return {
    awsAccountId: ACCOUNT,
    awsRegion: REGION,
    resourceType: 'AWS::ElastiCache::ReplicationGroup',
    resourceId: 'checkout-sessions',
    resourceName: 'checkout-sessions',
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:checkout-sessions`,
    configuration,
  };
}

describe('ElastiCache replication group normalizer', () => {
  it.each([
    ['PascalCase object', apiGroup],
    ['lowerCamel JSON string', JSON.stringify(camelGroup)],
  ])('reads the %s alike', (_label, configuration) => {
    // Prepare
    const ci = groupItem(configuration);

    // Act
    const group = modelOf(ci, 'AWS::ElastiCache::ReplicationGroup');

    // Assess
    expect(group).toEqual(expectedGroup);
  });

  it('assumes Redis when an item predates the Engine field and leaves missing settings undefined', () => {
    // Prepare
    const ci = groupItem({ ReplicationGroupId: 'leaderboard', Status: 'available', SnapshotRetentionLimit: null });

    // Act
    const group = modelOf(ci, 'AWS::ElastiCache::ReplicationGroup');

    // Assess
    expect(group).toMatchObject({
      replicationGroupId: 'leaderboard',
      engine: 'redis',
      snapshotRetentionLimit: undefined,
      transitEncryptionEnabled: undefined,
      userGroupIds: [],
    });
  });
});

describe('ElastiCache cache cluster normalizer', () => {
  it('reads engine, group membership and retention', () => {
    // Prepare
    const ci = {
      accountId: ACCOUNT,
      awsRegion: REGION,
      resourceType: 'AWS::ElastiCache::CacheCluster',
      resourceId: 'checkout-sessions-001',
      configuration: JSON.stringify({
        CacheClusterId: 'checkout-sessions-001',
        Engine: 'redis',
        EngineVersion: '7.1.0',
        CacheClusterStatus: 'available',
        ReplicationGroupId: 'checkout-sessions',
        SnapshotRetentionLimit: 0,
        TransitEncryptionEnabled: true,
      }),
    };

    // Act
    const node = modelOf(ci, 'AWS::ElastiCache::CacheCluster');

    // Assess
    expect(node).toEqual({
      cacheClusterId: 'checkout-sessions-001',
      engine: 'redis',
      engineVersion: '7.1.0',
      status: 'available',
      replicationGroupId: 'checkout-sessions',
      snapshotRetentionLimit: 0,
      authTokenEnabled: undefined,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: undefined,
    });
  });
});
