import { describe, expect, it } from 'vitest';
import type { DynamoDbTable } from '../../../shared/config-items/models/dynamodb.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/7f1c2b3a-1111-4222-8333-444455556666`;
const envelope = { resourceType: 'AWS::DynamoDB::Table', resourceId: 'orders', resourceName: 'orders', awsRegion: 'eu-west-1' };

function table(ci: Record<string, unknown>): DynamoDbTable {
  return normalizeConfigurationItem({ ...envelope, ...ci }).model as DynamoDbTable;
}

describe('AWS::DynamoDB::Table model', () => {
  const configuration = {
    tableName: 'orders',
    tableArn: ARN,
    tableStatus: 'ACTIVE',
    billingModeSummary: { billingMode: 'PAY_PER_REQUEST' },
    provisionedThroughput: { readCapacityUnits: 0, writeCapacityUnits: 0 },
    // Config's bean-style spelling of SSEDescription, as the resource schema lists it.
    ssedescription: { status: 'ENABLED', ssetype: 'KMS', kmsmasterKeyArn: KEY },
    deletionProtectionEnabled: true,
    globalTableVersion: '2019.11.21',
    replicas: [
      { regionName: 'eu-west-1', replicaStatus: 'ACTIVE' },
      { regionName: 'eu-central-1', replicaStatus: 'CREATING' },
      { replicaStatus: 'ACTIVE' },
    ],
    globalSecondaryIndexes: [{ indexName: 'by-customer' }],
  };
  const supplementary = {
    ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'ENABLED' } },
    TimeToLiveDescription: { timeToLiveStatus: 'ENABLED', attributeName: 'expiresAt' },
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, configuration, supplementaryConfiguration: supplementary }],
    [
      'api',
      {
        accountId: ACCOUNT,
        arn: ARN,
        configuration: JSON.stringify(configuration),
        supplementaryConfiguration: Object.fromEntries(Object.entries(supplementary).map(([k, v]) => [k, JSON.stringify(v)])),
      },
    ],
  ])('reads capacity, encryption, TTL and replicas (%s form)', (_form, ci) => {
    // Act
    const model = table(ci);

    // Assess
    expect(model).toEqual({
      tableName: 'orders',
      tableArn: ARN,
      tableStatus: 'ACTIVE',
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: 'ENABLED',
      sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: KEY },
      deletionProtection: true,
      ttl: { status: 'ENABLED', attributeName: 'expiresAt' },
      replicas: [
        { regionName: 'eu-west-1', status: 'ACTIVE' },
        { regionName: 'eu-central-1', status: 'CREATING' },
      ],
      globalSecondaryIndexNames: ['by-customer'],
      provisionedThroughput: { read: 0, write: 0 },
    });
  });

  it('accepts the DescribeTable spelling of the SSE description', () => {
    // Act
    const model = table({ awsAccountId: ACCOUNT, configuration: { tableName: 'orders', tableStatus: 'ACTIVE', SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: KEY } } });

    // Assess
    expect(model.sse).toEqual({ status: 'ENABLED', type: 'KMS', kmsKeyArn: KEY });
  });

  it('reads a table without billing summary, SSE, TTL or replicas as provisioned, AWS owned key, nothing known', () => {
    // Act
    const model = table({
      accountId: ACCOUNT,
      configuration: JSON.stringify({ tableName: 'sessions', tableStatus: 'ACTIVE', provisionedThroughput: { readCapacityUnits: '5', writeCapacityUnits: 5 } }),
      supplementaryConfiguration: {},
    });

    // Assess
    expect(model).toMatchObject({
      tableName: 'sessions',
      billingMode: 'PROVISIONED',
      pointInTimeRecovery: undefined,
      sse: { status: undefined, type: undefined, kmsKeyArn: undefined },
      deletionProtection: undefined,
      ttl: { status: undefined, attributeName: undefined },
      replicas: [],
      provisionedThroughput: { read: 5, write: 5 },
    });
  });
});
