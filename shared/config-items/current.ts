import { resourceKeyString, type AnyResource } from '../domain/resource.ts';

/** What orders two versions of one resource's configuration item. */
export interface ItemVersion {
  readonly configurationStateId?: number | undefined;
  readonly captureTime?: string | undefined;
}

/**
 * Positive when `a` is a newer version than `b`, negative when older, 0 when neither says
 * (same or absent ordering fields). The highest configurationStateId wins; when the ids are
 * equal or absent, the later configurationItemCaptureTime. `GetResourceConfigHistory` lists a
 * resource's versions newest first, and only the current one may be judged.
 */
export function compareVersions(a: ItemVersion, b: ItemVersion): number {
  const sa = a.configurationStateId;
  const sb = b.configurationStateId;
  if (sa !== undefined && sb !== undefined && sa !== sb) return sa - sb;
  const ta = captureMillis(a.captureTime);
  const tb = captureMillis(b.captureTime);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  return 0;
}

function captureMillis(value: string | undefined): number {
  if (value === undefined) return Number.NaN;
  // Epoch seconds (the API's wire format) as well as ISO 8601.
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

/**
 * One current item per resource: for each resource key, the newest version (see
 * compareVersions; on a tie, the first seen). Used by the scan, the sweep and local mode alike.
 *
 * @example
 * const { current, dropped } = currentResources(history);
 * if (dropped > 0) warn(`${dropped} older versions dropped`);
 */
export function currentResources<R extends AnyResource>(resources: Iterable<R>): { current: R[]; dropped: number } {
  const newest = new Map<string, R>();
  let dropped = 0;
  for (const resource of resources) {
    const key = resourceKeyString(resource);
    const seen = newest.get(key);
    if (seen === undefined) {
      newest.set(key, resource);
      continue;
    }
    dropped++;
    if (compareVersions(resource, seen) > 0) newest.set(key, resource);
  }
  return { current: [...newest.values()], dropped };
}

/** "1 older version of a resource was dropped" / "3 older versions …": the stderr line. */
export function droppedVersionsLine(dropped: number): string {
  return dropped === 1
    ? '1 older item of a resource listed twice was dropped (the newest version is evaluated)'
    : `${dropped} older items of resources listed more than once were dropped (the newest version of each is evaluated)`;
}
