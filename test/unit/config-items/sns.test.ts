import { describe, expect, it } from 'vitest';
import type { SnsTopic } from '../../../shared/config-items/models/sns.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:ops-alerts`;

function topicModel(configuration: unknown): SnsTopic {
  // SNS topics are keyed by ARN in Config.
  const item = { resourceType: 'AWS::SNS::Topic', resourceId: ARN, resourceName: 'ops-alerts', awsRegion: 'eu-west-1', accountId: ACCOUNT, configuration };
  return normalizeConfigurationItem(item).model as SnsTopic;
}

describe('AWS::SNS::Topic model', () => {
  it('reads the key and GetTopicAttributes subscription counts (string values, API form)', () => {
    // Act
    const topic = topicModel(JSON.stringify({ TopicArn: ARN, KmsMasterKeyId: 'alias/aws/sns', SubscriptionsConfirmed: '0', SubscriptionsPending: '2' }));

    // Assess
    expect(topic).toEqual({ topicArn: ARN, topicName: 'ops-alerts', kmsMasterKeyId: 'alias/aws/sns', confirmedSubscriptions: 0, pendingSubscriptions: 2 });
  });

  it('counts a CloudFormation-style Subscription list', () => {
    // Act
    const topic = topicModel({ TopicArn: ARN, Subscription: [{ Endpoint: 'oncall@example.com', Protocol: 'email' }] });

    // Assess
    expect(topic.confirmedSubscriptions).toBe(1);
  });

  it('leaves subscriptions unknown when the item records none (AWS Config does not)', () => {
    // Act
    const topic = topicModel({ TopicArn: ARN, Owner: ACCOUNT, DisplayName: 'Ops alerts' });

    // Assess
    expect(topic.confirmedSubscriptions).toBeUndefined();
    expect(topic.kmsMasterKeyId).toBeUndefined();
  });
});
