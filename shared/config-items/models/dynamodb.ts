import { bool, num, obj, objs, path, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface DynamoDbTable {
  readonly tableName: string;
  readonly tableArn: string | undefined;
  readonly tableStatus: string | undefined;
  /** PAY_PER_REQUEST or PROVISIONED (absent billingModeSummary means PROVISIONED). */
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly pointInTimeRecovery: 'ENABLED' | 'DISABLED' | undefined;
  /** SSE: AES256 owned key when undefined; KMS with an AWS managed or customer key otherwise. */
  readonly sse: { readonly status: string | undefined; readonly type: string | undefined; readonly kmsKeyArn: string | undefined };
  readonly deletionProtection: boolean;
  readonly ttl: { readonly status: string | undefined; readonly attributeName: string | undefined };
  /** Regions of global-table replicas (other than the table's own). */
  readonly replicaRegions: readonly string[];
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
 */
export function normalizeDynamoDbTable(input: ModelInput): DynamoDbTable {
  const c = input.configuration;
  const s = input.supplementary;
  const sse = obj(pick(c, 'sseDescription', 'SSEDescription'));
  const ttl = obj(pick(s, 'TimeToLiveDescription', 'timeToLiveDescription'));
  const pitr = str(path(s, 'ContinuousBackupsDescription.pointInTimeRecoveryDescription.pointInTimeRecoveryStatus'));
  return {
    tableName: str(c['tableName']) ?? input.resourceName ?? input.resourceId,
    tableArn: str(c['tableArn']) ?? input.arn,
    tableStatus: str(c['tableStatus']),
    billingMode: str(path(c, 'billingModeSummary.billingMode')) === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    pointInTimeRecovery: pitr === 'ENABLED' ? 'ENABLED' : pitr === undefined ? undefined : 'DISABLED',
    sse: { status: str(sse?.['status']), type: str(sse?.['sseType']), kmsKeyArn: str(sse?.['kmsMasterKeyArn']) },
    deletionProtection: bool(c['deletionProtectionEnabled']) ?? false,
    ttl: { status: str(ttl?.['timeToLiveStatus']), attributeName: str(ttl?.['attributeName']) },
    replicaRegions: objs(c['replicas'])
      .map((r) => str(r['regionName']))
      .filter((r): r is string => r !== undefined),
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
