import { z } from 'zod';
import { ConfigItemStatus, type AnyResource } from '../domain/resource.ts';

/**
 * A normalized resource as Vigil serializes it (the store's resource items, `observed` queue
 * messages). The envelope is validated; the model is the normalizer's output for the type,
 * written by Vigil itself, and rules read it tolerantly.
 */
export const resourceSchema = z.object({
  accountId: z.string().min(1),
  region: z.string().min(1),
  resourceType: z.string().min(1),
  resourceId: z.string().min(1),
  resourceName: z.string().optional(),
  arn: z.string().optional(),
  availabilityZone: z.string().optional(),
  status: z.enum(ConfigItemStatus),
  captureTime: z.string().optional(),
  configurationStateId: z.number().optional(),
  tags: z.record(z.string(), z.string()),
  /** false when the source item carried no tags (they are unknown, not absent): kept through the store. */
  tagsRecorded: z.literal(false).optional(),
  relationships: z.array(
    z.object({
      resourceType: z.string(),
      resourceId: z.string().optional(),
      resourceName: z.string().optional(),
      name: z.string(),
    }),
  ),
  model: z.unknown(),
});

/** @throws ZodError naming the field when `value` is not a serialized resource. */
export function parseResource(value: unknown): AnyResource {
  return resourceSchema.parse(value);
}
