/**
 * Suppressed findings whose suppression has ended, from the findings-by-state index's
 * `suppressed` partition (shared/adapters/dynamodb-findings-queries-keys.ts): failing findings
 * that carry a suppression are there, and only they. What shared/app/suppression-expiry.ts re-opens.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ResourceKey } from '../domain/resource.ts';
import { FindingState, QUERY_INDEXES } from './dynamodb-findings-queries-keys.ts';

export const suppressedFindingsIamActions = ['dynamodb:Query'] as const;

/**
 * @example
 * const ended = createEndedSuppressionsReader({ client, tableName });
 * for await (const keys of ended(new Date())) …
 */
export function createEndedSuppressionsReader(options: { readonly client: DynamoDBClient; readonly tableName: string }) {
  const doc = DynamoDBDocumentClient.from(options.client);
  const index = QUERY_INDEXES.state;
  return async function* findingsWithEndedSuppression(now: Date): AsyncGenerator<ResourceKey[]> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: options.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#state = :suppressed',
          // ISO times compare as strings. A suppression without an end (none should exist) never matches.
          FilterExpression: 'suppression.expiresAt <= :now',
          ProjectionExpression: 'accountId, #region, resourceType, resourceId',
          ExpressionAttributeNames: { '#state': index.pk, '#region': 'region' },
          ExpressionAttributeValues: { ':suppressed': FindingState.suppressed, ':now': now.toISOString() },
          ExclusiveStartKey,
        }),
      );
      ExclusiveStartKey = page.LastEvaluatedKey;
      yield (page.Items ?? []).flatMap((item) => {
        const { accountId, region, resourceType, resourceId } = item;
        return typeof accountId === 'string' && typeof region === 'string' && typeof resourceType === 'string' && typeof resourceId === 'string'
          ? [{ accountId, region, resourceType, resourceId }]
          : [];
      });
    } while (ExclusiveStartKey);
  };
}
