import { bool, num, obj, objs, path, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface DynamoDbReplica {
  readonly regionName: string;
  /** CREATING, UPDATING, DELETING, ACTIVE, REGION_DISABLED, INACCESSIBLE_ENCRYPTION_CREDENTIALS … */
  readonly status: string | undefined;
}

export interface DynamoDbTable {
  readonly tableName: string;
  readonly tableArn: string | undefined;
  readonly tableStatus: string | undefined;
  /** PAY_PER_REQUEST or PROVISIONED (absent billingModeSummary means PROVISIONED). */
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly pointInTimeRecovery: 'ENABLED' | 'DISABLED' | undefined;
  /**
   * Server-side encryption. No description (or status DISABLED) means the AWS owned key; status
   * ENABLED with type KMS means an AWS managed (`aws/dynamodb`) or customer managed KMS key.
   */
  readonly sse: { readonly status: string | undefined; readonly type: string | undefined; readonly kmsKeyArn: string | undefined };
  /** undefined when the item does not record `deletionProtectionEnabled` (items before 2023 lack it). */
  readonly deletionProtection: boolean | undefined;
  /** From `TimeToLiveDescription` when the CI carries it; both fields undefined when it does not. */
  readonly ttl: { readonly status: string | undefined; readonly attributeName: string | undefined };
  /** Global-table replicas as DescribeTable lists them (may include the table's own region). */
  readonly replicas: readonly DynamoDbReplica[];
  readonly globalSecondaryIndexNames: readonly string[];
  readonly provisionedThroughput: { readonly read: number | undefined; readonly write: number | undefined };
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::DynamoDB::Table': DynamoDbTable;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__DynamoDB__Table.properties.json
 * PITR and TTL live in supplementaryConfiguration (`ContinuousBackupsDescription`, `TimeToLiveDescription`).
 * Config serializes the SSE description with Java-bean names (`ssedescription.ssetype`,
 * `kmsmasterKeyArn`, as the resource schema lists them); the DescribeTable spellings
 * (`sseDescription`, `SSEDescription`, `kmsMasterKeyArn`) are accepted too.
 */
export function normalizeDynamoDbTable(input: ModelInput): DynamoDbTable {
  const c = input.configuration;
  const s = input.supplementary;
  const sse = obj(pick(c, 'ssedescription', 'sseDescription', 'SSEDescription'));
  const ttl = obj(pick(s, 'TimeToLiveDescription', 'timeToLiveDescription'));
  const pitr = str(path(s, 'ContinuousBackupsDescription.pointInTimeRecoveryDescription.pointInTimeRecoveryStatus'));
  return {
    tableName: str(c['tableName']) ?? input.resourceName ?? input.resourceId,
    tableArn: str(c['tableArn']) ?? input.arn,
    tableStatus: str(c['tableStatus']),
    billingMode: str(path(c, 'billingModeSummary.billingMode')) === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    pointInTimeRecovery: pitr === 'ENABLED' ? 'ENABLED' : pitr === undefined ? undefined : 'DISABLED',
    sse: {
      status: str(pick(sse, 'status', 'Status')),
      type: str(pick(sse, 'ssetype', 'sseType', 'SSEType')),
      kmsKeyArn: str(pick(sse, 'kmsmasterKeyArn', 'kmsMasterKeyArn', 'KMSMasterKeyArn')),
    },
    deletionProtection: bool(c['deletionProtectionEnabled']),
    ttl: {
      status: str(pick(ttl, 'timeToLiveStatus', 'TimeToLiveStatus')),
      attributeName: str(pick(ttl, 'attributeName', 'AttributeName')),
    },
    replicas: objs(c['replicas']).flatMap((r) => {
      const regionName = str(r['regionName']);
      return regionName ? [{ regionName, status: str(r['replicaStatus']) }] : [];
    }),
    globalSecondaryIndexNames: objs(c['globalSecondaryIndexes'])
      .map((i) => str(i['indexName']))
      .filter((n): n is string => n !== undefined),
    provisionedThroughput: {
      read: num(path(c, 'provisionedThroughput.readCapacityUnits')),
      write: num(path(c, 'provisionedThroughput.writeCapacityUnits')),
    },
  };
}

export const dynamoDbModels = {
  'AWS::DynamoDB::Table': normalizeDynamoDbTable,
} satisfies ModelRegistry;
