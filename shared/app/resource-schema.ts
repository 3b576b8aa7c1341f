import * as z from '../zod.ts';
import { ConfigItemStatus, type AnyResource } from '../domain/resource.ts';

/**
 * A normalized resource as Vigil serializes it (the store's resource items, `observed` queue
 * messages). The envelope is validated; the model is the normalizer's output for the type,
 * written by Vigil itself, and rules read it tolerantly.
 */
export const resourceSchema = z.object({
  accountId: z.string().check(z.minLength(1)),
  region: z.string().check(z.minLength(1)),
  resourceType: z.string().check(z.minLength(1)),
  resourceId: z.string().check(z.minLength(1)),
  resourceName: z.optional(z.string()),
  arn: z.optional(z.string()),
  availabilityZone: z.optional(z.string()),
  status: z.enum(ConfigItemStatus),
  captureTime: z.optional(z.string()),
  configurationStateId: z.optional(z.number()),
  tags: z.record(z.string(), z.string()),
  /** false when the source item carried no tags (they are unknown, not absent): kept through the store. */
  tagsRecorded: z.optional(z.literal(false)),
  relationships: z.array(
    z.object({
      resourceType: z.string(),
      resourceId: z.optional(z.string()),
      resourceName: z.optional(z.string()),
      name: z.string(),
    }),
  ),
  model: z.unknown(),
});

/** @throws zod's $ZodError naming the field when `value` is not a serialized resource. */
export function parseResource(value: unknown): AnyResource {
  return resourceSchema.parse(value);
}
