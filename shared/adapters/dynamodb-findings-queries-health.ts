/**
 * What GET /health reads besides the table: the evaluation queue's backlog (SQS
 * GetQueueAttributes) and the heartbeats other functions leave in the table.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Heartbeats, QueueStats } from '../app/api/ports.ts';
import { HEARTBEAT_PK } from './dynamodb-findings-queries.ts';

export const queueStatsIamActions = ['sqs:GetQueueAttributes'] as const;

/**
 * SQS reports the backlog's size, not its age: the oldest message's age is a CloudWatch metric
 * (ApproximateAgeOfOldestMessage), which EvaluationBacklogAlarm watches; it is left out here
 * rather than paying a CloudWatch call per health check.
 */
export function createQueueStats(options: { readonly client: SQSClient; readonly queueUrl: string }): QueueStats {
  return {
    async stats() {
      const result = await options.client.send(
        new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return {
        visible: Number(result.Attributes?.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
        oldestAgeSeconds: undefined,
      };
    },
  };
}

/**
 * Heartbeat items (pk HEARTBEAT, sk `sweep` or `alert`, attribute `at`), which the sweep and
 * the notify function write when they finish; absent until they do.
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
    lastSweepAt: async () => (await read()).get('sweep'),
    lastAlertAt: async () => (await read()).get('alert'),
  };
}
