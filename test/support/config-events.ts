/**
 * EventBridge events as AWS delivers them to the evaluation queue (see
 * ../shared/reference/aws-config-formats.md §1–2), and realistic configuration items to put in them.
 */
import { randomUUID } from 'node:crypto';
import type { FakeItem } from './config-service-fake.ts';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

/** A "Config Configuration Item Change" event carrying a whole item (notification form). */
export function changeEvent(item: Record<string, unknown>, changeType: 'CREATE' | 'UPDATE' | 'DELETE' = 'UPDATE'): Record<string, unknown> {
  const capture = String(item['configurationItemCaptureTime'] ?? '2026-11-20T09:00:00.000Z');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Config Configuration Item Change',
    source: 'aws.config',
    account: item['awsAccountId'] ?? item['accountId'] ?? ACCOUNT,
    time: capture.replace(/\.\d+Z$/, 'Z'),
    region: item['awsRegion'] ?? REGION,
    resources: item['ARN'] ? [item['ARN']] : [],
    detail: {
      recordVersion: '1.3',
      messageType: 'ConfigurationItemChangeNotification',
      configurationItemDiff: { changedProperties: {}, changeType },
      notificationCreationTime: capture,
      configurationItem: item,
    },
  };
}

/** The oversized form: a summary only; the item is to be read from Config's history. */
export function oversizedEvent(item: {
  resourceType: string;
  resourceId: string;
  configurationStateId: number;
  captureTime: string;
  status?: string;
  arn?: string;
}): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Config Configuration Item Change',
    source: 'aws.config',
    account: ACCOUNT,
    time: item.captureTime.replace(/\.\d+Z$/, 'Z'),
    region: REGION,
    resources: item.arn ? [item.arn] : [],
    detail: {
      configurationItemSummary: {
        ARN: item.arn,
        awsAccountId: ACCOUNT,
        awsRegion: REGION,
        changeType: 'UPDATE',
        configurationItemCaptureTime: item.captureTime,
        configurationItemStatus: item.status ?? 'OK',
        configurationItemVersion: '1.3',
        configurationStateId: item.configurationStateId,
        configurationStateMd5Hash: '',
        resourceId: item.resourceId,
        resourceType: item.resourceType,
      },
      messageType: 'OversizedConfigurationItemChangeNotification',
      notificationCreationTime: item.captureTime,
      recordVersion: '1.0',
      s3DeliverySummary: {
        s3BucketLocation: `vigil-config-111122223333/AWSLogs/${ACCOUNT}/Config/${REGION}/2026/11/20/OversizedChangeNotification/${item.resourceType}/${item.resourceId}/${ACCOUNT}_Config_${REGION}_ChangeNotification_${item.resourceType}_${item.resourceId}_20261120T090000Z_0.json.gz`,
      },
    },
  };
}

/** An "AWS API Call via CloudTrail" event for a CloudWatch Logs call on a log group. */
export function logGroupCallEvent(
  eventName: 'CreateLogGroup' | 'PutRetentionPolicy' | 'DeleteRetentionPolicy' | 'DeleteLogGroup',
  logGroupName: string,
  options: { eventTime?: string; errorCode?: string; retentionInDays?: number } = {},
): Record<string, unknown> {
  const eventTime = options.eventTime ?? '2026-11-21T08:15:02Z';
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.logs',
    account: ACCOUNT,
    time: eventTime,
    region: REGION,
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEID:deploy',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/deploy`,
        accountId: ACCOUNT,
      },
      eventTime,
      eventSource: 'logs.amazonaws.com',
      eventName,
      awsRegion: REGION,
      sourceIPAddress: 'cloudformation.amazonaws.com',
      userAgent: 'cloudformation.amazonaws.com',
      requestParameters: { logGroupName, ...(options.retentionInDays ? { retentionInDays: options.retentionInDays } : {}) },
      responseElements: null,
      ...(options.errorCode ? { errorCode: options.errorCode, errorMessage: 'The specified log group already exists' } : {}),
      requestID: randomUUID(),
      eventID: randomUUID(),
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    },
  };
}

export interface TableState {
  readonly name: string;
  readonly stateId: number;
  readonly pitr?: boolean;
  readonly deletionProtection?: boolean;
  readonly status?: 'OK' | 'ResourceDiscovered' | 'ResourceDeleted';
  readonly tags?: Readonly<Record<string, string>>;
}

/** A DynamoDB table's configuration item in the notification form (configuration as an object). */
export function tableItem(state: TableState): Record<string, unknown> {
  const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${state.name}`;
  const deleted = state.status === 'ResourceDeleted';
  return {
    relatedEvents: [],
    relationships: [],
    configuration: deleted
      ? null
      : {
          tableName: state.name,
          tableArn: arn,
          tableId: '4a3e1c6f-2b7d-4f0e-9a51-0c8d1f6e2b33',
          tableStatus: 'ACTIVE',
          creationDateTime: '2026-02-03T11:20:45.117Z',
          billingModeSummary: { billingMode: 'PAY_PER_REQUEST', lastUpdateToPayPerRequestDateTime: '2026-02-03T11:20:45.117Z' },
          keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
          attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
          provisionedThroughput: { numberOfDecreasesToday: 0, readCapacityUnits: 0, writeCapacityUnits: 0 },
          ssedescription: { status: 'ENABLED', ssetype: 'KMS', kmsmasterKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/7f0b2c1e-5d44-4c6a-8f3e-2b9a0c1d4e55` },
          deletionProtectionEnabled: state.deletionProtection ?? false,
          tableSizeBytes: 18_204_113,
          itemCount: 41_877,
        },
    supplementaryConfiguration: deleted
      ? {}
      : {
          ContinuousBackupsDescription: {
            continuousBackupsStatus: 'ENABLED',
            pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: state.pitr ? 'ENABLED' : 'DISABLED' },
          },
          Tags: Object.entries(state.tags ?? {}).map(([key, value]) => ({ key, value })),
        },
    tags: state.tags ?? {},
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: new Date(state.stateId).toISOString(),
    configurationStateId: state.stateId,
    awsAccountId: ACCOUNT,
    configurationItemStatus: state.status ?? 'OK',
    resourceType: 'AWS::DynamoDB::Table',
    resourceId: state.name,
    resourceName: state.name,
    ARN: arn,
    awsRegion: REGION,
    availabilityZone: 'Multiple Availability Zones',
    configurationStateMd5Hash: '',
  };
}

/** The same item as AWS Config's API serves it from the fake Config service (history, batch get). */
export function asFakeItem(item: Record<string, unknown>): FakeItem {
  const configuration = item['configuration'];
  return {
    resourceType: String(item['resourceType']),
    resourceId: String(item['resourceId']),
    resourceName: typeof item['resourceName'] === 'string' ? item['resourceName'] : undefined,
    arn: typeof item['ARN'] === 'string' ? item['ARN'] : undefined,
    configurationStateId: Number(item['configurationStateId']),
    captureTime: String(item['configurationItemCaptureTime']),
    status: item['configurationItemStatus'] as FakeItem['status'],
    configuration: typeof configuration === 'object' ? (configuration as FakeItem['configuration']) : undefined,
    supplementaryConfiguration: (item['supplementaryConfiguration'] ?? {}) as Record<string, unknown>,
    tags: (item['tags'] ?? {}) as Record<string, string>,
  };
}
