import type { KnownResourceType } from '../domain/resource.ts';
import { obj, type JsonObject } from './decode.ts';

/**
 * Fields AWS Config records in every configuration item of a type, whatever the resource's
 * settings: outputs the Describe call always returns (a status, a state, a list that is empty
 * rather than absent), or supplementary entries Config writes with a "nothing set" sentinel
 * (S3's `BucketVersioningConfiguration` is `{"status":"Off"}` on a bucket that never had
 * versioning: ../shared/reference/aws-config-formats.md §7). An OK item without one of them
 * was not recorded by Config as Config records it (a hand-made or truncated file, a query that
 * selected too little): the rules of its type would read defaults, not the resource, so the item
 * is an input error rather than a source of findings.
 *
 * Each entry lists alternatives: any one spelling present is enough (the notification, API and
 * Cloud Control shapes of one type differ in case). Field names follow
 * ../shared/reference/config-resource-schema/<type>.properties.json. Only types whose
 * configuration a rule reads are listed; the account pseudo-type and Vigil's collected types
 * are filled by Vigil's own collectors, which always write them.
 */
export const RECORDED_FIELDS: { readonly [T in KnownResourceType]?: readonly (readonly string[])[] } = {
  'AWS::DynamoDB::Table': [['tableStatus', 'TableStatus', 'keySchema', 'KeySchema', 'creationDateTime']],
  'AWS::S3::Bucket': [['supplementaryConfiguration.BucketVersioningConfiguration']],
  'AWS::S3::AccountPublicAccessBlock': [['blockPublicAcls', 'BlockPublicAcls']],
  'AWS::Backup::BackupPlan': [['BackupPlan', 'backupPlan']],
  'AWS::Backup::BackupSelection': [['BackupSelection', 'backupSelection']],
  'AWS::Backup::BackupVault': [['EncryptionKeyArn', 'encryptionKeyArn', 'Notifications', 'CreationDate', 'creationDate', 'NumberOfRecoveryPoints']],
  'AWS::EC2::SecurityGroup': [['ipPermissions', 'IpPermissions', 'ipPermissionsEgress', 'IpPermissionsEgress', 'SecurityGroupIngress', 'SecurityGroupEgress']],
  'AWS::EC2::Instance': [['state', 'State']],
  'AWS::EC2::Volume': [['state', 'State', 'encrypted', 'Encrypted', 'size', 'Size']],
  'AWS::EC2::EIP': [['domain', 'Domain', 'publicIp', 'PublicIp']],
  'AWS::ElastiCache::ReplicationGroup': [['status', 'Status']],
  'AWS::ElastiCache::CacheCluster': [['cacheClusterStatus', 'CacheClusterStatus', 'engine', 'Engine']],
  'AWS::RDS::DBInstance': [['engine', 'Engine', 'dBInstanceClass', 'dbInstanceClass', 'DBInstanceClass', 'dBInstanceStatus']],
  'AWS::RDS::DBCluster': [['engine', 'Engine']],
  'AWS::CloudWatch::Alarm': [['actionsEnabled', 'ActionsEnabled', 'comparisonOperator', 'ComparisonOperator', 'metricName', 'MetricName', 'metrics', 'Metrics']],
  'AWS::ECR::Repository': [['ImageTagMutability', 'imageTagMutability']],
  'AWS::ECS::TaskDefinition': [['ContainerDefinitions', 'containerDefinitions']],
  'AWS::ECS::Service': [['Cluster', 'cluster', 'clusterArn']],
  'AWS::ECS::Cluster': [['CapacityProviders', 'capacityProviders', 'Configuration', 'ClusterSettings', 'settings']],
  'AWS::Lambda::Function': [['role', 'Role', 'runtime', 'Runtime', 'packageType', 'PackageType', 'codeSize', 'CodeSize', 'lastModified']],
  'AWS::SNS::Topic': [['Owner', 'owner', 'Policy', 'policy', 'EffectiveDeliveryPolicy', 'SubscriptionsConfirmed', 'SubscriptionsPending', 'Subscription', 'DisplayName', 'KmsMasterKeyId']],
  'AWS::SQS::Queue': [['VisibilityTimeout', 'visibilityTimeout', 'MessageRetentionPeriod', 'CreatedTimestamp', 'SqsManagedSseEnabled']],
  'AWS::CloudTrail::Trail': [['isMultiRegionTrail', 'IsMultiRegionTrail', 's3BucketName', 'S3BucketName', 'homeRegion', 'HomeRegion']],
  'AWS::GuardDuty::Detector': [['Enable', 'enable', 'Status', 'status']],
  'AWS::IAM::Policy': [['policyVersionList', 'PolicyVersionList', 'defaultVersionId']],
  'AWS::IAM::User': [['createDate', 'CreateDate', 'path', 'Path']],
  'AWS::KMS::Key': [['keyState', 'KeyState', 'enabled', 'Enabled', 'keyManager', 'KeyManager']],
  'AWS::SecretsManager::Secret': [['RotationEnabled', 'rotationEnabled', 'Deleted', 'deleted', 'CreatedDate', 'createdDate', 'LastChangedDate']],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [['type', 'Type', 'scheme', 'Scheme']],
  'AWS::ElasticLoadBalancingV2::Listener': [['Protocol', 'protocol', 'Port', 'port', 'DefaultActions', 'defaultActions']],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [['TargetType', 'targetType', 'Protocol', 'protocol', 'HealthCheckEnabled']],
  'AWS::ApiGateway::Stage': [['deploymentId', 'DeploymentId', 'createdDate']],
  'AWS::ApiGatewayV2::Stage': [['createdDate', 'CreatedDate', 'lastUpdatedDate', 'autoDeploy', 'AutoDeploy']],
  'AWS::ApiGatewayV2::Api': [['protocolType', 'ProtocolType']],
  'AWS::WAFv2::WebACL': [['defaultAction', 'DefaultAction']],
  'AWS::CloudFront::Distribution': [['distributionConfig', 'DistributionConfig']],
  'AWS::ACM::Certificate': [['status', 'Status', 'type', 'Type', 'domainName', 'DomainName']],
  'AWS::AutoScaling::AutoScalingGroup': [['minSize', 'MinSize', 'maxSize', 'MaxSize']],
  'AWS::AutoScaling::ScalingPolicy': [['policyType', 'PolicyType', 'autoScalingGroupName', 'AutoScalingGroupName']],
};

const TABLE: Readonly<Record<string, readonly (readonly string[])[] | undefined>> = RECORDED_FIELDS;

/**
 * The first always-recorded field an item of `resourceType` lacks (its first spelling), or
 * undefined when it has them all. A few property lookups per item.
 */
export function missingRecordedField(
  resourceType: string,
  configuration: JsonObject,
  supplementary: unknown,
): string | undefined {
  const fields = TABLE[resourceType];
  if (!fields) return undefined;
  for (const alternatives of fields) {
    if (!alternatives.some((field) => has(field, configuration, supplementary))) return alternatives[0];
  }
  return undefined;
}

const SUPPLEMENTARY = 'supplementaryConfiguration.';

function has(field: string, configuration: JsonObject, supplementary: unknown): boolean {
  if (field.startsWith(SUPPLEMENTARY)) {
    const s = obj(supplementary);
    const value = s?.[field.slice(SUPPLEMENTARY.length)];
    return value !== undefined && value !== null;
  }
  const value = configuration[field];
  return value !== undefined && value !== null;
}
