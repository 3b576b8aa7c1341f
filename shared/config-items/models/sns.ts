import { num, objs, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface SnsTopic {
  readonly topicArn: string;
  readonly topicName: string;
  /** KMS key id, alias or ARN for server-side encryption; undefined when the topic is not encrypted. */
  readonly kmsMasterKeyId: string | undefined;
  /**
   * Confirmed subscriptions, when the item says: the length of a CloudFormation-style
   * `Subscription` list, or GetTopicAttributes' `SubscriptionsConfirmed`. Undefined when the
   * item carries neither: AWS Config's own topic items do not record subscriptions, so a
   * collector (sns:ListSubscriptionsByTopic / GetTopicAttributes) must add them.
   */
  readonly confirmedSubscriptions: number | undefined;
  /** GetTopicAttributes' `SubscriptionsPending` (awaiting confirmation), when present. */
  readonly pendingSubscriptions: number | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::SNS::Topic': SnsTopic;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__SNS__Topic.properties.json
 * The topic's resourceId is its ARN; attributes are GetTopicAttributes' names, values strings.
 */
export function normalizeSnsTopic(input: ModelInput): SnsTopic {
  const c = input.configuration;
  const topicArn = str(pick(c, 'TopicArn', 'topicArn')) ?? input.arn ?? input.resourceId;
  const list = pick(c, 'Subscription', 'Subscriptions', 'subscriptions');
  const confirmed = num(pick(c, 'SubscriptionsConfirmed', 'subscriptionsConfirmed'));
  return {
    topicArn,
    topicName: str(pick(c, 'TopicName', 'topicName')) ?? topicArn.split(':').pop() ?? input.resourceId,
    kmsMasterKeyId: str(pick(c, 'KmsMasterKeyId', 'kmsMasterKeyId')),
    confirmedSubscriptions: confirmed ?? (list === undefined ? undefined : objs(list).length),
    pendingSubscriptions: num(pick(c, 'SubscriptionsPending', 'subscriptionsPending')),
  };
}

export const snsModels = {
  'AWS::SNS::Topic': normalizeSnsTopic,
} satisfies ModelRegistry;
