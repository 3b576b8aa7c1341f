import type { AnyResource, KnownResourceType, Resource } from '../../domain/resource.ts';

export const TABLE = 'AWS::DynamoDB::Table';

/**
 * A resource whose type is known only at run time (a rule's dependency) with its typed model, or
 * undefined when it is of another type. Sound for the same reason as InventoryView.list: the
 * normalizer builds `model` from `resourceType` alone and never fails (a deleted item gets a model
 * of defaults).
 */
export function asType<T extends KnownResourceType>(resource: AnyResource | undefined, type: T): Resource<T> | undefined {
  return resource?.resourceType === type ? (resource as unknown as Resource<T>) : undefined;
}

/** The table's ARN as AWS Backup matches it: recorded, or rebuilt from the key (commercial partition). */
export function tableArn(table: Resource<typeof TABLE>): string {
  return (
    table.arn ?? table.model.tableArn ?? `arn:aws:dynamodb:${table.region}:${table.accountId}:table/${table.model.tableName}`
  );
}
