import { accountModels } from '../../config-items/models/account.ts';
import { elastiCacheModels } from '../../config-items/models/elasticache.ts';
import { iamModels } from '../../config-items/models/iam.ts';
import { logsModels } from '../../config-items/models/logs.ts';
import { wafV2Models } from '../../config-items/models/wafv2.ts';
import type { ModelRegistry } from '../../config-items/model-registry.ts';
import { normalizeWithModels } from '../../config-items/normalize.ts';
import type { AnyResource } from '../../domain/resource.ts';

export interface CollectedItem {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string | undefined;
  readonly arn?: string | undefined;
  readonly accountId: string;
  readonly region: string;
  readonly capturedAt: Date;
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A collected record in configuration-item shape (notification form), run through the same
 * normalizer as Config's own items, so rules read one model whatever the source.
 */
export function rawCollectedItem(item: CollectedItem): Record<string, unknown> {
  return {
    configurationItemVersion: '1.3',
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName ?? null,
    ARN: item.arn ?? null,
    awsAccountId: item.accountId,
    awsRegion: item.region,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: item.capturedAt.toISOString(),
    // Collected records have no Config state id. The capture time in epoch millis grows with
    // each read of a resource, as Config's ids do, so the store's stale-event guard holds for them.
    configurationStateId: item.capturedAt.getTime(),
    configuration: item.configuration,
    supplementaryConfiguration: {},
    tags: item.tags ?? {},
    relationships: [],
  };
}

/**
 * The models of the services whose types collectors emit (CollectedType): the same normalizers
 * Config's items go through, without bundling every service's models into the sweep function.
 * test/unit/adapters/collected-item.test.ts checks it covers every collected type.
 */
export const collectedModels: ModelRegistry = { ...accountModels, ...elastiCacheModels, ...iamModels, ...logsModels, ...wafV2Models };

export function collectedResource(item: CollectedItem): AnyResource {
  return normalizeWithModels(rawCollectedItem(item), collectedModels);
}

/** Drops undefined members, so a record holds only what the API returned. */
export function defined(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
