/**
 * The ports use-cases depend on. Adapters in shared/adapters implement them with the AWS SDK v3
 * (or HTTP) and export the IAM actions they need, so serverless.yml grants only those.
 */
import type { AnyResource, ResourceKey } from '../domain/resource.ts';

/** Reads AWS Config's inventory for one account and region. */
export interface ConfigReader {
  /**
   * The configuration item current at `captureTime` (GetResourceConfigHistory with
   * laterTime = captureTime, limit 1): how oversized notifications are completed.
   * Undefined when Config has no item for the resource.
   */
  getItemAt(key: ResourceKey, captureTime?: string): Promise<AnyResource | undefined>;
  /** Keys of every discovered resource of the given types (ListDiscoveredResources, all pages), page by page. */
  listResourceKeys(resourceTypes: readonly string[]): AsyncIterable<readonly ResourceKey[]>;
  /** Current items for keys (BatchGetResourceConfig, 100 keys a call; unprocessed keys retried). */
  batchGet(keys: readonly ResourceKey[]): Promise<AnyResource[]>;
}

/**
 * Reads what AWS Config does not record (log groups, the IAM credential report, WAF
 * associations, the account summary) and returns it as normalized resources, in the same models
 * rules read. One collector per source.
 */
export interface Collector {
  readonly name: string;
  /** IAM actions the collector calls, e.g. `logs:DescribeLogGroups`. */
  readonly iamActions: readonly string[];
  collect(scope: { readonly accountId: string; readonly region: string }): Promise<AnyResource[]>;
}
