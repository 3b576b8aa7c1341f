import type { AnyResource } from './resource.ts';

/**
 * An accepted risk: matching findings are kept, marked suppressed, and left out of the open
 * findings and alerts until the suppression expires.
 */
export interface Suppression {
  readonly id: string;
  /** The rule it silences, or `*` for every rule. */
  readonly ruleId: string;
  /** Glob (`*` = any run of characters) over the resource id and its ARN; absent = any resource. */
  readonly resourcePattern?: string | undefined;
  /** Matches resources carrying this tag (with this value, when given). */
  readonly tag?: { readonly key: string; readonly value?: string | undefined } | undefined;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
  /** ISO time after which the suppression no longer applies; absent = until deleted. */
  readonly expiresAt?: string | undefined;
}

/** What a finding records of the suppression that matched it. */
export interface SuppressionRef {
  readonly id: string;
  readonly reason: string;
  readonly expiresAt?: string | undefined;
}

/**
 * The first live suppression matching a rule's verdict on a resource, in the order given.
 *
 * @example
 * findSuppression(suppressions, 's3-bucket-versioning-enabled', bucket, now); // { id, reason } | undefined
 */
export function findSuppression(
  suppressions: readonly Suppression[],
  ruleId: string,
  resource: Pick<AnyResource, 'resourceId' | 'arn' | 'tags'>,
  now: Date,
): SuppressionRef | undefined {
  for (const s of suppressions) {
    if (s.ruleId !== '*' && s.ruleId !== ruleId) continue;
    if (s.expiresAt !== undefined && Date.parse(s.expiresAt) <= now.getTime()) continue;
    if (s.resourcePattern !== undefined) {
      const pattern = globToRegExp(s.resourcePattern);
      if (!pattern.test(resource.resourceId) && !(resource.arn !== undefined && pattern.test(resource.arn))) continue;
    }
    if (s.tag !== undefined) {
      const value = resource.tags[s.tag.key];
      if (value === undefined || (s.tag.value !== undefined && value !== s.tag.value)) continue;
    }
    return { id: s.id, reason: s.reason, expiresAt: s.expiresAt };
  }
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
