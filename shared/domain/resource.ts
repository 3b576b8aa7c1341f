/**
 * The normalized resource every rule sees. Rules never see a raw configuration item: the
 * normalizer (shared/config-items) turns the notification, API and snapshot forms into this.
 */

/** AWS Config's `configurationItemStatus` values. */
export const ConfigItemStatus = {
  OK: 'OK',
  ResourceDiscovered: 'ResourceDiscovered',
  ResourceNotRecorded: 'ResourceNotRecorded',
  ResourceDeleted: 'ResourceDeleted',
  ResourceDeletedNotRecorded: 'ResourceDeletedNotRecorded',
} as const;
export type ConfigItemStatus = (typeof ConfigItemStatus)[keyof typeof ConfigItemStatus];

/** Statuses whose resource no rule should judge: deleted, or discovered but not recorded. */
export function isGone(status: ConfigItemStatus): boolean {
  return status !== ConfigItemStatus.OK && status !== ConfigItemStatus.ResourceDiscovered;
}

/** The pseudo resource type account-level rules evaluate (AWS Config's own spelling). */
export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';

export interface ResourceKey {
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

export interface Relationship {
  readonly resourceType: string;
  readonly resourceId?: string | undefined;
  readonly resourceName?: string | undefined;
  /** e.g. "Is attached to Instance" (`name` in notifications, `relationshipName` in the API). */
  readonly name: string;
}

/**
 * Typed models per resource type. Each service module in shared/config-items/models augments
 * this interface with declaration merging:
 *
 * @example
 * declare module '../../domain/resource.ts' {
 *   interface ResourceModels { 'AWS::DynamoDB::Table': DynamoDbTable }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ResourceModels {
  'AWS::::Account': AccountModel;
}

/** What is known of the account itself (filled by collectors; empty when scanning a snapshot). */
export interface AccountModel {
  /** From IAM GetAccountSummary `AccountMFAEnabled`; undefined when not collected. */
  readonly rootMfaEnabled?: boolean | undefined;
  /** Names of AWS Backup restore testing plans; undefined when not collected. */
  readonly restoreTestingPlans?: readonly string[] | undefined;
  /** GuardDuty detectors seen by a collector; undefined when not collected. */
  readonly guardDutyDetectors?: readonly { id: string; status: string }[] | undefined;
}

export type KnownResourceType = keyof ResourceModels;

/** Untyped configuration, for resource types without a typed model (tag rules still apply). */
export interface GenericModel {
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly supplementaryConfiguration: Readonly<Record<string, unknown>>;
}

/** The model of a resource type; `unknown` when the type is not known statically. */
export type ModelOf<T extends string> = string extends T
  ? unknown
  : T extends KnownResourceType
    ? ResourceModels[T]
    : GenericModel;

export interface Resource<T extends string = string> extends ResourceKey {
  readonly resourceType: T;
  readonly resourceName?: string | undefined;
  readonly arn?: string | undefined;
  readonly availabilityZone?: string | undefined;
  readonly status: ConfigItemStatus;
  readonly captureTime?: string | undefined;
  /** Monotonic per resource in current CIs (epoch millis); old snapshots carry a UUID instead. */
  readonly configurationStateId?: number | undefined;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * false when the item carried no `tags` at all (BatchGetResourceConfig's items have none): the
   * tags are then unknown, and `tags` is empty for want of them, not because there are none.
   */
  readonly tagsRecorded?: false | undefined;
  readonly relationships: readonly Relationship[];
  readonly model: ModelOf<T>;
}

export type AnyResource = Resource<string>;

/** `{account}#{region}#{type}#{id}`: the identity used by the store and the inventory. */
export function resourceKeyString(key: ResourceKey): string {
  return `${key.accountId}#${key.region}#${key.resourceType}#${key.resourceId}`;
}

/** A human label for reasons: the name when there is one, else the id. */
export function displayName(resource: Pick<Resource, 'resourceId' | 'resourceName'>): string {
  return resource.resourceName && resource.resourceName !== resource.resourceId
    ? `${resource.resourceName} (${resource.resourceId})`
    : resource.resourceId;
}
