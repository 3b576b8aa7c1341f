// Builds examples/demo-account.json: a Config snapshot of a believable small production account
// ("acme-shop", 111122223333, eu-west-1) with a mix of good and bad configuration, in the shapes
// AWS Config records (notification form; a few items in the API form, as a real export mixes).
// Also the templates the benchmark clones. Run: node scripts/build-demo-account.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
let clock = Date.parse('2026-11-20T08:00:00.000Z');

interface CiInput {
  type: string;
  id: string;
  name?: string;
  arn?: string;
  configuration: Record<string, unknown>;
  supplementary?: Record<string, unknown>;
  tags?: Record<string, string>;
  relationships?: { resourceType: string; resourceId?: string; resourceName?: string; name: string }[];
  region?: string;
  apiForm?: boolean;
}

const PROD = { Environment: 'production', Owner: 'platform', CostCenter: 'cc-100' };

function ci(input: CiInput): Record<string, unknown> {
  clock += 61_000;
  const region = input.region ?? REGION;
  const base = {
    configurationItemCaptureTime: new Date(clock).toISOString(),
    configurationItemStatus: 'OK',
    configurationStateId: clock,
    resourceType: input.type,
    resourceId: input.id,
    resourceName: input.name ?? input.id,
    awsRegion: region,
    availabilityZone: 'Not Applicable',
    tags: input.tags ?? {},
  };
  if (input.apiForm) {
    // The API model (BatchGetResourceConfig / GetResourceConfigHistory).
    return {
      version: '1.3',
      accountId: ACCOUNT,
      arn: input.arn,
      ...base,
      configurationItemMD5Hash: '',
      relationships: (input.relationships ?? []).map(({ name, ...r }) => ({ ...r, relationshipName: name })),
      configuration: JSON.stringify(input.configuration),
      supplementaryConfiguration: Object.fromEntries(
        Object.entries(input.supplementary ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      ),
    };
  }
  return {
    configurationItemVersion: '1.3',
    awsAccountId: ACCOUNT,
    ARN: input.arn,
    ...base,
    configurationStateMd5Hash: '',
    relatedEvents: [],
    relationships: input.relationships ?? [],
    configuration: input.configuration,
    supplementaryConfiguration: input.supplementary ?? {},
  };
}

const arn = (service: string, resource: string, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
const kmsKey = arn('kms', 'key/6f0a3c2e-4b1d-4e8a-9c7f-1a2b3c4d5e6f');
const alertsTopic = arn('sns', 'vigil-demo-alerts');

// ---- DynamoDB -------------------------------------------------------------------------------
function table(name: string, o: { pitr: boolean; onDemand: boolean; kms: boolean; protect: boolean; ttl?: string; replicas?: string[]; tags?: Record<string, string>; apiForm?: boolean }) {
  return ci({
    type: 'AWS::DynamoDB::Table',
    id: name,
    arn: arn('dynamodb', `table/${name}`),
    tags: o.tags ?? PROD,
    apiForm: o.apiForm,
    configuration: {
      tableName: name,
      tableArn: arn('dynamodb', `table/${name}`),
      tableStatus: 'ACTIVE',
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }, { attributeName: 'sk', attributeType: 'S' }],
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }, { attributeName: 'sk', keyType: 'RANGE' }],
      provisionedThroughput: o.onDemand
        ? { numberOfDecreasesToday: 0, readCapacityUnits: 0, writeCapacityUnits: 0 }
        : { numberOfDecreasesToday: 0, readCapacityUnits: 25, writeCapacityUnits: 10 },
      ...(o.onDemand ? { billingModeSummary: { billingMode: 'PAY_PER_REQUEST' } } : {}),
      ...(o.kms ? { sseDescription: { status: 'ENABLED', sseType: 'KMS', kmsMasterKeyArn: kmsKey } } : {}),
      deletionProtectionEnabled: o.protect,
      itemCount: 120_431,
      tableSizeBytes: 88_213_004,
      replicas: (o.replicas ?? []).map((regionName) => ({ regionName, replicaStatus: 'ACTIVE' })),
    },
    supplementary: {
      ContinuousBackupsDescription: {
        continuousBackupsStatus: 'ENABLED',
        pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: o.pitr ? 'ENABLED' : 'DISABLED' },
      },
      ...(o.ttl ? { TimeToLiveDescription: { timeToLiveStatus: 'ENABLED', attributeName: o.ttl } } : {}),
    },
  });
}

// ---- S3 -------------------------------------------------------------------------------------
function bucket(name: string, o: { versioning: boolean; sse?: 'AES256' | 'aws:kms'; block: boolean; publicRead?: boolean; policy?: unknown; logging?: string; lifecycle?: boolean; replication?: boolean; cors?: string[]; tags?: Record<string, string>; apiForm?: boolean }) {
  const grants = [{ grantee: { id: 'c0ffee', displayName: 'acme-aws' }, permission: 'FullControl' }];
  if (o.publicRead) grants.push({ grantee: 'AllUsers' as unknown as { id: string; displayName: string }, permission: 'Read' });
  return ci({
    type: 'AWS::S3::Bucket',
    id: name,
    arn: `arn:aws:s3:::${name}`,
    tags: o.tags ?? PROD,
    apiForm: o.apiForm,
    configuration: { name, owner: { displayName: 'acme-aws', id: 'c0ffee' }, creationDate: '2024-03-11T10:22:31.000Z' },
    supplementary: {
      AccessControlList: JSON.stringify({ grantSet: null, grantList: grants, owner: { displayName: 'acme-aws', id: 'c0ffee' }, isRequesterCharged: false }),
      BucketAccelerateConfiguration: { status: null },
      BucketLoggingConfiguration: { destinationBucketName: o.logging ?? null, logFilePrefix: o.logging ? `s3/${name}/` : null },
      BucketNotificationConfiguration: { configurations: {} },
      BucketPolicy: { policyText: o.policy ? JSON.stringify(o.policy) : null },
      BucketVersioningConfiguration: { status: o.versioning ? 'Enabled' : 'Off', isMfaDeleteEnabled: null },
      IsRequesterPaysEnabled: false,
      ...(o.sse
        ? {
            ServerSideEncryptionConfiguration: {
              rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: o.sse, kmsMasterKeyID: o.sse === 'aws:kms' ? kmsKey : null }, bucketKeyEnabled: o.sse === 'aws:kms' }],
            },
          }
        : {}),
      PublicAccessBlockConfiguration: { blockPublicAcls: o.block, ignorePublicAcls: o.block, blockPublicPolicy: o.block, restrictPublicBuckets: o.block },
      ...(o.lifecycle
        ? { BucketLifecycleConfiguration: { rules: [{ id: 'expire-old-versions', status: 'Enabled', noncurrentVersionExpirationInDays: 90, filter: { predicate: { type: 'LifecyclePrefixPredicate', prefix: '' } } }] } }
        : {}),
      ...(o.replication
        ? { BucketReplicationConfiguration: { roleARN: `arn:aws:iam::${ACCOUNT}:role/s3-replication`, rules: { 'replicate-all': { status: 'Enabled', priority: 1, destinationConfig: { bucketARN: `arn:aws:s3:::${name}-dr` } } } } }
        : {}),
      ...(o.cors ? { BucketCrossOriginConfiguration: { rules: [{ allowedMethods: ['GET', 'PUT'], allowedOrigins: o.cors, allowedHeaders: ['*'], maxAgeSeconds: 3000 }] } } : {}),
    },
  });
}

const tlsOnly = (name: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
});

// ---- EC2 security groups --------------------------------------------------------------------
type Perm = { ipProtocol: string; fromPort?: number | null; toPort?: number | null; ipv4Ranges?: { cidrIp: string }[]; ipv6Ranges?: { cidrIpv6: string }[]; ipRanges?: string[]; userIdGroupPairs?: { groupId: string; userId: string }[] };
function sg(id: string, name: string, ingress: Perm[], apiForm = false) {
  return ci({
    type: 'AWS::EC2::SecurityGroup',
    id,
    name,
    arn: arn('ec2', `security-group/${id}`),
    tags: { ...PROD, Name: name },
    apiForm,
    configuration: {
      description: `${name} security group`,
      groupName: name,
      groupId: id,
      ownerId: ACCOUNT,
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      ipPermissions: ingress.map((p) => ({ ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipRanges: [], ...p })),
      ipPermissionsEgress: [{ ipProtocol: '-1', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] }],
      tags: [{ key: 'Name', value: name }],
    },
    relationships: [{ resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-0a1b2c3d4e5f60718', name: 'Is contained in Vpc' }],
  });
}
const world = { ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] };

// ---- RDS ------------------------------------------------------------------------------------
function db(identifier: string, dbiResourceId: string, o: { engine: string; public: boolean; encrypted: boolean; multiAZ: boolean; retention: number; protect: boolean; minor: boolean; user: string; monitoring: number; pi: boolean; logs: string[]; apiForm?: boolean }) {
  return ci({
    type: 'AWS::RDS::DBInstance',
    id: dbiResourceId,
    name: identifier,
    arn: arn('rds', `db:${identifier}`),
    tags: PROD,
    apiForm: o.apiForm,
    configuration: {
      dBInstanceIdentifier: identifier,
      dBInstanceClass: 'db.r6g.large',
      engine: o.engine,
      engineVersion: o.engine === 'postgres' ? '16.4' : '8.0.39',
      dBInstanceStatus: 'available',
      masterUsername: o.user,
      endpoint: { address: `${identifier}.c9akciq32.eu-west-1.rds.amazonaws.com`, port: o.engine === 'postgres' ? 5432 : 3306, hostedZoneId: 'Z29XKXDKYMONMX' },
      allocatedStorage: 200,
      backupRetentionPeriod: o.retention,
      multiAZ: o.multiAZ,
      publiclyAccessible: o.public,
      storageEncrypted: o.encrypted,
      kmsKeyId: o.encrypted ? kmsKey : null,
      dbiResourceId,
      dBInstanceArn: arn('rds', `db:${identifier}`),
      deletionProtection: o.protect,
      autoMinorVersionUpgrade: o.minor,
      monitoringInterval: o.monitoring,
      performanceInsightsEnabled: o.pi,
      enabledCloudwatchLogsExports: o.logs,
      storageType: 'gp3',
      iAMDatabaseAuthenticationEnabled: true,
      vpcSecurityGroups: [{ vpcSecurityGroupId: 'sg-0db0000000000d001', status: 'active' }],
    },
  });
}

// ---- Lambda ---------------------------------------------------------------------------------
function fn(name: string, o: { runtime: string; env: Record<string, string>; tracing: 'Active' | 'PassThrough'; json: boolean; dlq?: string; kms?: boolean; tags?: Record<string, string>; policy?: unknown; apiForm?: boolean }) {
  return ci({
    type: 'AWS::Lambda::Function',
    id: name,
    arn: arn('lambda', `function:${name}`),
    tags: o.tags ?? PROD,
    apiForm: o.apiForm,
    configuration: {
      functionName: name,
      functionArn: arn('lambda', `function:${name}`),
      runtime: o.runtime,
      role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
      handler: 'index.handler',
      codeSize: 1_482_113,
      timeout: 30,
      memorySize: 1024,
      architectures: ['arm64'],
      packageType: 'Zip',
      environment: { variables: o.env },
      ...(o.kms ? { kmskeyArn: kmsKey } : {}),
      tracingConfig: { mode: o.tracing },
      loggingConfig: { logFormat: o.json ? 'JSON' : 'Text', logGroup: `/aws/lambda/${name}`, ...(o.json ? { applicationLogLevel: 'INFO', systemLogLevel: 'WARN' } : {}) },
      ...(o.dlq ? { deadLetterConfig: { targetArn: o.dlq } } : {}),
      state: { value: 'Active' },
      version: '$LATEST',
    },
    supplementary: o.policy ? { Policy: JSON.stringify(o.policy) } : {},
    relationships: [{ resourceType: 'AWS::IAM::Role', resourceName: `${name}-role`, name: 'Is associated with Role' }],
  });
}

function alarm(name: string, o: { namespace: string; metric: string; dimensions: { name: string; value: string }[]; actions: string[] }) {
  return ci({
    type: 'AWS::CloudWatch::Alarm',
    id: name,
    arn: arn('cloudwatch', `alarm:${name}`),
    tags: {},
    configuration: {
      alarmName: name,
      alarmArn: arn('cloudwatch', `alarm:${name}`),
      namespace: o.namespace,
      metricName: o.metric,
      dimensions: o.dimensions,
      statistic: o.metric === 'FreeStorageSpace' ? 'Minimum' : 'Sum',
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: o.metric === 'FreeStorageSpace' ? 10_737_418_240 : 1,
      comparisonOperator: o.metric === 'FreeStorageSpace' ? 'LessThanThreshold' : 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      actionsEnabled: true,
      alarmActions: o.actions,
      okactions: o.actions,
      insufficientDataActions: [],
    },
  });
}

const items: Record<string, unknown>[] = [
  // Data stores
  table('orders', { pitr: true, onDemand: true, kms: true, protect: true, ttl: 'expiresAt', replicas: ['eu-central-1'] }),
  table('sessions', { pitr: false, onDemand: false, kms: false, protect: false, ttl: 'expiresAt', apiForm: true }),
  table('audit-events', { pitr: true, onDemand: true, kms: true, protect: false, tags: { Environment: 'production', Owner: 'security' } }),
  bucket('acme-prod-assets', { versioning: true, sse: 'aws:kms', block: true, policy: tlsOnly('acme-prod-assets'), logging: 'acme-prod-access-logs', lifecycle: true, replication: true, cors: ['https://shop.acme.example'] }),
  bucket('acme-prod-uploads', { versioning: false, block: false, publicRead: true, cors: ['*'], apiForm: true, tags: { Environment: 'prod', Owner: 'web' } }),
  bucket('acme-prod-access-logs', { versioning: true, sse: 'AES256', block: true, policy: tlsOnly('acme-prod-access-logs'), lifecycle: true }),
  bucket('acme-data-exports', {
    versioning: true,
    sse: 'AES256',
    block: false,
    policy: { Version: '2012-10-17', Statement: [{ Sid: 'PartnerRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data-exports/*' }] },
  }),
  ci({
    type: 'AWS::S3::AccountPublicAccessBlock',
    id: ACCOUNT,
    name: ACCOUNT,
    configuration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
  }),
  db('orders-db', 'db-7QX2Q4ZJ6PLN5ABCDEF3HWN4RM', { engine: 'postgres', public: false, encrypted: true, multiAZ: true, retention: 30, protect: true, minor: true, user: 'orders_admin', monitoring: 60, pi: true, logs: ['postgresql', 'upgrade'] }),
  db('analytics-db', 'db-K3LMQ2R7W5X1YZTUV9PQ0NOPAB', { engine: 'postgres', public: true, encrypted: false, multiAZ: false, retention: 7, protect: false, minor: false, user: 'postgres', monitoring: 0, pi: false, logs: [], apiForm: true }),
  db('legacy-cms', 'db-ZZ4XJ2H6C8V0B1N3M5Q7W9E1RT', { engine: 'mysql', public: false, encrypted: true, multiAZ: false, retention: 14, protect: true, minor: true, user: 'admin', monitoring: 0, pi: false, logs: ['error'] }),
  ci({
    type: 'AWS::ElastiCache::ReplicationGroup',
    id: 'sessions-redis',
    arn: arn('elasticache', 'replicationgroup:sessions-redis'),
    tags: PROD,
    configuration: {
      ReplicationGroupId: 'sessions-redis',
      Description: 'Session cache',
      Status: 'available',
      Engine: 'redis',
      MemberClusters: ['sessions-redis-001', 'sessions-redis-002'],
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      SnapshotRetentionLimit: 0,
      TransitEncryptionEnabled: false,
      AtRestEncryptionEnabled: false,
      AuthTokenEnabled: false,
      CacheNodeType: 'cache.r7g.large',
      ARN: arn('elasticache', 'replicationgroup:sessions-redis'),
    },
  }),
  ci({
    type: 'AWS::ElastiCache::ReplicationGroup',
    id: 'catalog-cache',
    arn: arn('elasticache', 'replicationgroup:catalog-cache'),
    tags: PROD,
    configuration: {
      ReplicationGroupId: 'catalog-cache',
      Description: 'Product catalog cache',
      Status: 'available',
      Engine: 'redis',
      MemberClusters: ['catalog-cache-001', 'catalog-cache-002'],
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      SnapshotRetentionLimit: 7,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      AuthTokenEnabled: true,
      CacheNodeType: 'cache.r7g.large',
      KmsKeyId: kmsKey,
      ARN: arn('elasticache', 'replicationgroup:catalog-cache'),
    },
  }),
  ci({
    type: 'AWS::Backup::BackupPlan',
    id: 'b1c2d3e4-0000-4000-8000-00000000da11',
    name: 'daily-35d',
    arn: arn('backup', 'backup-plan:b1c2d3e4-0000-4000-8000-00000000da11'),
    tags: PROD,
    configuration: {
      BackupPlanId: 'b1c2d3e4-0000-4000-8000-00000000da11',
      BackupPlanArn: arn('backup', 'backup-plan:b1c2d3e4-0000-4000-8000-00000000da11'),
      VersionId: 'ZmJkNWE0',
      BackupPlan: {
        BackupPlanName: 'daily-35d',
        BackupPlanRule: [{ RuleName: 'daily', TargetBackupVault: 'prod-vault', ScheduleExpression: 'cron(0 3 ? * * *)', StartWindowMinutes: 60, CompletionWindowMinutes: 180, Lifecycle: { DeleteAfterDays: 35 } }],
      },
    },
  }),
  ci({
    type: 'AWS::Backup::BackupSelection',
    id: 'sel-0a1b2c3d4e5f',
    name: 'production-tables',
    configuration: {
      BackupPlanId: 'b1c2d3e4-0000-4000-8000-00000000da11',
      SelectionId: 'sel-0a1b2c3d4e5f',
      BackupSelection: { SelectionName: 'production-tables', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup-role`, Resources: [arn('dynamodb', 'table/orders'), arn('dynamodb', 'table/audit-events')] },
    },
  }),
  ci({
    type: 'AWS::Backup::BackupPlan',
    id: 'c9d8e7f6-0000-4000-8000-000000000000',
    name: 'weekly-7d',
    arn: arn('backup', 'backup-plan:c9d8e7f6-0000-4000-8000-000000000000'),
    tags: PROD,
    configuration: {
      BackupPlanId: 'c9d8e7f6-0000-4000-8000-000000000000',
      BackupPlan: { BackupPlanName: 'weekly-7d', BackupPlanRule: [{ RuleName: 'weekly', TargetBackupVault: 'Default', ScheduleExpression: 'cron(0 5 ? * SUN *)', Lifecycle: { DeleteAfterDays: 7 } }] },
    },
  }),
  ci({
    type: 'AWS::Backup::BackupVault',
    id: 'prod-vault',
    arn: arn('backup', 'backup-vault:prod-vault'),
    tags: PROD,
    configuration: { BackupVaultName: 'prod-vault', BackupVaultArn: arn('backup', 'backup-vault:prod-vault'), EncryptionKeyArn: kmsKey },
  }),

  // Network
  sg('sg-0a11b22c33d44e001', 'public-alb', [
    { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...world, ipv6Ranges: [{ cidrIpv6: '::/0' }] },
    { ipProtocol: 'tcp', fromPort: 80, toPort: 80, ...world },
  ]),
  sg('sg-0ba5710000000b01', 'bastion', [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ...world }]),
  sg('sg-0db0000000000d001', 'orders-db', [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, userIdGroupPairs: [{ groupId: 'sg-0a11b22c33d44e002', userId: ACCOUNT }] }]),
  // Legacy form: ipRanges as plain strings.
  sg('sg-0e1ac7e0000000e1', 'legacy-redis', [{ ipProtocol: 'tcp', fromPort: 6379, toPort: 6379, ipRanges: ['0.0.0.0/0'] }], true),
  sg('sg-0a11b22c33d44e002', 'app-servers', [{ ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, userIdGroupPairs: [{ groupId: 'sg-0a11b22c33d44e001', userId: ACCOUNT }] }]),
  sg('sg-0deb0900000000f1', 'debug-all-open', [{ ipProtocol: '-1', fromPort: null, toPort: null, ipv6Ranges: [{ cidrIpv6: '::/0' }] }]),
  ci({
    type: 'AWS::EC2::Instance',
    id: 'i-0b45710000000a001',
    name: 'i-0b45710000000a001',
    arn: arn('ec2', 'instance/i-0b45710000000a001'),
    tags: { ...PROD, Name: 'bastion' },
    configuration: {
      instanceId: 'i-0b45710000000a001',
      instanceType: 't4g.small',
      imageId: 'ami-0c1d2e3f4a5b6c7d8',
      state: { code: 16, name: 'running' },
      publicIpAddress: '54.171.22.19',
      privateIpAddress: '10.0.1.15',
      metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, state: 'applied' },
      securityGroups: [{ groupId: 'sg-0ba5710000000b01', groupName: 'bastion' }],
      subnetId: 'subnet-0a1b0000000000a01',
      vpcId: 'vpc-0a1b2c3d4e5f60718',
    },
  }),
  ci({
    type: 'AWS::EC2::Instance',
    id: 'i-0a0c4e20000000b02',
    name: 'i-0a0c4e20000000b02',
    arn: arn('ec2', 'instance/i-0a0c4e20000000b02'),
    tags: { ...PROD, Name: 'worker' },
    configuration: {
      instanceId: 'i-0a0c4e20000000b02',
      instanceType: 'm7g.large',
      imageId: 'ami-0c1d2e3f4a5b6c7d8',
      state: { code: 16, name: 'running' },
      privateIpAddress: '10.0.12.40',
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2, state: 'applied' },
      securityGroups: [{ groupId: 'sg-0a11b22c33d44e002', groupName: 'app-servers' }],
      subnetId: 'subnet-0c1d0000000000c01',
      vpcId: 'vpc-0a1b2c3d4e5f60718',
    },
  }),
  ci({
    type: 'AWS::EC2::Volume',
    id: 'vol-0a1c2e3f400000001',
    arn: arn('ec2', 'volume/vol-0a1c2e3f400000001'),
    tags: PROD,
    configuration: { volumeId: 'vol-0a1c2e3f400000001', size: 100, volumeType: 'gp3', encrypted: true, kmsKeyId: kmsKey, state: 'in-use', attachments: [{ instanceId: 'i-0a0c4e20000000b02', state: 'attached', device: '/dev/xvda', volumeId: 'vol-0a1c2e3f400000001', deleteOnTermination: true }] },
  }),
  ci({
    type: 'AWS::EC2::Volume',
    id: 'vol-0f0e0d0c0b0000002',
    arn: arn('ec2', 'volume/vol-0f0e0d0c0b0000002'),
    tags: { Environment: 'staging' },
    configuration: { volumeId: 'vol-0f0e0d0c0b0000002', size: 500, volumeType: 'gp2', encrypted: false, state: 'available', attachments: [] },
  }),
  ci({
    type: 'AWS::EC2::EIP',
    id: 'eipalloc-0e1f2a3b4c5d6e7f8',
    arn: arn('ec2', 'eip-allocation/eipalloc-0e1f2a3b4c5d6e7f8'),
    tags: {},
    configuration: { allocationId: 'eipalloc-0e1f2a3b4c5d6e7f8', publicIp: '34.249.10.77', domain: 'vpc' },
  }),
  ci({
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    id: arn('elasticloadbalancing', 'loadbalancer/app/shop-public/50dc6c495c0c9188'),
    name: 'shop-public',
    arn: arn('elasticloadbalancing', 'loadbalancer/app/shop-public/50dc6c495c0c9188'),
    tags: PROD,
    configuration: {
      loadBalancerArn: arn('elasticloadbalancing', 'loadbalancer/app/shop-public/50dc6c495c0c9188'),
      loadBalancerName: 'shop-public',
      dNSName: 'shop-public-1234567890.eu-west-1.elb.amazonaws.com',
      scheme: 'internet-facing',
      type: 'application',
      state: { code: 'active' },
      ipAddressType: 'ipv4',
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      securityGroups: ['sg-0a11b22c33d44e001'],
      availabilityZones: [{ zoneName: 'eu-west-1a', subnetId: 'subnet-0a1b0000000000a01' }, { zoneName: 'eu-west-1b', subnetId: 'subnet-0a1b0000000000a02' }],
    },
    supplementary: {
      LoadBalancerAttributes: [
        { key: 'access_logs.s3.enabled', value: 'false' },
        { key: 'deletion_protection.enabled', value: 'true' },
        { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'false' },
        { key: 'idle_timeout.timeout_seconds', value: '60' },
      ],
    },
  }),
  ci({
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    id: arn('elasticloadbalancing', 'listener/app/shop-public/50dc6c495c0c9188/f2f7dc8efc522ab2'),
    name: 'shop-public:80',
    arn: arn('elasticloadbalancing', 'listener/app/shop-public/50dc6c495c0c9188/f2f7dc8efc522ab2'),
    configuration: {
      ListenerArn: arn('elasticloadbalancing', 'listener/app/shop-public/50dc6c495c0c9188/f2f7dc8efc522ab2'),
      LoadBalancerArn: arn('elasticloadbalancing', 'loadbalancer/app/shop-public/50dc6c495c0c9188'),
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }],
    },
  }),
  ci({
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    id: arn('elasticloadbalancing', 'listener/app/shop-public/50dc6c495c0c9188/0467ef3c8400ae65'),
    name: 'shop-public:443',
    arn: arn('elasticloadbalancing', 'listener/app/shop-public/50dc6c495c0c9188/0467ef3c8400ae65'),
    configuration: {
      ListenerArn: arn('elasticloadbalancing', 'listener/app/shop-public/50dc6c495c0c9188/0467ef3c8400ae65'),
      LoadBalancerArn: arn('elasticloadbalancing', 'loadbalancer/app/shop-public/50dc6c495c0c9188'),
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-2016-08',
      Certificates: [{ CertificateArn: arn('acm', 'certificate/4c1d2e3f-aaaa-4bbb-8ccc-1234567890ab') }],
      DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: arn('elasticloadbalancing', 'targetgroup/shop-web/6d0ecf831eec9f09') }],
    },
  }),
  ci({
    type: 'AWS::ACM::Certificate',
    id: arn('acm', 'certificate/4c1d2e3f-aaaa-4bbb-8ccc-1234567890ab'),
    name: 'shop.acme.example',
    arn: arn('acm', 'certificate/4c1d2e3f-aaaa-4bbb-8ccc-1234567890ab'),
    tags: PROD,
    configuration: {
      certificateArn: arn('acm', 'certificate/4c1d2e3f-aaaa-4bbb-8ccc-1234567890ab'),
      domainName: 'shop.acme.example',
      subjectAlternativeNames: ['shop.acme.example', 'www.shop.acme.example'],
      status: 'ISSUED',
      type: 'AMAZON_ISSUED',
      keyAlgorithm: 'RSA-2048',
      issuer: 'Amazon',
      notBefore: '2026-03-01T00:00:00.000Z',
      notAfter: '2027-03-31T23:59:59.000Z',
      renewalEligibility: 'ELIGIBLE',
      domainValidationOptions: [{ domainName: 'shop.acme.example', validationMethod: 'DNS', validationStatus: 'SUCCESS' }],
      inUseBy: [arn('elasticloadbalancing', 'loadbalancer/app/shop-public/50dc6c495c0c9188')],
    },
  }),
  ci({
    type: 'AWS::ACM::Certificate',
    id: arn('acm', 'certificate/9e8d7c6b-1111-4222-8333-abcdefabcdef'),
    name: 'partners.acme.example',
    arn: arn('acm', 'certificate/9e8d7c6b-1111-4222-8333-abcdefabcdef'),
    tags: PROD,
    configuration: {
      certificateArn: arn('acm', 'certificate/9e8d7c6b-1111-4222-8333-abcdefabcdef'),
      domainName: 'partners.acme.example',
      status: 'ISSUED',
      type: 'IMPORTED',
      keyAlgorithm: 'RSA-1024',
      issuer: 'Example Corp CA',
      notBefore: '2025-12-14T00:00:00.000Z',
      notAfter: '2026-12-14T00:00:00.000Z',
      renewalEligibility: 'INELIGIBLE',
      inUseBy: [],
    },
  }),
  ci({
    type: 'AWS::ApiGateway::Stage',
    id: 'ab12cd34ef/prod',
    name: 'prod',
    arn: 'arn:aws:apigateway:eu-west-1::/restapis/ab12cd34ef/stages/prod',
    tags: PROD,
    configuration: {
      stageName: 'prod',
      restApiId: 'ab12cd34ef',
      deploymentId: 'x1y2z3',
      tracingEnabled: false,
      methodSettings: { '*/*': { metricsEnabled: true, loggingLevel: 'ERROR', dataTraceEnabled: false, throttlingBurstLimit: 200, throttlingRateLimit: 100, cachingEnabled: false } },
      accessLogSettings: { destinationArn: arn('logs', 'log-group:/aws/apigateway/shop-prod'), format: '$context.requestId $context.status' },
      cacheClusterEnabled: false,
    },
    relationships: [{ resourceType: 'AWS::ApiGateway::RestApi', resourceId: 'ab12cd34ef', name: 'Is contained in RestApi' }],
  }),
  ci({
    type: 'AWS::CloudFront::Distribution',
    id: 'E2QWRUHEXAMPLE',
    arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`,
    // Config records CloudFront (a global service) with awsRegion "global".
    region: 'global',
    tags: PROD,
    configuration: {
      id: 'E2QWRUHEXAMPLE',
      arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`,
      status: 'Deployed',
      domainName: 'd111111abcdef8.cloudfront.net',
      distributionConfig: {
        aliases: { quantity: 1, items: ['shop.acme.example'] },
        enabled: true,
        httpVersion: 'http2and3',
        webACLId: '',
        logging: { enabled: true, bucket: 'acme-prod-access-logs.s3.amazonaws.com', prefix: 'cloudfront/', includeCookies: false },
        viewerCertificate: { aCMCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0f0f0f0f-2222-4333-8444-555566667777', sSLSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021', certificateSource: 'acm' },
        defaultCacheBehavior: { targetOriginId: 'shop-alb', viewerProtocolPolicy: 'redirect-to-https', compress: true, responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03' },
        cacheBehaviors: { quantity: 1, items: [{ pathPattern: '/static/*', targetOriginId: 'assets-s3', viewerProtocolPolicy: 'allow-all', compress: false }] },
        origins: { quantity: 2, items: [{ id: 'shop-alb', domainName: 'shop-public-1234567890.eu-west-1.elb.amazonaws.com' }, { id: 'assets-s3', domainName: 'acme-prod-assets.s3.eu-west-1.amazonaws.com' }] },
      },
    },
  }),
  ci({
    type: 'AWS::WAFv2::WebACL',
    id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    name: 'shop-edge',
    arn: arn('wafv2', 'regional/webacl/shop-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'),
    tags: PROD,
    configuration: {
      name: 'shop-edge',
      id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      capacity: 727,
      defaultAction: { allow: {} },
      rules: [
        { name: 'AWS-AWSManagedRulesCommonRuleSet', priority: 0, statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }, overrideAction: { none: {} }, visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: 'common' } },
      ],
      visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: 'shop-edge' },
    },
  }),

  // Secrets, identity
  fn('checkout-api', {
    runtime: 'nodejs22.x',
    env: { NODE_ENV: 'production', STRIPE_SECRET_ARN: arn('secretsmanager', 'secret:prod/stripe-AbCdEf'), POWERTOOLS_SERVICE_NAME: 'checkout' },
    tracing: 'Active',
    json: true,
    dlq: arn('sqs', 'checkout-api-dlq'),
    kms: true,
  }),
  fn('legacy-mailer', {
    runtime: 'nodejs16.x',
    env: { SMTP_HOST: 'smtp.acme.example', SMTP_PASSWORD: 'Summer2024!acme', SENDGRID_API_KEY: 'SG.q1w2e3r4t5y6u7i8o9p0.a1s2d3f4g5h6j7k8l9' },
    tracing: 'PassThrough',
    json: false,
    apiForm: true,
    tags: { Environment: 'production', Owner: 'marketing' },
    policy: { Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 'public-invoke', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: arn('lambda', 'function:legacy-mailer') }] },
  }),
  fn('image-resizer', {
    runtime: 'python3.12',
    env: { BUCKET: 'acme-prod-assets' },
    tracing: 'Active',
    json: true,
    policy: { Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 's3-invoke', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn('lambda', 'function:image-resizer'), Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::acme-prod-uploads' }, StringEquals: { 'AWS:SourceAccount': ACCOUNT } } }] },
  }),
  alarm('checkout-api-errors', { namespace: 'AWS/Lambda', metric: 'Errors', dimensions: [{ name: 'FunctionName', value: 'checkout-api' }], actions: [alertsTopic] }),
  alarm('orders-db-free-storage', { namespace: 'AWS/RDS', metric: 'FreeStorageSpace', dimensions: [{ name: 'DBInstanceIdentifier', value: 'orders-db' }], actions: [alertsTopic] }),
  alarm('image-resizer-errors', { namespace: 'AWS/Lambda', metric: 'Errors', dimensions: [{ name: 'FunctionName', value: 'image-resizer' }], actions: [] }),
  ci({
    type: 'AWS::SNS::Topic',
    id: alertsTopic,
    name: 'vigil-demo-alerts',
    arn: alertsTopic,
    tags: PROD,
    configuration: { TopicArn: alertsTopic, DisplayName: 'Production alerts', KmsMasterKeyId: 'alias/aws/sns', Owner: ACCOUNT, SubscriptionsConfirmed: '2', SubscriptionsPending: '0' },
  }),
  ci({
    type: 'AWS::SQS::Queue',
    id: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders',
    name: 'orders',
    arn: arn('sqs', 'orders'),
    tags: PROD,
    configuration: {
      QueueName: 'orders',
      QueueArn: arn('sqs', 'orders'),
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders',
      VisibilityTimeout: '180',
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('sqs', 'orders-dlq'), maxReceiveCount: 5 }),
    },
  }),
  ci({
    type: 'AWS::SQS::Queue',
    id: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders-dlq',
    name: 'orders-dlq',
    arn: arn('sqs', 'orders-dlq'),
    tags: PROD,
    configuration: { QueueName: 'orders-dlq', QueueArn: arn('sqs', 'orders-dlq'), QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders-dlq', MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true' },
  }),
  ci({
    type: 'AWS::SQS::Queue',
    id: 'https://sqs.eu-west-1.amazonaws.com/111122223333/email-jobs',
    name: 'email-jobs',
    arn: arn('sqs', 'email-jobs'),
    tags: { Environment: 'production', Owner: 'marketing' },
    configuration: { QueueName: 'email-jobs', QueueArn: arn('sqs', 'email-jobs'), QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/email-jobs', SqsManagedSseEnabled: 'false' },
  }),
  ci({
    type: 'AWS::SecretsManager::Secret',
    id: arn('secretsmanager', 'secret:prod/orders-db-AbCdEf'),
    name: 'prod/orders-db',
    arn: arn('secretsmanager', 'secret:prod/orders-db-AbCdEf'),
    tags: PROD,
    configuration: { ARN: arn('secretsmanager', 'secret:prod/orders-db-AbCdEf'), Name: 'prod/orders-db', KMSKeyId: kmsKey, RotationEnabled: true, RotationLambdaARN: arn('lambda', 'function:rds-rotation'), RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: '2026-11-02T03:00:00.000Z', RotationOccurringAsScheduled: true },
  }),
  ci({
    type: 'AWS::SecretsManager::Secret',
    id: arn('secretsmanager', 'secret:prod/stripe-AbCdEf'),
    name: 'prod/stripe',
    arn: arn('secretsmanager', 'secret:prod/stripe-AbCdEf'),
    tags: PROD,
    configuration: { ARN: arn('secretsmanager', 'secret:prod/stripe-AbCdEf'), Name: 'prod/stripe', RotationEnabled: false, CreatedDate: '2024-01-09T12:00:00.000Z' },
  }),
  ci({
    type: 'AWS::KMS::Key',
    id: '6f0a3c2e-4b1d-4e8a-9c7f-1a2b3c4d5e6f',
    arn: kmsKey,
    tags: PROD,
    configuration: { keyId: '6f0a3c2e-4b1d-4e8a-9c7f-1a2b3c4d5e6f', arn: kmsKey, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyState: 'Enabled', enabled: true, origin: 'AWS_KMS', description: 'acme production data key' },
    supplementary: { KeyRotationStatus: true },
  }),
  ci({
    type: 'AWS::KMS::Key',
    id: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    arn: arn('kms', 'key/0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'),
    tags: { Environment: 'staging' },
    configuration: { keyId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', arn: arn('kms', 'key/0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'), keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyState: 'Enabled', enabled: true, origin: 'AWS_KMS', description: 'staging exports' },
    supplementary: { KeyRotationStatus: false },
  }),
  ci({
    type: 'AWS::IAM::Policy',
    id: 'ANPA1234567890EXAMPLE',
    name: 'ci-deploy-everything',
    arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy-everything`,
    region: 'global',
    configuration: {
      policyName: 'ci-deploy-everything',
      policyId: 'ANPA1234567890EXAMPLE',
      arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy-everything`,
      defaultVersionId: 'v2',
      attachmentCount: 1,
      isAttachable: true,
      policyVersionList: [
        { document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })), versionId: 'v2', isDefaultVersion: true, createDate: '2025-06-01T10:00:00.000Z' },
        { document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' }] })), versionId: 'v1', isDefaultVersion: false, createDate: '2025-01-01T10:00:00.000Z' },
      ],
    },
  }),
  ci({
    type: 'AWS::IAM::Policy',
    id: 'ANPA0987654321EXAMPLE',
    name: 'orders-table-readwrite',
    arn: `arn:aws:iam::${ACCOUNT}:policy/orders-table-readwrite`,
    region: 'global',
    configuration: {
      policyName: 'orders-table-readwrite',
      policyId: 'ANPA0987654321EXAMPLE',
      arn: `arn:aws:iam::${ACCOUNT}:policy/orders-table-readwrite`,
      defaultVersionId: 'v1',
      policyVersionList: [
        { document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], Resource: arn('dynamodb', 'table/orders') }] })), versionId: 'v1', isDefaultVersion: true },
      ],
    },
  }),
  ci({
    type: 'AWS::IAM::User',
    id: 'AIDA1234567890EXAMPLE',
    name: 'ci-deployer',
    arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`,
    region: 'global',
    configuration: {
      userName: 'ci-deployer',
      userId: 'AIDA1234567890EXAMPLE',
      arn: `arn:aws:iam::${ACCOUNT}:user/ci-deployer`,
      path: '/',
      groupList: [],
      userPolicyList: [{ policyName: 'inline-deploy', policyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }] })) }],
      attachedManagedPolicies: [{ policyName: 'ci-deploy-everything', policyArn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy-everything` }],
      createDate: '2023-02-01T09:00:00.000Z',
    },
  }),
  ci({
    type: 'AWS::IAM::User',
    id: 'AIDA0000000000ALICE01',
    name: 'alice',
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    region: 'global',
    configuration: { userName: 'alice', userId: 'AIDA0000000000ALICE01', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, path: '/', groupList: ['engineers'], userPolicyList: [], attachedManagedPolicies: [], createDate: '2024-05-01T09:00:00.000Z' },
  }),

  // Monitoring
  ci({
    type: 'AWS::CloudTrail::Trail',
    id: 'org-audit',
    arn: arn('cloudtrail', 'trail/org-audit'),
    tags: PROD,
    configuration: {
      name: 'org-audit',
      trailARN: arn('cloudtrail', 'trail/org-audit'),
      s3BucketName: 'acme-audit-trail',
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      homeRegion: REGION,
      logFileValidationEnabled: true,
      isOrganizationTrail: false,
      hasCustomEventSelectors: false,
      cloudWatchLogsLogGroupArn: arn('logs', 'log-group:cloudtrail/org-audit:*'),
    },
    supplementary: { TrailStatus: { isLogging: true, latestDeliveryTime: '2026-11-20T07:55:00.000Z' }, EventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [] }] },
  }),
  ci({
    type: 'AWS::GuardDuty::Detector',
    id: '12abc34d567e8fa901bc2d34e56789f0',
    arn: arn('guardduty', 'detector/12abc34d567e8fa901bc2d34e56789f0'),
    tags: PROD,
    configuration: { DetectorId: '12abc34d567e8fa901bc2d34e56789f0', Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' },
  }),
  ci({
    type: 'AWS::ECR::Repository',
    id: 'checkout-api',
    arn: arn('ecr', 'repository/checkout-api'),
    tags: PROD,
    configuration: { RepositoryName: 'checkout-api', Arn: arn('ecr', 'repository/checkout-api'), ImageTagMutability: 'MUTABLE', ImageScanningConfiguration: { ScanOnPush: true }, EncryptionConfiguration: { EncryptionType: 'AES256' } },
  }),
  ci({
    type: 'AWS::AutoScaling::AutoScalingGroup',
    id: 'workers-asg',
    arn: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:6a1d2b3c-0000-4000-8000-1234567890ab:autoScalingGroupName/workers-asg`,
    tags: PROD,
    configuration: {
      autoScalingGroupName: 'workers-asg',
      minSize: 1,
      maxSize: 4,
      desiredCapacity: 1,
      availabilityZones: ['eu-west-1a'],
      healthCheckType: 'EC2',
      healthCheckGracePeriod: 300,
      loadBalancerNames: [],
      targetGroupARNs: [arn('elasticloadbalancing', 'targetgroup/shop-web/6d0ecf831eec9f09')],
      launchTemplate: { launchTemplateId: 'lt-0abc1234def567890', launchTemplateName: 'workers', version: '$Latest' },
    },
  }),
  // Collected by Vigil (not recorded by AWS Config): log groups, as a live scan saves them.
  ...[
    ['/aws/lambda/checkout-api', 30],
    ['/aws/lambda/legacy-mailer', undefined],
    ['/aws/apigateway/shop-prod', 3],
  ].map(([name, retention]) =>
    ci({
      type: 'AWS::Logs::LogGroup',
      id: String(name),
      arn: arn('logs', `log-group:${name}`),
      configuration: {
        logGroupName: name,
        arn: arn('logs', `log-group:${name}:*`),
        creationTime: 1_700_000_000_000,
        storedBytes: 52_428_800,
        logGroupClass: 'STANDARD',
        ...(retention === undefined ? {} : { retentionInDays: retention }),
      },
    }),
  ),
];

// ---- Realistic size ------------------------------------------------------------------------
// Real configuration items carry far more than the rules read (AWS's own example CIs are 3–6 KB:
// network interfaces, block devices, placement, code hashes …). Add those inert fields, so the
// demo and the benchmark cloned from it have the size and shape Config delivers.
let serial = 0;
const uuid = () => {
  const h = (++serial).toString(16).padStart(12, '0');
  return `0c1d2e3f-4a5b-4c6d-8e7f-${h}`;
};
function enrich(item: Record<string, unknown>): void {
  const api = typeof item['configuration'] === 'string';
  const configuration = (api ? JSON.parse(item['configuration'] as string) : item['configuration']) as Record<string, unknown>;
  const type = String(item['resourceType']);
  const id = String(item['resourceId']);
  item['resourceCreationTime'] ??= '2024-06-12T09:41:27.000Z';
  if (!api) item['relatedEvents'] = [uuid()];
  const relationships = item['relationships'] as Record<string, unknown>[];
  const rel = (resourceType: string, resourceId: string, name: string) =>
    relationships.push(api ? { resourceType, resourceId, relationshipName: name } : { resourceType, resourceId, name });
  const extra: Record<string, unknown> = {};
  switch (type) {
    case 'AWS::EC2::Instance': {
      const publicIp = configuration['publicIpAddress'] as string | undefined;
      const privateIp = String(configuration['privateIpAddress']);
      const eni = `eni-0${id.slice(3, 19)}`;
      const sg = (configuration['securityGroups'] as { groupId: string; groupName: string }[]) ?? [];
      const association = publicIp ? { publicIp, publicDnsName: `ec2-${publicIp.replaceAll('.', '-')}.eu-west-1.compute.amazonaws.com`, ipOwnerId: 'amazon' } : undefined;
      Object.assign(extra, {
        amiLaunchIndex: 0,
        architecture: 'arm64',
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeId: `vol-0${id.slice(3, 19)}`, status: 'attached', attachTime: '2024-06-12T09:41:28.000Z', deleteOnTermination: true } }],
        bootMode: 'uefi',
        capacityReservationSpecification: { capacityReservationPreference: 'open' },
        clientToken: `terraform-${uuid()}`,
        cpuOptions: { coreCount: 2, threadsPerCore: 1 },
        ebsOptimized: true,
        enaSupport: true,
        enclaveOptions: { enabled: false },
        hibernationOptions: { configured: false },
        hypervisor: 'xen',
        iamInstanceProfile: { arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${id}-profile`, id: 'AIPA4EXAMPLE0000000' },
        keyName: 'platform-2024',
        launchTime: '2026-10-02T07:12:44.000Z',
        maintenanceOptions: { autoRecovery: 'default' },
        monitoring: { state: 'enabled' },
        networkInterfaces: [
          {
            networkInterfaceId: eni,
            subnetId: configuration['subnetId'],
            vpcId: configuration['vpcId'],
            description: '',
            ownerId: ACCOUNT,
            status: 'in-use',
            macAddress: '0a:1b:2c:3d:4e:5f',
            privateIpAddress: privateIp,
            privateDnsName: `ip-${privateIp.replaceAll('.', '-')}.eu-west-1.compute.internal`,
            sourceDestCheck: true,
            groups: sg,
            attachment: { attachmentId: `eni-attach-0${id.slice(3, 19)}`, deviceIndex: 0, status: 'attached', attachTime: '2026-10-02T07:12:44.000Z', deleteOnTermination: true, networkCardIndex: 0 },
            ...(association ? { association } : {}),
            privateIpAddresses: [{ privateIpAddress: privateIp, privateDnsName: `ip-${privateIp.replaceAll('.', '-')}.eu-west-1.compute.internal`, primary: true, ...(association ? { association } : {}) }],
            ipv6Addresses: [],
            interfaceType: 'interface',
          },
        ],
        placement: { availabilityZone: 'eu-west-1a', groupName: '', tenancy: 'default' },
        platformDetails: 'Linux/UNIX',
        privateDnsName: `ip-${privateIp.replaceAll('.', '-')}.eu-west-1.compute.internal`,
        privateDnsNameOptions: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
        productCodes: [],
        publicDnsName: association?.publicDnsName ?? '',
        rootDeviceName: '/dev/xvda',
        rootDeviceType: 'ebs',
        sourceDestCheck: true,
        stateTransitionReason: '',
        usageOperation: 'RunInstances',
        virtualizationType: 'hvm',
        tags: Object.entries(item['tags'] as Record<string, string>).map(([key, value]) => ({ key, value })),
      });
      rel('AWS::EC2::NetworkInterface', eni, 'Contains NetworkInterface');
      for (const g of sg) rel('AWS::EC2::SecurityGroup', g.groupId, 'Is associated with SecurityGroup');
      rel('AWS::EC2::Subnet', String(configuration['subnetId']), 'Is contained in Subnet');
      rel('AWS::EC2::VPC', String(configuration['vpcId']), 'Is contained in Vpc');
      break;
    }
    case 'AWS::Lambda::Function':
      Object.assign(extra, {
        codeSha256: 'Jq4m2Yx1H0fQhX5yq8n9c1Qz3Vt7Lw2Ra6Ks0Pd4Ue8=',
        description: `${id} (deployed by CI)`,
        lastModified: '2026-11-12T14:03:11.412+0000',
        lastUpdateStatus: 'Successful',
        revisionId: uuid(),
        ephemeralStorage: { size: 512 },
        snapStart: { applyOn: 'None', optimizationStatus: 'Off' },
        runtimeVersionConfig: { runtimeVersionArn: `arn:aws:lambda:eu-west-1::runtime:${uuid().replaceAll('-', '')}` },
        layers: [{ arn: 'arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:24', codeSize: 1_843_211 }],
        vpcConfig: { subnetIds: [], securityGroupIds: [], ipv6AllowedForDualStack: false },
        fileSystemConfigs: [],
      });
      break;
    case 'AWS::EC2::Volume':
      Object.assign(extra, { availabilityZone: 'eu-west-1a', createTime: '2024-06-12T09:41:27.000Z', iops: 3000, throughput: 125, multiAttachEnabled: false, snapshotId: 'snap-0a1b2c3d4e5f60718', fastRestored: false });
      break;
    case 'AWS::CloudWatch::Alarm':
      Object.assign(extra, { alarmDescription: 'Managed by the platform team; runbook: https://runbooks.acme.example/alarms', alarmConfigurationUpdatedTimestamp: '2026-09-30T10:02:11.000Z', unit: null, extendedStatistic: null, evaluateLowSampleCountPercentile: null, thresholdMetricId: null, metrics: [] });
      break;
    case 'AWS::DynamoDB::Table':
      Object.assign(extra, {
        creationDateTime: 1_718_185_287_000,
        tableId: uuid(),
        tableClassSummary: { tableClass: 'STANDARD' },
        streamSpecification: { streamEnabled: true, streamViewType: 'NEW_AND_OLD_IMAGES' },
        latestStreamArn: `${arn('dynamodb', `table/${id}`)}/stream/2024-06-12T09:41:27.000`,
        latestStreamLabel: '2024-06-12T09:41:27.000',
        globalSecondaryIndexes: [
          { indexName: 'byCustomer', keySchema: [{ attributeName: 'customerId', keyType: 'HASH' }, { attributeName: 'createdAt', keyType: 'RANGE' }], projection: { projectionType: 'ALL' }, indexStatus: 'ACTIVE', provisionedThroughput: { numberOfDecreasesToday: 0, readCapacityUnits: 0, writeCapacityUnits: 0 }, indexSizeBytes: 21_003_112, itemCount: 120_431, indexArn: `${arn('dynamodb', `table/${id}`)}/index/byCustomer` },
        ],
      });
      break;
    case 'AWS::IAM::Policy':
      Object.assign(extra, { path: '/', description: '', createDate: '2025-01-01T10:00:00.000Z', updateDate: '2025-06-01T10:00:00.000Z', permissionsBoundaryUsageCount: 0 });
      break;
    case 'AWS::SQS::Queue':
      Object.assign(extra, { CreatedTimestamp: '1718185287', LastModifiedTimestamp: '1727690531', DelaySeconds: '0', MaximumMessageSize: '262144', ReceiveMessageWaitTimeSeconds: '20', ApproximateNumberOfMessages: '0' });
      break;
    case 'AWS::RDS::DBInstance':
      Object.assign(extra, {
        preferredBackupWindow: '02:10-02:40',
        preferredMaintenanceWindow: 'sun:03:00-sun:03:30',
        dBParameterGroups: [{ dBParameterGroupName: 'default.postgres16', parameterApplyStatus: 'in-sync' }],
        dBSubnetGroup: { dBSubnetGroupName: 'data', dBSubnetGroupDescription: 'data subnets', vpcId: 'vpc-0a1b2c3d4e5f60718', subnetGroupStatus: 'Complete', subnets: ['a', 'b', 'c'].map((az) => ({ subnetIdentifier: `subnet-0d${az}00000000000d1`, subnetAvailabilityZone: { name: `eu-west-1${az}` }, subnetStatus: 'Active' })) },
        optionGroupMemberships: [{ optionGroupName: 'default:postgres-16', status: 'in-sync' }],
        caCertificateIdentifier: 'rds-ca-rsa2048-g1',
        licenseModel: 'postgresql-license',
        copyTagsToSnapshot: true,
        dbInstancePort: 0,
        iops: 3000,
        storageThroughput: 125,
        instanceCreateTime: '2024-06-12T09:41:27.000Z',
        latestRestorableTime: '2026-11-20T07:55:00.000Z',
        associatedRoles: [],
        certificateDetails: { cAIdentifier: 'rds-ca-rsa2048-g1', validTill: '2027-06-12T09:41:27.000Z' },
      });
      break;
    case 'AWS::S3::Bucket': {
      const supplementary = item['supplementaryConfiguration'] as Record<string, unknown>;
      const tagging = { tagSets: [{ tags: item['tags'] }] };
      supplementary['BucketTaggingConfiguration'] = api ? JSON.stringify(tagging) : tagging;
      supplementary['BucketNotificationConfiguration'] = api ? JSON.stringify({ configurations: {} }) : { configurations: {} };
      supplementary['BucketWebsiteConfiguration'] ??= api ? 'null' : null;
      break;
    }
    default:
      break;
  }
  const merged = { ...extra, ...configuration };
  item['configuration'] = api ? JSON.stringify(merged) : merged;
}
for (const item of items) enrich(item);

const snapshot = { fileVersion: '1.0', requestId: 'vigil-demo-0001', configurationItems: items };
const target = join(import.meta.dirname, '..', 'examples', 'demo-account.json');
writeFileSync(target, `${JSON.stringify(snapshot, null, 2)}\n`);
process.stdout.write(`wrote ${items.length} configuration items to ${target}\n`);
