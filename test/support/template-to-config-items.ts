/**
 * What AWS Config (and Vigil's log-group collector) would record once a packaged CloudFormation
 * template is deployed: one configuration item per resource of a type some rule reads, in the
 * notification form, so normalizeConfigurationItem and the engine read them exactly as they read
 * a real account. test/e2e/package.test.ts runs Vigil's own catalog over Vigil's own stack with it
 * (DESIGN §8).
 *
 * Intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If and conditions) resolve to the
 * deterministic physical names and ARNs CloudFormation would give, in the deployment's account and
 * region, so cross-resource rules (alarm → function, redrive → DLQ, alarm action → topic) resolve.
 * Anything the conversion does not understand throws: a silently skipped setting would pass rules
 * it should fail.
 *
 * Items carry what Vigil's models read. Settings the template leaves to AWS defaults are recorded
 * as off (a queue without SqsManagedSseEnabled reads as unencrypted, although SQS now encrypts new
 * queues by default): the self-check holds the stack to what it states. Settings the stack does
 * not use (metric-math alarms, bucket replication) are not converted yet; leaving them out can
 * only add findings, never hide one.
 */
import { createHash } from 'node:crypto';
import { defined, rawCollectedItem } from '../../shared/adapters/collectors/_collected-item.ts';
import { CollectedType } from '../../shared/domain/collected-types.ts';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CloudFormationTemplate {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Json; readonly Condition?: string }>;
  readonly Conditions?: Record<string, Json>;
}

/** Where and how the stack is deployed: CloudFormation propagates stack tags to every resource it tags. */
export interface Deployment {
  readonly accountId: string;
  readonly region: string;
  readonly stackName: string;
  readonly stackTags: Readonly<Record<string, string>>;
}

export interface ConvertedResource {
  readonly logicalId: string;
  readonly item: Record<string, unknown>;
}

export const SELF_CHECK_SCOPE = { accountId: '111122223333', region: 'eu-west-1' } as const;
const CAPTURE_TIME = '2026-01-01T00:00:00.000Z';

/** The physical identity CloudFormation gives a resource: what Ref and Fn::GetAtt return. */
interface Identity {
  readonly name: string;
  readonly arn: string;
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

interface Context {
  /** Properties with every intrinsic function resolved. */
  readonly p: Json;
  readonly self: Identity;
  readonly stack: Stack;
}

type Converter = (c: Context) => { resourceId: string; resourceName?: string; configuration: Json; supplementaryConfiguration?: Json };

/**
 * The resource types converted, in AWS Config's shapes (../shared/reference/config-resource-schema/,
 * and shared/domain/collected-types.ts for log groups). Related resources Config records inside
 * another item (subscriptions, bucket and function policies) are folded into it.
 */
const converters: Readonly<Record<string, Converter>> = {
  'AWS::DynamoDB::Table': ({ p, self, stack }) => ({
    resourceId: self.name,
    resourceName: self.name,
    configuration: {
      tableName: self.name,
      tableArn: self.arn,
      tableStatus: 'ACTIVE',
      // DescribeTable omits billingModeSummary for provisioned tables created so.
      ...(p.BillingMode === 'PAY_PER_REQUEST' ? { billingModeSummary: { billingMode: 'PAY_PER_REQUEST' } } : {}),
      provisionedThroughput: {
        readCapacityUnits: p.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
        writeCapacityUnits: p.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
      },
      // Config's bean-style spelling. No description = the AWS owned key; KMS without a key id = aws/dynamodb.
      ...(p.SSESpecification?.SSEEnabled
        ? { ssedescription: { status: 'ENABLED', ssetype: 'KMS', kmsmasterKeyArn: p.SSESpecification.KMSMasterKeyId ?? stack.awsManagedKeyArn('dynamodb') } }
        : {}),
      deletionProtectionEnabled: p.DeletionProtectionEnabled === true,
      ...(p.StreamSpecification
        ? { streamSpecification: { streamEnabled: true, streamViewType: p.StreamSpecification.StreamViewType }, latestStreamArn: self.attributes['StreamArn'] }
        : {}),
      replicas: [],
    },
    supplementaryConfiguration: {
      ContinuousBackupsDescription: {
        continuousBackupsStatus: 'ENABLED',
        pointInTimeRecoveryDescription: {
          pointInTimeRecoveryStatus: p.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true ? 'ENABLED' : 'DISABLED',
        },
      },
      // DescribeTimeToLive's shape, which the TTL rule reads when an item carries it.
      TimeToLiveDescription: p.TimeToLiveSpecification?.Enabled
        ? { timeToLiveStatus: 'ENABLED', attributeName: p.TimeToLiveSpecification.AttributeName }
        : { timeToLiveStatus: 'DISABLED' },
    },
  }),

  // GetQueueAttributes' names and string values; the redrive policies are JSON documents in strings.
  'AWS::SQS::Queue': ({ p, self }) => ({
    resourceId: self.ref,
    resourceName: self.name,
    configuration: defined({
      QueueUrl: self.ref,
      QueueArn: self.arn,
      QueueName: self.name,
      MessageRetentionPeriod: String(p.MessageRetentionPeriod ?? 345600),
      VisibilityTimeout: String(p.VisibilityTimeout ?? 30),
      KmsMasterKeyId: p.KmsMasterKeyId,
      SqsManagedSseEnabled: String(p.SqsManagedSseEnabled === true),
      RedrivePolicy: p.RedrivePolicy && JSON.stringify(p.RedrivePolicy),
      RedriveAllowPolicy: p.RedriveAllowPolicy && JSON.stringify(p.RedriveAllowPolicy),
    }),
  }),

  'AWS::Lambda::Function': ({ p, self, stack }) => {
    // The function's resource-based policy, from the template's AWS::Lambda::Permission resources.
    const permissions = stack.related('AWS::Lambda::Permission', (q) => [self.name, self.arn].includes(q.FunctionName));
    const policy = permissions.map(({ logicalId, p: q }) => ({
      Sid: logicalId,
      Effect: 'Allow',
      Principal: String(q.Principal).endsWith('.amazonaws.com') ? { Service: q.Principal } : { AWS: q.Principal },
      Action: q.Action,
      Resource: self.arn,
      ...(q.SourceArn || q.SourceAccount
        ? { Condition: defined({ ArnLike: q.SourceArn && { 'AWS:SourceArn': q.SourceArn }, StringEquals: q.SourceAccount && { 'AWS:SourceAccount': q.SourceAccount } }) }
        : {}),
    }));
    return {
      resourceId: self.name,
      resourceName: self.name,
      configuration: defined({
        functionName: self.name,
        functionArn: self.arn,
        runtime: p.Runtime,
        role: p.Role,
        packageType: p.Code?.ImageUri ? 'Image' : 'Zip',
        tracingConfig: { mode: p.TracingConfig?.Mode ?? 'PassThrough' },
        loggingConfig: defined({
          logFormat: p.LoggingConfig?.LogFormat ?? 'Text',
          applicationLogLevel: p.LoggingConfig?.ApplicationLogLevel,
          systemLogLevel: p.LoggingConfig?.SystemLogLevel,
          logGroup: p.LoggingConfig?.LogGroup ?? `/aws/lambda/${self.name}`,
        }),
        environment: p.Environment?.Variables && { variables: p.Environment.Variables },
        // Config's spelling of KMSKeyArn.
        kmskeyArn: p.KmsKeyArn,
        deadLetterConfig: p.DeadLetterConfig?.TargetArn && { targetArn: p.DeadLetterConfig.TargetArn },
      }),
      supplementaryConfiguration: defined({
        Concurrency: p.ReservedConcurrentExecutions === undefined ? undefined : { reservedConcurrentExecutions: p.ReservedConcurrentExecutions },
        Policy: policy.length > 0 ? JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy }) : undefined,
      }),
    };
  },

  // GetTopicAttributes' names. Config does not record subscriptions; the CloudFormation-style
  // `Subscription` list the model reads (what a collector adds) holds the template's own, each
  // taken as confirmed, so sns-topic-has-subscription judges the topic as deployed.
  'AWS::SNS::Topic': ({ p, self, stack }) => ({
    resourceId: self.arn,
    resourceName: self.name,
    configuration: defined({
      TopicArn: self.arn,
      DisplayName: p.DisplayName ?? '',
      KmsMasterKeyId: p.KmsMasterKeyId,
      Subscription: [
        ...(p.Subscription ?? []),
        ...stack.related('AWS::SNS::Subscription', (q) => q.TopicArn === self.arn).map(({ p: q }) => ({ Endpoint: q.Endpoint, Protocol: q.Protocol })),
      ],
    }),
  }),

  'AWS::KMS::Key': ({ p, self }) => ({
    resourceId: self.ref,
    configuration: defined({
      keyId: self.ref,
      arn: self.arn,
      description: p.Description,
      keyState: p.Enabled === false ? 'Disabled' : 'Enabled',
      keyManager: 'CUSTOMER',
      keyUsage: p.KeyUsage ?? 'ENCRYPT_DECRYPT',
      keySpec: p.KeySpec ?? 'SYMMETRIC_DEFAULT',
      origin: p.Origin ?? 'AWS_KMS',
    }),
    supplementaryConfiguration: { KeyRotationStatus: p.EnableKeyRotation === true },
  }),

  // DescribeAlarms' MetricAlarm in camelCase, with Config's `okactions` (sic).
  'AWS::CloudWatch::Alarm': ({ p, self }) => ({
    resourceId: self.name,
    resourceName: self.name,
    configuration: defined({
      alarmName: self.name,
      alarmArn: self.arn,
      actionsEnabled: p.ActionsEnabled ?? true,
      alarmActions: p.AlarmActions ?? [],
      okactions: p.OKActions ?? [],
      insufficientDataActions: p.InsufficientDataActions ?? [],
      namespace: p.Namespace,
      metricName: p.MetricName,
      dimensions: (p.Dimensions ?? []).map((d: Json) => ({ name: d.Name, value: d.Value })),
    }),
  }),

  // GetApi's shape. No CorsConfiguration = API Gateway adds no CORS headers.
  'AWS::ApiGatewayV2::Api': ({ p, self }) => ({
    resourceId: self.ref,
    resourceName: self.name,
    configuration: defined({ apiId: self.ref, name: self.name, protocolType: p.ProtocolType, apiEndpoint: self.attributes['ApiEndpoint'], corsConfiguration: p.CorsConfiguration }),
  }),

  // GetStage's shape, camelCase.
  'AWS::ApiGatewayV2::Stage': ({ p, self }) => ({
    resourceId: `${p.ApiId}/${self.name}`,
    resourceName: self.name,
    configuration: defined({
      stageName: self.name,
      apiId: p.ApiId,
      autoDeploy: p.AutoDeploy,
      defaultRouteSettings: p.DefaultRouteSettings && {
        throttlingRateLimit: Number(p.DefaultRouteSettings.ThrottlingRateLimit),
        throttlingBurstLimit: Number(p.DefaultRouteSettings.ThrottlingBurstLimit),
        detailedMetricsEnabled: p.DefaultRouteSettings.DetailedMetricsEnabled ?? false,
      },
      accessLogSettings: p.AccessLogSettings && { destinationArn: p.AccessLogSettings.DestinationArn, format: p.AccessLogSettings.Format },
    }),
  }),

  // DescribeSecret's shape. GenerateSecretString makes a value nobody sees; rotation is off unless a RotationSchedule says otherwise.
  'AWS::SecretsManager::Secret': ({ p, self }) => ({
    resourceId: self.arn,
    resourceName: self.name,
    configuration: defined({ Name: self.name, ARN: self.arn, KMSKeyId: p.KmsKeyId, RotationEnabled: false, CreatedDate: CAPTURE_TIME }),
  }),

  // Only the tagging rules read roles; IAM is global, so is its items' region.
  'AWS::IAM::Role': ({ p, self }) => ({
    resourceId: self.attributes['RoleId'] ?? self.name,
    resourceName: self.name,
    configuration: { roleName: self.name, roleId: self.attributes['RoleId'], arn: self.arn, path: p.Path ?? '/', description: p.Description },
  }),

  // S3 keeps almost everything in supplementaryConfiguration, with the v1 SDK's bean names.
  'AWS::S3::Bucket': ({ p, self, stack }) => {
    const policy = stack.related('AWS::S3::BucketPolicy', (q) => q.Bucket === self.name)[0];
    return {
      resourceId: self.name,
      resourceName: self.name,
      configuration: { name: self.name, creationDate: CAPTURE_TIME },
      supplementaryConfiguration: defined({
        BucketVersioningConfiguration: { status: p.VersioningConfiguration?.Status ?? 'Off', isMfaDeleteEnabled: null },
        BucketLoggingConfiguration: {
          destinationBucketName: p.LoggingConfiguration?.DestinationBucketName ?? null,
          logFilePrefix: p.LoggingConfiguration?.LogFilePrefix ?? null,
        },
        ServerSideEncryptionConfiguration: p.BucketEncryption && {
          rules: p.BucketEncryption.ServerSideEncryptionConfiguration.map((r: Json) => ({
            applyServerSideEncryptionByDefault: defined({
              sseAlgorithm: r.ServerSideEncryptionByDefault?.SSEAlgorithm,
              kmsMasterKeyID: r.ServerSideEncryptionByDefault?.KMSMasterKeyID,
            }),
            bucketKeyEnabled: r.BucketKeyEnabled ?? false,
          })),
        },
        PublicAccessBlockConfiguration: p.PublicAccessBlockConfiguration && {
          blockPublicAcls: p.PublicAccessBlockConfiguration.BlockPublicAcls ?? false,
          ignorePublicAcls: p.PublicAccessBlockConfiguration.IgnorePublicAcls ?? false,
          blockPublicPolicy: p.PublicAccessBlockConfiguration.BlockPublicPolicy ?? false,
          restrictPublicBuckets: p.PublicAccessBlockConfiguration.RestrictPublicBuckets ?? false,
        },
        BucketPolicy: { policyText: policy ? JSON.stringify(policy.p.PolicyDocument) : null },
        BucketLifecycleConfiguration: p.LifecycleConfiguration && {
          rules: p.LifecycleConfiguration.Rules.map((r: Json) => ({ id: r.Id, status: r.Status })),
        },
        // A bucket's default ACL: its owner has full control, nobody else anything.
        AccessControlList: { grantList: [{ grantee: { id: 'owner-canonical-id', displayName: null }, permission: 'FullControl' }] },
      }),
    };
  },
};

/** The resource types whose resources become configuration items. */
export const CONVERTED_TYPES: readonly string[] = [...Object.keys(converters), CollectedType.logGroup];

/**
 * Converts the template's resources of the CONVERTED_TYPES into configuration items, in template
 * order. Resources whose Condition is false are not deployed, so not converted.
 *
 * @throws Error naming the resource when an intrinsic function or a reference cannot be resolved.
 * @example
 * const items = templateToConfigItems(template, { ...SELF_CHECK_SCOPE, stackName: 'vigil-dev', stackTags: { Owner: 'platform' } });
 * const resources = items.map(({ item }) => normalizeConfigurationItem(item));
 */
export function templateToConfigItems(template: CloudFormationTemplate, deployment: Deployment): ConvertedResource[] {
  const stack = new Stack(template, deployment);
  return stack.deployed().flatMap(([logicalId, resource]): ConvertedResource[] => {
    const convert = converters[resource.Type];
    if (!convert && resource.Type !== CollectedType.logGroup) return [];
    const p = stack.resolve(resource.Properties ?? {}, logicalId);
    const self = stack.identity(logicalId);
    if (!convert) return [{ logicalId, item: logGroupItem(p, self, deployment) }];
    const { resourceId, resourceName, configuration, supplementaryConfiguration = {} } = convert({ p, self, stack });
    const tags = { ...deployment.stackTags, ...tagMap(p.Tags) };
    const item = {
      configurationItemVersion: '1.3',
      configurationItemCaptureTime: CAPTURE_TIME,
      configurationItemStatus: 'ResourceDiscovered',
      configurationStateId: 1,
      awsAccountId: deployment.accountId,
      awsRegion: resource.Type.startsWith('AWS::IAM::') ? 'global' : deployment.region,
      resourceType: resource.Type,
      resourceId,
      resourceName: resourceName ?? null,
      ARN: self.arn,
      availabilityZone: 'Not Applicable',
      tags,
      relationships: [],
      configuration,
      supplementaryConfiguration,
    };
    return [{ logicalId, item }];
  });
}

/** A log group as the collector records it: DescribeLogGroups' object, no tags (the API returns none). */
function logGroupItem(p: Json, self: Identity, deployment: Deployment): Record<string, unknown> {
  return rawCollectedItem({
    resourceType: CollectedType.logGroup,
    resourceId: self.name,
    resourceName: self.name,
    arn: self.arn.replace(/:\*$/, ''),
    accountId: deployment.accountId,
    region: deployment.region,
    capturedAt: new Date(CAPTURE_TIME),
    configuration: defined({
      logGroupName: self.name,
      arn: self.arn,
      creationTime: Date.parse(CAPTURE_TIME),
      retentionInDays: p.RetentionInDays,
      kmsKeyId: p.KmsKeyId,
      storedBytes: 0,
      logGroupClass: p.LogGroupClass ?? 'STANDARD',
    }),
  });
}

/** The property naming each type's physical resource; without it CloudFormation generates a name. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Events::Rule': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::KMS::Key': '', // no name: CloudFormation creates a key id
  'AWS::ApiGatewayV2::Api': 'Name',
  'AWS::ApiGatewayV2::Stage': 'StageName',
  'AWS::SecretsManager::Secret': 'Name',
};

class Stack {
  readonly template: CloudFormationTemplate;
  readonly deployment: Deployment;
  readonly #identities = new Map<string, Identity>();

  constructor(template: CloudFormationTemplate, deployment: Deployment) {
    this.template = template;
    this.deployment = deployment;
  }

  /** The resources CloudFormation creates: those without a Condition, or whose Condition holds. */
  deployed(): [string, CloudFormationTemplate['Resources'][string]][] {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Condition === undefined || this.condition(r.Condition));
  }

  /** The ARN of an AWS managed key (aws/dynamodb …), which the template can only imply. */
  awsManagedKeyArn(service: string): string {
    return `arn:aws:kms:${this.deployment.region}:${this.deployment.accountId}:key/${uuid(`aws/${service}`)}`;
  }

  /** Deployed resources of `type` whose resolved properties match, e.g. the permissions of a function. */
  related(type: string, match: (p: Json) => boolean): { logicalId: string; p: Json }[] {
    return this.deployed()
      .filter(([, r]) => r.Type === type)
      .map(([logicalId, r]) => ({ logicalId, p: this.resolve(r.Properties ?? {}, logicalId) }))
      .filter(({ p }) => match(p));
  }

  identity(logicalId: string): Identity {
    const known = this.#identities.get(logicalId);
    if (known) return known;
    const resource = this.template.Resources[logicalId];
    const nameProperty = resource && NAME_PROPERTY[resource.Type];
    if (!resource || nameProperty === undefined) {
      throw new Error(`cannot resolve a reference to ${logicalId} (${resource?.Type ?? 'not in the template'})`);
    }
    const given = nameProperty ? this.resolve(resource.Properties?.[nameProperty], logicalId) : undefined;
    const identity = physicalIdentity(resource.Type, logicalId, given, this.deployment);
    this.#identities.set(logicalId, identity);
    return identity;
  }

  condition(name: string): boolean {
    const expression = this.template.Conditions?.[name];
    if (expression === undefined) throw new Error(`the template has no condition ${name}`);
    return this.#evaluate(expression, `condition ${name}`);
  }

  #evaluate(expression: Json, where: string): boolean {
    const [fn, arg]: [string?, Json?] = Object.entries(expression)[0] ?? [];
    switch (fn) {
      case 'Fn::Equals':
        return JSON.stringify(this.resolve(arg[0], where)) === JSON.stringify(this.resolve(arg[1], where));
      case 'Fn::Not':
        return !this.#evaluate(arg[0], where);
      case 'Fn::And':
        return arg.every((e: Json) => this.#evaluate(e, where));
      case 'Fn::Or':
        return arg.some((e: Json) => this.#evaluate(e, where));
      case 'Condition':
        return this.condition(arg);
      default:
        throw new Error(`${where}: unsupported condition function ${fn}`);
    }
  }

  /** Resolves every intrinsic function in `value`; AWS::NoValue removes the property. */
  resolve(value: Json, where: string): Json {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, where)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [fn, arg] = entries[0] ?? [];
    if (entries.length === 1 && fn !== undefined && (fn === 'Ref' || fn.startsWith('Fn::'))) return this.#intrinsic(fn, arg, where);
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v, where)]).filter(([, v]) => v !== NO_VALUE));
  }

  #intrinsic(fn: string, arg: Json, where: string): Json {
    switch (fn) {
      case 'Ref':
        return this.#ref(arg, where);
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        return this.#getAtt(id, attribute, where);
      }
      case 'Fn::Join': {
        const [separator, list] = arg;
        return this.resolve(list, where).join(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
        const vars = this.resolve(variables, where);
        return String(text).replace(/\$\{(!?)([^}]+)\}/g, (_, literal: string, name: string) => {
          if (literal) return `\${${name}}`;
          if (name in vars) return vars[name];
          const [id = name, attribute] = name.split(/\.(.*)/s);
          return attribute ? this.#getAtt(id, attribute, where) : this.#ref(name, where);
        });
      }
      case 'Fn::If': {
        const [condition, ifTrue, ifFalse] = arg;
        return this.resolve(this.condition(condition) ? ifTrue : ifFalse, where);
      }
      default:
        throw new Error(`${where}: unsupported intrinsic function ${fn}`);
    }
  }

  #ref(name: string, where: string): Json {
    const { accountId, region, stackName } = this.deployment;
    const pseudo: Record<string, Json> = {
      'AWS::AccountId': accountId,
      'AWS::Region': region,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stackName,
      'AWS::StackId': `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-4000-8000-000000000000`,
      'AWS::NoValue': NO_VALUE,
    };
    if (name in pseudo) return pseudo[name];
    if (!this.template.Resources[name]) throw new Error(`${where}: Ref to ${name}, which is neither a resource nor a pseudo parameter`);
    return this.identity(name).ref;
  }

  #getAtt(id: string, attribute: string, where: string): string {
    const identity = this.identity(id);
    const value = attribute === 'Arn' ? identity.arn : identity.attributes[attribute];
    if (value === undefined) throw new Error(`${where}: Fn::GetAtt ${id}.${attribute} is not supported`);
    return value;
  }
}

const NO_VALUE = Symbol('AWS::NoValue');

/** Names, ARNs and the Ref value of each type, as CloudFormation and the service report them. */
function physicalIdentity(type: string, logicalId: string, given: string | undefined, d: Deployment): Identity {
  const { accountId: account, region } = d;
  // CloudFormation's generated names: <stack>-<logical id>-<random suffix>.
  const name = given ?? `${d.stackName}-${logicalId}-${hash(logicalId, 12).toUpperCase()}`;
  const arn = (service: string, resource: string, r = region) => `arn:aws:${service}:${r}:${account}:${resource}`;
  switch (type) {
    case 'AWS::SQS::Queue': {
      const url = `https://sqs.${region}.amazonaws.com/${account}/${name}`;
      return { name, arn: arn('sqs', name), ref: url, attributes: { QueueName: name, QueueUrl: url } };
    }
    case 'AWS::SNS::Topic':
      return { name, arn: arn('sns', name), ref: arn('sns', name), attributes: { TopicName: name, TopicArn: arn('sns', name) } };
    case 'AWS::Lambda::Function':
      return { name, arn: arn('lambda', `function:${name}`), ref: name, attributes: {} };
    case 'AWS::DynamoDB::Table':
      return {
        name,
        arn: arn('dynamodb', `table/${name}`),
        ref: name,
        attributes: { StreamArn: arn('dynamodb', `table/${name}/stream/${CAPTURE_TIME.replace('Z', '')}`) },
      };
    case 'AWS::KMS::Key': {
      const keyId = uuid(logicalId);
      return { name: keyId, arn: arn('kms', `key/${keyId}`), ref: keyId, attributes: { KeyId: keyId } };
    }
    case 'AWS::Logs::LogGroup':
      // Fn::GetAtt Arn of a log group ends in ":*", as DescribeLogGroups' `arn` does.
      return { name, arn: arn('logs', `log-group:${name}:*`), ref: name, attributes: {} };
    case 'AWS::CloudWatch::Alarm':
      return { name, arn: arn('cloudwatch', `alarm:${name}`), ref: name, attributes: {} };
    case 'AWS::IAM::Role':
      return { name, arn: arn('iam', `role/${name}`, ''), ref: name, attributes: { RoleId: `AROA${hash(logicalId, 17).toUpperCase()}` } };
    case 'AWS::S3::Bucket': {
      const bucket = name.toLowerCase();
      return { name: bucket, arn: `arn:aws:s3:::${bucket}`, ref: bucket, attributes: {} };
    }
    case 'AWS::Events::Rule':
      return { name, arn: arn('events', `rule/${name}`), ref: name, attributes: {} };
    case 'AWS::Scheduler::Schedule':
      return { name, arn: arn('scheduler', `schedule/default/${name}`), ref: name, attributes: {} };
    case 'AWS::ApiGatewayV2::Api': {
      const apiId = hash(logicalId, 10);
      return { name, arn: `arn:aws:apigateway:${region}::/apis/${apiId}`, ref: apiId, attributes: { ApiEndpoint: `https://${apiId}.execute-api.${region}.amazonaws.com` } };
    }
    case 'AWS::ApiGatewayV2::Stage':
      return { name, arn: `arn:aws:apigateway:${region}::/stages/${name}`, ref: name, attributes: {} };
    case 'AWS::ApiGatewayV2::Integration':
    case 'AWS::ApiGatewayV2::Authorizer':
      return { name, arn: '', ref: hash(logicalId, 7), attributes: {} };
    case 'AWS::SecretsManager::Secret': {
      const secretArn = arn('secretsmanager', `secret:${name}-${hash(logicalId, 6)}`);
      return { name, arn: secretArn, ref: secretArn, attributes: {} };
    }
    case 'AWS::IAM::ManagedPolicy':
      return { name, arn: arn('iam', `policy/${name}`, ''), ref: arn('iam', `policy/${name}`, ''), attributes: {} };
    default:
      throw new Error(`no physical identity for ${type} ${logicalId}`);
  }
}

function hash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function uuid(seed: string): string {
  const h = hash(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function tagMap(list: Json): Record<string, string> {
  return Object.fromEntries((list ?? []).map((t: Json) => [t.Key, String(t.Value)]));
}
