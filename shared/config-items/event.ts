import * as z from '../zod.ts';
import type { AnyResource, ResourceKey } from '../domain/resource.ts';
import { ConfigItemError } from './errors.ts';
import { normalizeConfigurationItem } from './normalize.ts';

/** What an EventBridge "Config Configuration Item Change" event amounts to. */
export type ConfigChange =
  | { readonly kind: 'item'; readonly resource: AnyResource }
  /**
   * Oversized notifications carry only a summary: the full CI must be fetched
   * (GetResourceConfigHistory with laterTime = captureTime, limit 1).
   */
  | {
      readonly kind: 'fetch-needed';
      readonly key: ResourceKey;
      readonly captureTime: string | undefined;
      readonly configurationStateId: number | undefined;
      readonly status: string | undefined;
    };

const summarySchema = z.looseObject({
  resourceType: z.string().check(z.minLength(1)),
  resourceId: z.string().check(z.minLength(1)),
  awsRegion: z.string().check(z.minLength(1)),
  awsAccountId: z.string().check(z.minLength(1)),
  configurationItemCaptureTime: z.optional(z.string()),
  configurationStateId: z.optional(z.union([z.number(), z.string()])),
  configurationItemStatus: z.optional(z.string()),
});

const eventSchema = z.looseObject({
  'detail-type': z.literal('Config Configuration Item Change'),
  source: z.literal('aws.config'),
  detail: z.discriminatedUnion('messageType', [
    z.looseObject({ messageType: z.literal('ConfigurationItemChangeNotification'), configurationItem: z.unknown() }),
    z.looseObject({
      messageType: z.literal('OversizedConfigurationItemChangeNotification'),
      configurationItemSummary: summarySchema,
    }),
  ]),
});

/**
 * Parses an EventBridge "Config Configuration Item Change" event (normal or oversized).
 *
 * @throws ConfigItemError naming the field when the event is not such an event.
 * @example
 * const change = parseConfigChangeEvent(sqsRecordBody);
 * if (change.kind === 'fetch-needed') await configReader.fetchItem(change.key, change.captureTime);
 */
export function parseConfigChangeEvent(event: unknown): ConfigChange {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigItemError(issue?.path.join('.') || '(event)', issue?.message ?? 'not a Config change event');
  }
  const detail = parsed.data.detail;
  if (detail.messageType === 'ConfigurationItemChangeNotification') {
    try {
      return { kind: 'item', resource: normalizeConfigurationItem(detail.configurationItem) };
    } catch (error) {
      if (error instanceof ConfigItemError) {
        throw new ConfigItemError(`detail.configurationItem.${error.field}`, error.message, { cause: error });
      }
      throw error;
    }
  }
  const s = detail.configurationItemSummary;
  const stateId = typeof s.configurationStateId === 'string' ? Number(s.configurationStateId) : s.configurationStateId;
  return {
    kind: 'fetch-needed',
    key: { accountId: s.awsAccountId, region: s.awsRegion, resourceType: s.resourceType, resourceId: s.resourceId },
    captureTime: s.configurationItemCaptureTime,
    configurationStateId: Number.isFinite(stateId) ? stateId : undefined,
    status: s.configurationItemStatus,
  };
}
