/**
 * Resource types AWS Config does not record, which Vigil's collectors read through other APIs
 * and emit in configuration-item shape, so one normalizer and one engine serve them too. A
 * snapshot may carry them (a saved `vigil scan --live`); when absent, rules that need them answer
 * NOT_APPLICABLE ("not collected") rather than guess.
 *
 * CI `configuration` shapes (the contract between collectors and model normalizers):
 * - `AWS::Logs::LogGroup` (not a Config type; CloudFormation's name): resourceId = log group name;
 *   configuration = the DescribeLogGroups `LogGroup` object as the API returns it
 *   (`logGroupName`, `arn`, `creationTime`, `retentionInDays` absent = never expire, `kmsKeyId`,
 *   `storedBytes`, `logGroupClass`, `dataProtectionStatus`).
 * - `AWS::ElastiCache::ReplicationGroup` (not a Config type; CloudFormation's name): resourceId =
 *   ReplicationGroupId; configuration = the DescribeReplicationGroups `ReplicationGroup` object as
 *   the API returns it, in its PascalCase (`ReplicationGroupId`, `ARN`, `Status`, `Engine` absent on
 *   groups from before Valkey, `SnapshotRetentionLimit`, `AuthTokenEnabled`, `UserGroupIds`,
 *   `TransitEncryptionEnabled`, `TransitEncryptionMode`, `AtRestEncryptionEnabled`, `KmsKeyId`,
 *   `MemberClusters`, …); no tags.
 * - `AWS::ElastiCache::CacheCluster` (not a Config type; CloudFormation's name): resourceId =
 *   CacheClusterId; configuration = the DescribeCacheClusters `CacheCluster` object as the API
 *   returns it without node details (`CacheClusterId`, `ARN`, `CacheClusterStatus`, `Engine`
 *   `redis` / `valkey` / `memcached`, `EngineVersion`, `ReplicationGroupId` set on a replication
 *   group's nodes, `SnapshotRetentionLimit`, `AuthTokenEnabled`, `TransitEncryptionEnabled`,
 *   `AtRestEncryptionEnabled`, …); every cluster of the region, group members included; no tags.
 * - `Vigil::WAFv2::WebACLAssociation`: one per resource checked for a web ACL (ALB, API Gateway
 *   stage); resourceId = the checked resource's ARN; configuration =
 *   `{ resourceArn, webAclArn: string | null, webAclName: string | null }` (null = none associated;
 *   from wafv2:GetWebACLForResource).
 * - `Vigil::IAM::CredentialReport`: one per account, region `global`, resourceId = account id;
 *   configuration = `{ generatedTime, users: [{ user, arn, user_creation_time, password_enabled,
 *   password_last_used, mfa_active, access_key_1_active, access_key_1_last_rotated,
 *   access_key_2_active, access_key_2_last_rotated }] }` with the CSV's column names and string
 *   values as IAM GenerateCredentialReport gives them ("true"/"false", ISO dates, "N/A").
 * - `AWS::::Account`: one per account and region, resourceId = account id; configuration =
 *   `{ rootMfaEnabled?: boolean, restoreTestingPlans?: string[], guardDutyDetectors?: [{id, status}] }`
 *   (IAM GetAccountSummary AccountMFAEnabled, Backup ListRestoreTestingPlans, GuardDuty).
 */
export const CollectedType = {
  logGroup: 'AWS::Logs::LogGroup',
  elastiCacheReplicationGroup: 'AWS::ElastiCache::ReplicationGroup',
  elastiCacheCacheCluster: 'AWS::ElastiCache::CacheCluster',
  webAclAssociation: 'Vigil::WAFv2::WebACLAssociation',
  credentialReport: 'Vigil::IAM::CredentialReport',
  account: 'AWS::::Account',
} as const;
export type CollectedType = (typeof CollectedType)[keyof typeof CollectedType];

/**
 * Types some rule judges that AWS Config does not record: never listed from Config, never in the
 * Config subscription. Today exactly the collected ones above.
 */
export const NOT_RECORDED_BY_CONFIG: ReadonlySet<string> = new Set<string>(Object.values(CollectedType));
