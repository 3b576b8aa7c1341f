/**
 * What GET /health reads besides the table: the evaluation queue's backlog (SQS
 * GetQueueAttributes) and the heartbeats other functions leave in the table.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Heartbeats, QueueStats } from '../app/api/ports.ts';
import { HEARTBEAT_PK } from './dynamodb-heartbeats.ts';
import { HeartbeatKind } from '../app/ports.ts';

export const queueStatsIamActions = ['sqs:GetQueueAttributes'] as const;
/** CloudWatch's read actions have no resource-level permissions (Resource "*"). */
export const queueAgeIamActions = ['cloudwatch:GetMetricData'] as const;

/**
 * The evaluation queue's backlog. SQS reports its size (GetQueueAttributes) but not its age: the
 * oldest message's age is the CloudWatch metric ApproximateAgeOfOldestMessage (the one
 * EvaluationBacklogAlarm watches), read here at its latest one-minute point of the last 15
 * minutes; undefined when CloudWatch has none (an idle queue reports no data).
 */
export function createQueueStats(options: {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly cloudwatch?: CloudWatchClient | undefined;
  readonly now?: () => Date;
}): QueueStats {
  const now = options.now ?? (() => new Date());
  const queueName = options.queueUrl.split('/').at(-1) ?? '';
  const oldestAge = async (): Promise<number | undefined> => {
    if (!options.cloudwatch) return undefined;
    const end = now();
    const result = await options.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(end.getTime() - 15 * 60_000),
        EndTime: end,
        ScanBy: 'TimestampDescending',
        MetricDataQueries: [
          {
            Id: 'age',
            MetricStat: {
              Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: queueName }] },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
      }),
    );
    return result.MetricDataResults?.[0]?.Values?.[0];
  };
  return {
    async stats() {
      const [attributes, oldestAgeSeconds] = await Promise.all([
        options.client.send(new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] })),
        // The age is a nicety: a CloudWatch error leaves it out rather than failing the health check.
        oldestAge().catch(() => undefined),
      ]);
      return {
        visible: Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
        oldestAgeSeconds,
      };
    },
  };
}

/**
 * Heartbeat items (dynamodb-heartbeats.ts): the sweep writes `sweep` when a sweep went through
 * every unit, notify and redeliver write `alert` when an invocation delivered an alert; absent
 * until they do.
 */
export function createHeartbeats(options: { readonly client: DynamoDBClient; readonly tableName: string }): Heartbeats {
  const doc = DynamoDBDocumentClient.from(options.client);
  let pending: Promise<Map<string, string>> | undefined;
  const read = () => {
    pending ??= doc
      .send(new QueryCommand({ TableName: options.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': HEARTBEAT_PK } }))
      .then((r) => new Map((r.Items ?? []).flatMap((i) => (typeof i['at'] === 'string' ? [[String(i['sk']), i['at']] as const] : []))))
      .finally(() => setTimeout(() => (pending = undefined), 0));
    return pending;
  };
  return {
    lastSweepAt: async () => (await read()).get(HeartbeatKind.sweep),
    lastAlertAt: async () => (await read()).get(HeartbeatKind.alert),
  };
}
