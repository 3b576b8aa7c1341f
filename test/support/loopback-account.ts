/**
 * A whole AWS account on one loopback server, for live-scan tests: the Config inventory
 * (recorder status, ListDiscoveredResources, BatchGetResourceConfig, SelectResourceConfig) and
 * what the collectors read (CloudWatch Logs, ElastiCache, WAFv2, Lambda, IAM, Backup, GuardDuty, STS),
 * each in its service's wire protocol. Every real SDK client can point at it through `endpoint`
 * (or the AWS_ENDPOINT_URL environment variable). Handlers in `overrides` replace the defaults, to
 * inject throttling or denials.
 */
import { describeCacheClustersXml, describeReplicationGroupsXml, replicationGroup } from './elasticache-xml.ts';
import { awsError, escapeXml, startLoopbackAws, type AwsHandler, type LoopbackAws } from './loopback-aws.ts';

export const ACCOUNT_ID = '111122223333';

export interface AccountItem {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly arn?: string;
  /** `global` for IAM resources. */
  readonly region?: string;
  readonly configuration: Record<string, unknown>;
  readonly supplementaryConfiguration?: Record<string, unknown>;
  readonly tags?: Record<string, string>;
  readonly relationships?: readonly { resourceType: string; resourceId?: string; resourceName?: string; name: string }[];
  readonly captureTime?: string;
  readonly configurationStateId?: number;
}

export interface LoopbackAccountSpec {
  readonly region: string;
  readonly items: readonly AccountItem[];
  /** Default: one recorder "default", recording. */
  readonly recorders?: readonly { name: string; recording: boolean }[];
  /** DescribeLogGroups `LogGroup` objects. */
  readonly logGroups?: readonly Record<string, unknown>[];
  /** DescribeReplicationGroups `ReplicationGroup` objects (PascalCase; see elasticache-xml.ts). */
  readonly replicationGroups?: readonly Record<string, unknown>[];
  /** DescribeCacheClusters `CacheCluster` objects (PascalCase; see elasticache-xml.ts). */
  readonly cacheClusters?: readonly Record<string, unknown>[];
  /** Web ACL by protected resource ARN. */
  readonly webAcls?: Readonly<Record<string, { Name: string; Id: string; ARN: string }>>;
  /** ListFunctionEventInvokeConfigs `FunctionEventInvokeConfig` objects by function name (none: an empty list). */
  readonly eventInvokeConfigs?: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  readonly rootMfaEnabled?: boolean;
  readonly credentialReportCsv?: string;
  readonly restoreTestingPlans?: readonly string[];
  /** GuardDuty detector status by id. */
  readonly detectors?: Readonly<Record<string, 'ENABLED' | 'DISABLED'>>;
  readonly overrides?: Readonly<Record<string, AwsHandler>>;
}

const EMPTY_REPORT =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n';

/** Seconds since the epoch: how JSON 1.1 services send timestamps. */
const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;

/** The item as BatchGetResourceConfig returns it: API form, no tags, no relationships. */
export function baseConfigurationItem(item: AccountItem, defaultRegion: string): Record<string, unknown> {
  const captureTime = item.captureTime ?? '2026-11-22T08:00:00.000Z';
  return {
    version: '1.3',
    accountId: ACCOUNT_ID,
    configurationItemCaptureTime: epochSeconds(captureTime),
    configurationItemStatus: 'OK',
    configurationStateId: String(item.configurationStateId ?? Date.parse(captureTime)),
    arn: item.arn,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName,
    awsRegion: item.region ?? defaultRegion,
    availabilityZone: 'Not Applicable',
    resourceCreationTime: epochSeconds('2025-03-01T10:00:00.000Z'),
    configuration: JSON.stringify(item.configuration),
    supplementaryConfiguration: Object.fromEntries(
      Object.entries(item.supplementaryConfiguration ?? {}).map(([k, v]) => [k, JSON.stringify(v)]),
    ),
  };
}

/** The same item as a Config snapshot holds it (notification form, tags and relationships included). */
export function snapshotItem(item: AccountItem, defaultRegion: string): Record<string, unknown> {
  const captureTime = item.captureTime ?? '2026-11-22T08:00:00.000Z';
  return {
    configurationItemVersion: '1.3',
    awsAccountId: ACCOUNT_ID,
    configurationItemCaptureTime: captureTime,
    configurationItemStatus: 'OK',
    configurationStateId: item.configurationStateId ?? Date.parse(captureTime),
    ARN: item.arn,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName,
    awsRegion: item.region ?? defaultRegion,
    availabilityZone: 'Not Applicable',
    configuration: item.configuration,
    supplementaryConfiguration: item.supplementaryConfiguration ?? {},
    tags: item.tags ?? {},
    relationships: item.relationships ?? [],
  };
}

function page<T>(all: readonly T[], token: string | undefined, limit: number): { items: T[]; next: string | undefined } {
  const start = token ? Number(token) : 0;
  const end = start + limit;
  return { items: all.slice(start, end), next: end < all.length ? String(end) : undefined };
}

export async function startLoopbackAccount(spec: LoopbackAccountSpec): Promise<LoopbackAws> {
  const { region, items } = spec;
  const key = (type: string, id: string) => `${type}#${id}`;
  const byKey = new Map(items.map((i) => [key(i.resourceType, i.resourceId), i]));
  const recorders = spec.recorders ?? [{ name: 'default', recording: true }];

  const handlers: Record<string, AwsHandler> = {
    GetCallerIdentity: () =>
      `<Arn>arn:aws:iam::${ACCOUNT_ID}:user/auditor</Arn><UserId>AIDASAMPLEUSERID0001</UserId><Account>${ACCOUNT_ID}</Account>`,

    DescribeConfigurationRecorderStatus: () => ({
      ConfigurationRecordersStatus: recorders.map((r) => ({
        name: r.name,
        recording: r.recording,
        lastStatus: r.recording ? 'SUCCESS' : 'PENDING',
      })),
    }),
    ListDiscoveredResources: (input: { resourceType: string; limit?: number; nextToken?: string }) => {
      const matching = items.filter((i) => i.resourceType === input.resourceType);
      const { items: slice, next } = page(matching, input.nextToken, Math.min(input.limit || 100, 100));
      return {
        resourceIdentifiers: slice.map((i) => ({ resourceType: i.resourceType, resourceId: i.resourceId, resourceName: i.resourceName })),
        ...(next ? { nextToken: next } : {}),
      };
    },
    BatchGetResourceConfig: (input: { resourceKeys: { resourceType: string; resourceId: string }[] }) => {
      if (input.resourceKeys.length > 100) awsError('ValidationException', 'resourceKeys: Member must have length less than or equal to 100');
      return {
        baseConfigurationItems: input.resourceKeys.flatMap((k) => {
          const item = byKey.get(key(k.resourceType, k.resourceId));
          return item ? [baseConfigurationItem(item, region)] : [];
        }),
        unprocessedResourceKeys: [],
      };
    },
    SelectResourceConfig: (input: { Expression: string; Limit?: number; NextToken?: string }) => {
      const type = /resourceType = '([^']+)'/.exec(input.Expression)?.[1];
      const matching = items.filter((i) => i.resourceType === type);
      const { items: slice, next } = page(matching, input.NextToken, input.Limit || 100);
      return {
        Results: slice.map((i) =>
          JSON.stringify({
            resourceId: i.resourceId,
            resourceType: i.resourceType,
            tags: Object.entries(i.tags ?? {}).map(([k, v]) => ({ key: k, value: v, tag: `${k}=${v}` })),
            relationships: (i.relationships ?? []).map((r) => ({ resourceType: r.resourceType, resourceId: r.resourceId, resourceName: r.resourceName, name: r.name })),
          }),
        ),
        QueryInfo: { SelectFields: [{ Name: 'resourceId' }, { Name: 'resourceType' }, { Name: 'tags' }, { Name: 'relationships' }] },
        ...(next ? { NextToken: next } : {}),
      };
    },

    DescribeLogGroups: (input: { limit?: number; nextToken?: string; logGroupNamePrefix?: string }) => {
      const matching = (spec.logGroups ?? []).filter((g) => String(g['logGroupName']).startsWith(input.logGroupNamePrefix ?? ''));
      const { items: slice, next } = page(matching, input.nextToken, input.limit || 50);
      return { logGroups: slice, ...(next ? { nextToken: next } : {}) };
    },
    // Query protocol: form fields arrive as strings; the next page is asked for with Marker.
    DescribeReplicationGroups: (input: { MaxRecords?: string; Marker?: string }) => {
      const { items: slice, next } = page(spec.replicationGroups ?? [], input.Marker, Number(input.MaxRecords) || 100);
      return describeReplicationGroupsXml(slice, next);
    },
    DescribeCacheClusters: (input: { MaxRecords?: string; Marker?: string }) => {
      const { items: slice, next } = page(spec.cacheClusters ?? [], input.Marker, Number(input.MaxRecords) || 100);
      return describeCacheClustersXml(slice, next);
    },
    GetWebACLForResource: (input: { ResourceArn: string }) => {
      const acl = spec.webAcls?.[input.ResourceArn];
      return acl ? { WebACL: acl } : {};
    },
    // REST-JSON: the function name is a path label, Marker and MaxItems query parameters (strings).
    ListFunctionEventInvokeConfigs: (input: { FunctionName: string; Marker?: string; MaxItems?: string }) => {
      const known = items.some((i) => i.resourceType === 'AWS::Lambda::Function' && (i.resourceId === input.FunctionName || i.resourceName === input.FunctionName));
      if (!known) awsError('ResourceNotFoundException', `Function not found: arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${input.FunctionName}`, 404);
      const { items: slice, next } = page(spec.eventInvokeConfigs?.[input.FunctionName] ?? [], input.Marker, Number(input.MaxItems) || 50);
      return { FunctionEventInvokeConfigs: slice, ...(next ? { NextMarker: next } : {}) };
    },

    GetAccountSummary: () =>
      `<SummaryMap><entry><key>AccountMFAEnabled</key><value>${spec.rootMfaEnabled ? 1 : 0}</value></entry></SummaryMap>`,
    GenerateCredentialReport: () => '<State>COMPLETE</State>',
    GetCredentialReport: () =>
      `<Content>${Buffer.from(spec.credentialReportCsv ?? EMPTY_REPORT).toString('base64')}</Content>` +
      `<ReportFormat>${escapeXml('text/csv')}</ReportFormat><GeneratedTime>2026-11-22T07:55:00Z</GeneratedTime>`,
    ListRestoreTestingPlans: () => ({
      RestoreTestingPlans: (spec.restoreTestingPlans ?? []).map((name) => ({
        RestoreTestingPlanName: name,
        RestoreTestingPlanArn: `arn:aws:backup:${region}:${ACCOUNT_ID}:restore-testing-plan:${name}-8f2b1c`,
        CreationTime: epochSeconds('2026-02-01T00:00:00Z'),
        ScheduleExpression: 'cron(0 5 ? * MON *)',
      })),
    }),
    ListDetectors: () => ({ detectorIds: Object.keys(spec.detectors ?? {}) }),
    GetDetector: (input: { DetectorId: string }) => {
      const status = spec.detectors?.[input.DetectorId];
      if (!status) awsError('BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.', 400);
      return { status, serviceRole: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty` };
    },
    ...spec.overrides,
  };
  return startLoopbackAws(handlers);
}

export const REGION = 'eu-west-1';
export const ALB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/checkout-public/50dc6c495c0c9188`;
export const WEB_ACL_ARN = `arn:aws:wafv2:${REGION}:${ACCOUNT_ID}:regional/webacl/edge-protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

/** A DynamoDB table item, PITR on or off. */
export function dynamoDbTable(name: string, pitr: boolean, tags: Record<string, string> = {}): AccountItem {
  const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${name}`;
  return {
    resourceType: 'AWS::DynamoDB::Table',
    resourceId: name,
    resourceName: name,
    arn,
    configuration: {
      tableName: name,
      tableArn: arn,
      tableStatus: 'ACTIVE',
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      billingModeSummary: { billingMode: 'PAY_PER_REQUEST' },
      sseDescription: { status: 'ENABLED', sseType: 'KMS' },
      deletionProtectionEnabled: true,
    },
    supplementaryConfiguration: {
      ContinuousBackupsDescription: {
        continuousBackupsStatus: 'ENABLED',
        pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: pitr ? 'ENABLED' : 'DISABLED' },
      },
    },
    tags,
  };
}

const alb: AccountItem = {
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  resourceId: ALB_ARN,
  resourceName: 'checkout-public',
  arn: ALB_ARN,
  configuration: {
    loadBalancerArn: ALB_ARN,
    loadBalancerName: 'checkout-public',
    dnsname: 'checkout-public-1234567890.eu-west-1.elb.amazonaws.com',
    scheme: 'internet-facing',
    type: 'application',
    state: { code: 'active' },
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    availabilityZones: [
      { zoneName: 'eu-west-1a', subnetId: 'subnet-0aa11bb22cc33dd44' },
      { zoneName: 'eu-west-1b', subnetId: 'subnet-0ee55ff66aa77bb88' },
    ],
  },
  tags: { Environment: 'production', Owner: 'checkout', CostCenter: 'cc-210' },
};

/** A Lambda function item as Config records it: no dead-letter queue, and never its event-invoke configuration. */
export function lambdaFunction(name: string, tags: Record<string, string> = {}): AccountItem {
  const arn = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
  return {
    resourceType: 'AWS::Lambda::Function',
    resourceId: name,
    resourceName: name,
    arn,
    configuration: {
      functionName: name,
      functionArn: arn,
      runtime: 'nodejs22.x',
      role: `arn:aws:iam::${ACCOUNT_ID}:role/${name}-execution`,
      handler: 'index.handler',
      codeSize: 48213,
      timeout: 30,
      memorySize: 512,
      lastModified: '2026-11-18T14:02:11.402+0000',
      version: '$LATEST',
      packageType: 'Zip',
      tracingConfig: { mode: 'Active' },
      architectures: ['arm64'],
    },
    supplementaryConfiguration: { Tags: tags },
    tags,
  };
}

/** A `FunctionEventInvokeConfig` of the function's $LATEST as ListFunctionEventInvokeConfigs returns it. */
export function eventInvokeConfig(name: string, destinations: { onSuccess?: string; onFailure?: string }, qualifier = '$LATEST'): Record<string, unknown> {
  return {
    LastModified: 1795165964.512,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}:${qualifier}`,
    MaximumRetryAttempts: 2,
    MaximumEventAgeInSeconds: 3600,
    DestinationConfig: {
      OnSuccess: destinations.onSuccess ? { Destination: destinations.onSuccess } : {},
      OnFailure: destinations.onFailure ? { Destination: destinations.onFailure } : {},
    },
  };
}

export const ORDERS_FAILURES_QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:orders-api-failures`;

/**
 * A small production account: a tagged table with PITR and an untagged one without, an
 * internet-facing ALB behind a web ACL, a Lambda function whose failed asynchronous events go to
 * an on-failure destination and one whose events go nowhere, a log group with retention and one
 * that never expires,
 * an encrypted Valkey replication group and a Redis one without in-transit encryption, root MFA
 * on, GuardDuty on, no restore testing plan.
 */
export function demoAccount(overrides: Partial<LoopbackAccountSpec> = {}): LoopbackAccountSpec {
  return {
    region: REGION,
    items: [
      dynamoDbTable('orders', true, { Environment: 'production', Owner: 'payments', CostCenter: 'cc-104' }),
      dynamoDbTable('sessions', false),
      alb,
      lambdaFunction('orders-api', { Environment: 'production', Owner: 'payments', CostCenter: 'cc-104' }),
      lambdaFunction('legacy-report'),
    ],
    eventInvokeConfigs: { 'orders-api': [eventInvokeConfig('orders-api', { onFailure: ORDERS_FAILURES_QUEUE_ARN })] },
    logGroups: [
      {
        logGroupName: '/aws/lambda/orders-api',
        creationTime: 1767225600000,
        retentionInDays: 14,
        arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/lambda/orders-api:*`,
        logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/lambda/orders-api`,
        storedBytes: 1_048_576,
      },
      {
        logGroupName: '/aws/lambda/legacy-report',
        creationTime: 1704067200000,
        arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/lambda/legacy-report:*`,
        storedBytes: 734_003_200,
      },
    ],
    replicationGroups: [
      replicationGroup('checkout-sessions'),
      replicationGroup('leaderboard', { Engine: 'redis', TransitEncryptionEnabled: false, TransitEncryptionMode: undefined, UserGroupIds: [] }),
    ],
    webAcls: { [ALB_ARN]: { Name: 'edge-protection', Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', ARN: WEB_ACL_ARN } },
    rootMfaEnabled: true,
    restoreTestingPlans: [],
    detectors: { '12abc34d567e8fa901bc2d34e56789f0': 'ENABLED' },
    ...overrides,
  };
}

