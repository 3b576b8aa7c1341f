import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createElastiCacheCacheClustersCollector,
  createElastiCacheReplicationGroupsCollector,
} from '../../shared/adapters/collectors/elasticache.ts';
import { isMissingPermissionError } from '../../shared/adapters/errors/missing-permission-error.ts';
import type { Resource } from '../../shared/domain/resource.ts';
import { evaluate } from '../../shared/engine/evaluate.ts';
import { elasticacheRules } from '../../shared/rules/elasticache/index.ts';
import { cacheCluster, describeCacheClustersXml, describeReplicationGroupsXml, replicationGroup } from '../support/elasticache-xml.ts';
import { awsError, startLoopbackAws, testClientConfig, type LoopbackAws } from '../support/loopback-aws.ts';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const scope = { accountId: ACCOUNT, region: REGION };
const capturedAt = new Date('2026-11-22T09:30:00Z');
const now = () => capturedAt;

describe('ElastiCache replication groups collector against loopback AWS (query/XML)', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  const collectorFor = (endpoint: string) =>
    createElastiCacheReplicationGroupsCollector({ client: new ElastiCacheClient(testClientConfig(endpoint)), now });

  it('reads every page, chained by Marker, into AWS::ElastiCache::ReplicationGroup resources', async () => {
    // Prepare: two pages; the second holds a Redis group from before the Engine field, backups off.
    const pages: Record<string, string> = {
      start: describeReplicationGroupsXml([replicationGroup('checkout-sessions'), replicationGroup('rate-limits', { UserGroupIds: [], AuthTokenEnabled: true })], 'rate-limits'),
      'rate-limits': describeReplicationGroupsXml([
        replicationGroup('leaderboard', { Engine: undefined, CacheNodeType: undefined, SnapshotRetentionLimit: 0, TransitEncryptionMode: 'preferred' }),
      ]),
    };
    aws = await startLoopbackAws({ DescribeReplicationGroups: (input: { Marker?: string }) => pages[input.Marker ?? 'start'] });

    // Act
    const resources = (await collectorFor(aws.endpoint).collect(scope)) as Resource<'AWS::ElastiCache::ReplicationGroup'>[];

    // Assess: every page asked for, at the API's maximum page size.
    const calls = aws.callsTo('DescribeReplicationGroups').map((c) => c.input as { Marker?: string; MaxRecords?: string });
    expect(calls.map((c) => c.Marker)).toEqual([undefined, 'rate-limits']);
    expect(calls.map((c) => c.MaxRecords)).toEqual(['100', '100']);
    expect(resources.map((r) => r.resourceId)).toEqual(['checkout-sessions', 'rate-limits', 'leaderboard']);

    const [sessions, rateLimits, leaderboard] = resources;
    expect(sessions).toMatchObject({
      accountId: ACCOUNT,
      region: REGION,
      resourceType: 'AWS::ElastiCache::ReplicationGroup',
      resourceName: 'checkout-sessions',
      arn: `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:checkout-sessions`,
      status: 'OK',
      captureTime: '2026-11-22T09:30:00.000Z',
      configurationStateId: capturedAt.getTime(),
    });
    // The model reads the SDK's PascalCase output, XML strings parsed to booleans and numbers.
    expect(sessions?.model).toEqual({
      replicationGroupId: 'checkout-sessions',
      engine: 'valkey',
      status: 'available',
      snapshotRetentionLimit: 7,
      authTokenEnabled: false,
      userGroupIds: ['checkout-sessions-users'],
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0c7b1e2d-94a3-4f8e-b5d6-2a9c8e1f7b34`,
      memberClusters: ['checkout-sessions-001', 'checkout-sessions-002'],
    });
    expect(rateLimits?.model).toMatchObject({ authTokenEnabled: true, userGroupIds: [] });
    expect(leaderboard?.model).toMatchObject({ engine: 'redis', snapshotRetentionLimit: 0, transitEncryptionMode: 'preferred' });
  });

  it('retries a throttled page and then succeeds', async () => {
    let calls = 0;
    aws = await startLoopbackAws({
      DescribeReplicationGroups: () => {
        // Query-protocol services spell it "Throttling", which the SDK's retry strategy knows.
        if (++calls === 1) awsError('Throttling', 'Rate exceeded', 400);
        return describeReplicationGroupsXml([replicationGroup('checkout-sessions')]);
      },
    });

    const resources = await collectorFor(aws.endpoint).collect(scope);

    expect(resources.map((r) => r.resourceId)).toEqual(['checkout-sessions']);
    expect(aws.callsTo('DescribeReplicationGroups')).toHaveLength(2);
  });

  it('names elasticache:DescribeReplicationGroups when access is denied', async () => {
    aws = await startLoopbackAws({
      DescribeReplicationGroups: () =>
        awsError(
          'AccessDenied',
          `User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: elasticache:DescribeReplicationGroups on resource: arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:* because no identity-based policy allows the elasticache:DescribeReplicationGroups action`,
          403,
        ),
    });

    const error = await collectorFor(aws.endpoint).collect(scope).catch((e: unknown) => e);

    expect(isMissingPermissionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^missing permission elasticache:DescribeReplicationGroups in eu-west-1/);
    expect((error as Error).cause).toMatchObject({ name: 'AccessDenied' });
    // Denied is not retried: one call.
    expect(aws.callsTo('DescribeReplicationGroups')).toHaveLength(1);
  });

  it('lets the ElastiCache rules judge what it collects: transit encryption off is NON_COMPLIANT', async () => {
    // Prepare: one group as it should be, one created without in-transit encryption (so no
    // TransitEncryptionMode and no RBAC, which needs TLS).
    aws = await startLoopbackAws({
      DescribeReplicationGroups: () =>
        describeReplicationGroupsXml([
          replicationGroup('checkout-sessions'),
          replicationGroup('legacy-sessions', { Engine: 'redis', TransitEncryptionEnabled: false, TransitEncryptionMode: undefined, UserGroupIds: [] }),
        ]),
    });
    const resources = await collectorFor(aws.endpoint).collect(scope);

    // Act: collect() ran each group through normalizeConfigurationItem; now the engine, as a scan runs it.
    const evaluations = evaluate(resources, elasticacheRules, { now: capturedAt });

    // Assess
    const verdict = (ruleId: string, resourceId: string) => evaluations.find((e) => e.ruleId === ruleId && e.resourceId === resourceId);
    expect(verdict('elasticache-redis-encrypted', 'legacy-sessions')).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: 'ElastiCache replication group legacy-sessions has in-transit encryption off.',
    });
    expect(verdict('elasticache-redis-encrypted', 'checkout-sessions')?.status).toBe('COMPLIANT');
    expect(verdict('elasticache-redis-auth-enabled', 'legacy-sessions')?.status).toBe('NON_COMPLIANT');
    expect(verdict('elasticache-redis-auth-enabled', 'checkout-sessions')?.status).toBe('COMPLIANT');
    expect(verdict('elasticache-redis-backups-enabled', 'checkout-sessions')?.status).toBe('COMPLIANT');
  });
});

describe('ElastiCache cache clusters collector against loopback AWS (query/XML)', () => {
  let aws: LoopbackAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  const collectorFor = (endpoint: string) =>
    createElastiCacheCacheClustersCollector({ client: new ElastiCacheClient(testClientConfig(endpoint)), now });

  it('declares its action and type, so the sweep resolves clusters a collection no longer returns', () => {
    const collector = createElastiCacheCacheClustersCollector({ client: new ElastiCacheClient({ region: REGION }) });
    expect(collector).toMatchObject({
      name: 'elasticache-cache-clusters',
      iamActions: ['elasticache:DescribeCacheClusters'],
      resourceTypes: ['AWS::ElastiCache::CacheCluster'],
    });
  });

  it('reads every page, chained by Marker, into AWS::ElastiCache::CacheCluster resources', async () => {
    // Prepare: two pages; the first holds a standalone node and a replication group's node, the
    // second a Memcached cluster.
    const pages: Record<string, string> = {
      start: describeCacheClustersXml([cacheCluster('rate-limiter'), cacheCluster('checkout-sessions-001', { ReplicationGroupId: 'checkout-sessions' })], 'checkout-sessions-001'),
      'checkout-sessions-001': describeCacheClustersXml([
        cacheCluster('catalog-memcached', { Engine: 'memcached', EngineVersion: '1.6.22', NumCacheNodes: 2, SnapshotRetentionLimit: undefined, SnapshotWindow: undefined }),
      ]),
    };
    aws = await startLoopbackAws({ DescribeCacheClusters: (input: { Marker?: string }) => pages[input.Marker ?? 'start'] });

    // Act
    const resources = (await collectorFor(aws.endpoint).collect(scope)) as Resource<'AWS::ElastiCache::CacheCluster'>[];

    // Assess: every page asked for, at the API's maximum page size, without node details.
    const calls = aws.callsTo('DescribeCacheClusters').map((c) => c.input as { Marker?: string; MaxRecords?: string; ShowCacheNodeInfo?: string });
    expect(calls.map((c) => c.Marker)).toEqual([undefined, 'checkout-sessions-001']);
    expect(calls.map((c) => c.MaxRecords)).toEqual(['100', '100']);
    expect(calls.map((c) => c.ShowCacheNodeInfo)).toEqual([undefined, undefined]);
    expect(resources.map((r) => r.resourceId)).toEqual(['rate-limiter', 'checkout-sessions-001', 'catalog-memcached']);

    const [limiter, member, memcached] = resources;
    expect(limiter).toMatchObject({
      accountId: ACCOUNT,
      region: REGION,
      resourceType: 'AWS::ElastiCache::CacheCluster',
      resourceName: 'rate-limiter',
      arn: `arn:aws:elasticache:${REGION}:${ACCOUNT}:cluster:rate-limiter`,
      status: 'OK',
      captureTime: '2026-11-22T09:30:00.000Z',
      configurationStateId: capturedAt.getTime(),
    });
    expect(limiter?.model).toEqual({
      cacheClusterId: 'rate-limiter',
      engine: 'valkey',
      engineVersion: '8.0',
      status: 'available',
      replicationGroupId: undefined,
      snapshotRetentionLimit: 7,
      authTokenEnabled: false,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
    });
    expect(member?.model).toMatchObject({ replicationGroupId: 'checkout-sessions' });
    expect(memcached?.model).toMatchObject({ engine: 'memcached', snapshotRetentionLimit: undefined });
  });

  it('names elasticache:DescribeCacheClusters when access is denied', async () => {
    aws = await startLoopbackAws({
      DescribeCacheClusters: () =>
        awsError(
          'AccessDenied',
          `User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: elasticache:DescribeCacheClusters on resource: arn:aws:elasticache:${REGION}:${ACCOUNT}:cluster:* because no identity-based policy allows the elasticache:DescribeCacheClusters action`,
          403,
        ),
    });

    const error = await collectorFor(aws.endpoint).collect(scope).catch((e: unknown) => e);

    expect(isMissingPermissionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^missing permission elasticache:DescribeCacheClusters in eu-west-1/);
  });

  it('lets the backups rule judge standalone Redis clusters, and leave group members and Memcached to NOT_APPLICABLE', async () => {
    // Prepare: standalone Redis nodes with backups off and on, a group's node with backups off
    // (judged through its group), a Memcached cluster.
    aws = await startLoopbackAws({
      DescribeCacheClusters: () =>
        describeCacheClustersXml([
          cacheCluster('rate-limiter', { Engine: 'redis', EngineVersion: '7.1.0', SnapshotRetentionLimit: 0 }),
          cacheCluster('feature-flags', { Engine: 'redis', EngineVersion: '7.1.0', SnapshotRetentionLimit: 7 }),
          cacheCluster('checkout-sessions-002', { ReplicationGroupId: 'checkout-sessions', SnapshotRetentionLimit: 0 }),
          cacheCluster('catalog-memcached', { Engine: 'memcached', SnapshotRetentionLimit: undefined }),
        ]),
    });
    const resources = await collectorFor(aws.endpoint).collect(scope);

    // Act
    const evaluations = evaluate(resources, elasticacheRules, { now: capturedAt });

    // Assess: only the backups rule reads clusters; one verdict per cluster.
    const verdict = (resourceId: string) => evaluations.filter((e) => e.resourceId === resourceId);
    expect(verdict('rate-limiter')).toMatchObject([
      {
        ruleId: 'elasticache-redis-backups-enabled',
        status: 'NON_COMPLIANT',
        reason: 'ElastiCache cluster rate-limiter has automatic backups disabled (snapshot retention 0 days).',
      },
    ]);
    expect(verdict('feature-flags')).toMatchObject([{ ruleId: 'elasticache-redis-backups-enabled', status: 'COMPLIANT' }]);
    expect(verdict('checkout-sessions-002')).toMatchObject([{ ruleId: 'elasticache-redis-backups-enabled', status: 'NOT_APPLICABLE' }]);
    expect(verdict('catalog-memcached')).toMatchObject([{ ruleId: 'elasticache-redis-backups-enabled', status: 'NOT_APPLICABLE' }]);
  });
});
