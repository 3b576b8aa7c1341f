/**
 * ElastiCache DescribeReplicationGroups and DescribeCacheClusters pages in the API's query-protocol
 * XML (the inner XML of `<DescribeReplicationGroupsResult>` / `<DescribeCacheClustersResult>`,
 * which startLoopbackAws wraps), for the real SDK client. List members are named as in the service
 * model, not `<member>` throughout: MemberClusters holds `<ClusterId>`, NodeGroups `<NodeGroup>`,
 * CacheClusters `<CacheCluster>` … (UserGroupIds and SecurityGroups do use `<member>`).
 */
import { escapeXml } from './loopback-aws.ts';

const ACCOUNT = '111122223333';
const MEMBER_NAMES: Readonly<Record<string, string>> = {
  ReplicationGroups: 'ReplicationGroup',
  CacheClusters: 'CacheCluster',
  CacheSecurityGroups: 'CacheSecurityGroup',
  MemberClusters: 'ClusterId',
  NodeGroups: 'NodeGroup',
  NodeGroupMembers: 'NodeGroupMember',
  LogDeliveryConfigurations: 'LogDeliveryConfiguration',
};

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(MEMBER_NAMES[name] ?? 'member', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** One page: the groups (PascalCase objects, as the API reference documents them) and the next page's Marker. */
export function describeReplicationGroupsXml(groups: readonly Record<string, unknown>[], marker?: string): string {
  return element('ReplicationGroups', groups) + element('Marker', marker);
}

/** One DescribeCacheClusters page: the clusters and the next page's Marker. */
export function describeCacheClustersXml(clusters: readonly Record<string, unknown>[], marker?: string): string {
  return element('CacheClusters', clusters) + element('Marker', marker);
}

/**
 * A standalone single-node Valkey cluster as DescribeCacheClusters returns it without node details,
 * with 7 days of snapshots; `overrides` replace fields (undefined removes one; `ReplicationGroupId`
 * makes it a group's node).
 */
export function cacheCluster(id: string, overrides: Record<string, unknown> = {}, region = 'eu-west-1'): Record<string, unknown> {
  const cluster: Record<string, unknown> = {
    CacheClusterId: id,
    ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
    CacheNodeType: 'cache.t4g.small',
    Engine: 'valkey',
    EngineVersion: '8.0',
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: `${region}a`,
    CacheClusterCreateTime: '2026-03-11T08:42:55.120Z',
    PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheParameterGroup: { CacheParameterGroupName: 'default.valkey8', ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
    CacheSubnetGroupName: 'private-cache',
    AutoMinorVersionUpgrade: true,
    SecurityGroups: [{ SecurityGroupId: 'sg-0a1b2c3d4e5f67890', Status: 'active' }],
    SnapshotRetentionLimit: 7,
    SnapshotWindow: '02:00-03:00',
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: true,
    TransitEncryptionMode: 'required',
    AtRestEncryptionEnabled: true,
    ARN: `arn:aws:elasticache:${region}:${ACCOUNT}:cluster:${id}`,
    ReplicationGroupLogDeliveryEnabled: false,
    LogDeliveryConfigurations: [],
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(cluster).filter(([, v]) => v !== undefined));
}

/**
 * A cluster-mode-disabled group of two nodes as DescribeReplicationGroups returns it, with
 * in-transit and at-rest encryption, an RBAC user group and 7 days of snapshots; `overrides`
 * replace fields (undefined removes one: `Engine: undefined` is a group from before Valkey).
 */
export function replicationGroup(id: string, overrides: Record<string, unknown> = {}, region = 'eu-west-1'): Record<string, unknown> {
  const members = [`${id}-001`, `${id}-002`];
  const group: Record<string, unknown> = {
    ReplicationGroupId: id,
    Description: `${id} cache`,
    GlobalReplicationGroupInfo: {},
    Status: 'available',
    PendingModifiedValues: {},
    MemberClusters: members,
    NodeGroups: [
      {
        NodeGroupId: '0001',
        Status: 'available',
        PrimaryEndpoint: { Address: `master.${id}.x1ykqn.euw1.cache.amazonaws.com`, Port: 6379 },
        ReaderEndpoint: { Address: `replica.${id}.x1ykqn.euw1.cache.amazonaws.com`, Port: 6379 },
        NodeGroupMembers: members.map((m, i) => ({
          CacheClusterId: m,
          CacheNodeId: '0001',
          PreferredAvailabilityZone: `${region}${'ab'[i] ?? 'c'}`,
          CurrentRole: i === 0 ? 'primary' : 'replica',
        })),
      },
    ],
    SnapshottingClusterId: members[1],
    AutomaticFailover: 'enabled',
    MultiAZ: 'enabled',
    SnapshotRetentionLimit: 7,
    SnapshotWindow: '03:30-04:30',
    ClusterEnabled: false,
    CacheNodeType: 'cache.r7g.large',
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: true,
    TransitEncryptionMode: 'required',
    AtRestEncryptionEnabled: true,
    KmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/0c7b1e2d-94a3-4f8e-b5d6-2a9c8e1f7b34`,
    ARN: `arn:aws:elasticache:${region}:${ACCOUNT}:replicationgroup:${id}`,
    UserGroupIds: [`${id}-users`],
    LogDeliveryConfigurations: [],
    ReplicationGroupCreateTime: '2026-04-02T11:20:13.418Z',
    DataTiering: 'disabled',
    AutoMinorVersionUpgrade: true,
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
    ClusterMode: 'disabled',
    Engine: 'valkey',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(group).filter(([, v]) => v !== undefined));
}
