import { describe, expect, it } from 'vitest';
import type { SqsQueue } from '../../../shared/config-items/models/sqs.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const URL = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/orders`;
const ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`;
const DLQ = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-dlq`;

function queueModel(envelope: Record<string, unknown>): SqsQueue {
  // SQS queues are keyed by URL in Config.
  const item = { resourceType: 'AWS::SQS::Queue', resourceId: URL, resourceName: 'orders', awsRegion: 'eu-west-1', ...envelope };
  return normalizeConfigurationItem(item).model as SqsQueue;
}

describe('AWS::SQS::Queue model', () => {
  // GetQueueAttributes values are strings, and RedrivePolicy is a JSON document inside one.
  const attributes = {
    QueueUrl: URL,
    QueueArn: ARN,
    QueueName: 'orders',
    SqsManagedSseEnabled: 'true',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ, maxReceiveCount: '5' }),
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration: attributes }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(attributes) }],
  ])('reads encryption and the redrive policy held in a string (%s form)', (_form, envelope) => {
    // Act
    const queue = queueModel(envelope);

    // Assess
    expect(queue).toEqual({
      queueName: 'orders',
      queueArn: ARN,
      queueUrl: URL,
      kmsMasterKeyId: undefined,
      sqsManagedSse: true,
      redrivePolicy: { deadLetterTargetArn: DLQ, maxReceiveCount: 5 },
      redriveAllowPolicy: undefined,
    });
  });

  it('reads CloudFormation-shaped policies given as objects', () => {
    // Act
    const queue = queueModel({
      awsAccountId: ACCOUNT,
      configuration: {
        QueueArn: DLQ,
        KmsMasterKeyId: 'alias/aws/sqs',
        SqsManagedSseEnabled: 'false',
        RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [ARN] },
      },
    });

    // Assess
    expect(queue).toMatchObject({
      kmsMasterKeyId: 'alias/aws/sqs',
      sqsManagedSse: false,
      redrivePolicy: undefined,
      redriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [ARN] },
    });
  });
});
