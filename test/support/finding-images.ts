/**
 * Finding items as the store writes them, and DynamoDB Streams records of their changes in the
 * exact Lambda shape (@types/aws-lambda), for unit tests of notify's pure parts. Integration tests
 * take their records from the stream recorder instead.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { FindingImage } from '../../shared/app/notify-transitions.ts';

let sequence = 1_000;

export function findingImage(overrides: Partial<FindingImage> & { readonly resourceId?: string } = {}): FindingImage {
  const accountId = overrides.accountId ?? '111122223333';
  const region = overrides.region ?? 'eu-west-1';
  const resourceType = overrides.resourceType ?? 'AWS::DynamoDB::Table';
  const resourceId = overrides.resourceId ?? 'orders';
  const ruleId = overrides.ruleId ?? 'dynamodb-table-pitr-enabled';
  return {
    pk: `RES#${accountId}#${region}#${resourceType}#${resourceId}`,
    sk: `RULE#${ruleId}`,
    accountId,
    region,
    resourceType,
    resourceId,
    resourceName: resourceId,
    ruleId,
    status: 'NON_COMPLIANT',
    severity: 'high',
    reason: `DynamoDB table ${resourceId} has point-in-time recovery disabled.`,
    firstSeenAt: '2026-12-01T08:00:00.000Z',
    lastChangedAt: '2026-12-01T08:00:00.000Z',
    lastEvaluatedAt: '2026-12-01T08:00:00.000Z',
    configurationStateId: Date.parse('2026-12-01T08:00:00.000Z'),
    version: 1,
    ...overrides,
  };
}

/** A stream record as Lambda delivers it (StreamViewType NEW_AND_OLD_IMAGES). */
export function streamRecord(before: FindingImage | undefined, after: FindingImage | undefined): DynamoDBRecord {
  const item = after ?? before;
  if (!item) throw new Error('a record needs an image');
  const image = (i: FindingImage) => marshall({ ...i, kind: 'finding' }, { removeUndefinedValues: true }) as Record<string, AttributeValue>;
  const seq = String(++sequence).padStart(21, '0');
  return {
    eventID: `evt-${seq}`,
    eventName: !before ? 'INSERT' : !after ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:111122223333:table/vigil-test-findings/stream/2026-12-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.parse(item.lastEvaluatedAt) / 1000),
      Keys: marshall({ pk: item.pk, sk: item.sk }) as Record<string, AttributeValue>,
      ...(after ? { NewImage: image(after) } : {}),
      ...(before ? { OldImage: image(before) } : {}),
      SequenceNumber: seq,
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}
