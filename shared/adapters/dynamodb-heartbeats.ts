/**
 * Heartbeat items on the findings table: what GET /health reports as the last sweep and the last
 * alert delivered (read by createHeartbeats in dynamodb-findings-queries-health.ts).
 *
 * | item      | pk        | sk                | attributes |
 * |-----------|-----------|-------------------|------------|
 * | heartbeat | HEARTBEAT | `sweep` / `alert` | at (ISO 8601, UTC) |
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { HeartbeatKind, HeartbeatRecorder } from '../app/ports.ts';

/** The partition of the heartbeats (also the api's ping reads a key in it). */
export const HEARTBEAT_PK = 'HEARTBEAT';

/**
 * One conditional PutItem. The roles of the sweep, notify and redeliver functions grant it on the
 * HEARTBEAT partition only (infra/iam.yml, `Heartbeat`).
 */
export const heartbeatRecorderIamActions = ['dynamodb:PutItem'] as const;

/** A heartbeat the table refused to take (anything but a newer time already there). */
export class HeartbeatWriteError extends Error {
  override readonly name = 'HeartbeatWriteError';
  constructor(kind: HeartbeatKind, tableName: string, options: { cause: unknown }) {
    super(`cannot record the ${kind} heartbeat in table ${tableName}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
  }
}

/**
 * Forward only: the put is conditional on the item having no time yet or an older one. ISO 8601
 * times in UTC with milliseconds (Date.toISOString) compare as strings. A refused condition means
 * a newer heartbeat is there already, which is the outcome wanted: not an error.
 *
 * @example
 * const heartbeats = createHeartbeatRecorder({ client: new DynamoDBClient({}), tableName });
 * await heartbeats.record('sweep', new Date());
 */
export function createHeartbeatRecorder(options: { readonly client: DynamoDBClient; readonly tableName: string }): HeartbeatRecorder {
  return {
    async record(kind, at) {
      const iso = at.toISOString();
      try {
        await options.client.send(
          new PutItemCommand({
            TableName: options.tableName,
            Item: { pk: { S: HEARTBEAT_PK }, sk: { S: kind }, at: { S: iso } },
            ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':at': { S: iso } },
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
        throw new HeartbeatWriteError(kind, options.tableName, { cause: error });
      }
    },
  };
}
