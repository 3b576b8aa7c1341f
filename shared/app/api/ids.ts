/**
 * Opaque ids in paths: a finding is (resource key, rule), a resource is its key. base64url of a
 * JSON array, so any character a resource id holds (ARNs, slashes, colons) survives a URL path.
 */
import type { ResourceKey } from '../../domain/resource.ts';

export function resourceKeyId(key: ResourceKey): string {
  return encode([key.accountId, key.region, key.resourceType, key.resourceId]);
}

export function findingId(key: ResourceKey, ruleId: string): string {
  return encode([key.accountId, key.region, key.resourceType, key.resourceId, ruleId]);
}

/** The resource key an id names; undefined when it is not one of ours. */
export function parseResourceKeyId(id: string): ResourceKey | undefined {
  const parts = decode(id, 4);
  if (!parts) return undefined;
  const [accountId, region, resourceType, resourceId] = parts as [string, string, string, string];
  return { accountId, region, resourceType, resourceId };
}

export function parseFindingId(id: string): { key: ResourceKey; ruleId: string } | undefined {
  const parts = decode(id, 5);
  if (!parts) return undefined;
  const [accountId, region, resourceType, resourceId, ruleId] = parts as [string, string, string, string, string];
  return { key: { accountId, region, resourceType, resourceId }, ruleId };
}

function encode(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decode(id: string, length: number): string[] | undefined {
  if (id.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== length) return undefined;
  if (!value.every((part): part is string => typeof part === 'string' && part.length > 0 && part.length <= 1024)) return undefined;
  // Canonical form only: one resource, one id (no aliases through padding or re-encoding).
  return encode(value) === id ? value : undefined;
}
