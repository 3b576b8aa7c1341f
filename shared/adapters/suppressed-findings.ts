/**
 * Failing findings still carrying a given suppression, from the findings-by-rule index
 * (rulePk = RULE#<ruleId>, ruleSk = <status>#<pk>): what shared/app/suppression-expiry.ts re-opens.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ResourceKey } from '../domain/resource.ts';

export const suppressedFindingsIamActions = ['dynamodb:Query'] as const;

/**
 * @example
 * const find = createSuppressedFindingsReader({ client, tableName });
 * for await (const keys of find('s3-bucket-versioning-enabled', 'a1b2…')) …
 */
export function createSuppressedFindingsReader(options: { readonly client: DynamoDBClient; readonly tableName: string }) {
  const doc = DynamoDBDocumentClient.from(options.client);
  return async function* findingsSuppressedBy(ruleId: string, suppressionId: string): AsyncGenerator<ResourceKey[]> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: options.tableName,
          IndexName: 'findings-by-rule',
          KeyConditionExpression: 'rulePk = :rule AND begins_with(ruleSk, :failing)',
          FilterExpression: 'suppression.#id = :sid',
          ProjectionExpression: 'accountId, #region, resourceType, resourceId',
          ExpressionAttributeNames: { '#id': 'id', '#region': 'region' },
          ExpressionAttributeValues: { ':rule': `RULE#${ruleId}`, ':failing': 'NON_COMPLIANT#', ':sid': suppressionId },
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
