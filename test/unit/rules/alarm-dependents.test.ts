import { describe, expect, it } from 'vitest';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';
import type { AnyResource } from '../../../shared/domain/resource.ts';
import { dependentsOf } from '../../../shared/engine/evaluate.ts';
import { buildInventory } from '../../../shared/engine/inventory.ts';
import rdsInstanceStorageAlarm from '../../../shared/rules/cloudwatch/rds-instance-storage-alarm.ts';
import lambdaFunctionErrorAlarm from '../../../shared/rules/lambda/lambda-function-error-alarm.ts';
import snsTopicHasSubscription from '../../../shared/rules/sns/sns-topic-has-subscription.ts';
import sqsQueueHasDeadLetterQueue from '../../../shared/rules/sqs/sqs-queue-has-dead-letter-queue.ts';

const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:ops-alerts`;

function item(resourceType: string, resourceId: string, configuration: object, extra: Record<string, unknown> = {}): AnyResource {
  return normalizeConfigurationItem({ resourceType, resourceId, resourceName: resourceId, awsRegion: 'eu-west-1', awsAccountId: ACCOUNT, configuration, ...extra });
}
const fn = (name: string) => item('AWS::Lambda::Function', name, { functionName: name, runtime: 'nodejs22.x' });
const topic = (name: string) => item('AWS::SNS::Topic', `arn:aws:sns:eu-west-1:${ACCOUNT}:${name}`, { TopicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:${name}`, Owner: ACCOUNT });
const errorsAlarm = (name: string, functionName: string) =>
  item('AWS::CloudWatch::Alarm', name, {
    alarmName: name,
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: [{ name: 'FunctionName', value: functionName }],
    alarmActions: [TOPIC],
  });
const ids = (keys: readonly { resourceId: string }[]) => keys.map((k) => k.resourceId).sort();

describe('re-evaluation when an alarm changes', () => {
  const functions = [fn('orders-api'), fn('orders-worker'), fn('billing-export')];
  const topics = [topic('ops-alerts'), topic('marketing-events')];

  it('re-evaluates only the function and topic the alarm names', () => {
    // Prepare
    const alarm = errorsAlarm('orders-api-errors', 'orders-api');
    const inventory = buildInventory([...functions, ...topics, alarm]);

    // Act
    const dependents = dependentsOf(alarm, [lambdaFunctionErrorAlarm, snsTopicHasSubscription], inventory);

    // Assess
    expect(ids(dependents)).toEqual(['orders-api', TOPIC].sort());
  });

  it('re-evaluates every function and topic of the region when the alarm is deleted (its item no longer says what it watched)', () => {
    // Prepare
    const deleted = item('AWS::CloudWatch::Alarm', 'orders-api-errors', {}, { configuration: null, configurationItemStatus: 'ResourceDeleted' });
    const inventory = buildInventory([...functions, ...topics, deleted]);

    // Act
    const dependents = dependentsOf(deleted, [lambdaFunctionErrorAlarm, snsTopicHasSubscription], inventory);

    // Assess
    expect(dependents).toHaveLength(functions.length + topics.length);
  });

  it('matches RDS instances by identifier (resourceName), not by their db-… resource id', () => {
    // Prepare
    const db = normalizeConfigurationItem({
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'db-7HQK3XW2NVB5YD4LM6TRZ1PEUA',
      resourceName: 'orders-db',
      awsRegion: 'eu-west-1',
      awsAccountId: ACCOUNT,
      configuration: { dBInstanceIdentifier: 'orders-db', engine: 'postgres' },
    });
    const alarm = item('AWS::CloudWatch::Alarm', 'orders-db-free-storage', {
      namespace: 'AWS/RDS',
      metricName: 'FreeStorageSpace',
      dimensions: [{ name: 'DBInstanceIdentifier', value: 'orders-db' }],
    });

    // Act
    const dependents = dependentsOf(alarm, [rdsInstanceStorageAlarm], buildInventory([db, alarm]));

    // Assess
    expect(ids(dependents)).toEqual(['db-7HQK3XW2NVB5YD4LM6TRZ1PEUA']);
  });
});

describe('re-evaluation when a queue changes', () => {
  const queue = (name: string, redriveTo?: string) =>
    item('AWS::SQS::Queue', `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${name}`, {
      QueueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`,
      QueueName: name,
      VisibilityTimeout: '30',
      ...(redriveTo ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${redriveTo}`, maxReceiveCount: 5 }) } : {}),
    });

  it('re-evaluates the dead-letter queue its redrive policy names', () => {
    // Prepare
    const orders = queue('orders', 'orders-dlq');
    const inventory = buildInventory([orders, queue('orders-dlq'), queue('billing')]);

    // Act
    const dependents = dependentsOf(orders, [sqsQueueHasDeadLetterQueue], inventory);

    // Assess
    expect(ids(dependents)).toEqual([`https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/orders-dlq`]);
  });
});
