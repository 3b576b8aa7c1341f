import { expect } from 'vitest';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import type { KnownResourceType, ResourceModels } from '../../shared/domain/resource.ts';

/** Normalizes a configuration item, checks its type, and returns its typed model. */
export function modelOf<T extends KnownResourceType>(ci: unknown, type: T): ResourceModels[T] {
  const resource = normalizeConfigurationItem(ci);
  expect(resource.resourceType).toBe(type);
  return resource.model as ResourceModels[T];
}
