import * as z from '../zod.ts';
import type { AnyResource } from './resource.ts';

/** Where a suppression was declared: through the API (or CLI), or in suppressions.yml (deployed with the stack). */
export const SuppressionSource = { api: 'api', code: 'code' } as const;
export type SuppressionSource = (typeof SuppressionSource)[keyof typeof SuppressionSource];

/** A reason short enough to be "n/a" is no reason: the audit trail needs a sentence. */
export const MIN_SUPPRESSION_REASON = 10;
/** Default longest suppression; a stage may allow longer (SuppressionPolicy.maxDays). */
export const DEFAULT_MAX_SUPPRESSION_DAYS = 365;

/**
 * An accepted risk: matching findings keep their true status, carry the suppression, and are
 * left out of the open findings and alerts until it expires. Every suppression expires.
 *
 * Matching (all given conditions must hold): a rule (`*` = any rule); a resource, exactly or by
 * a glob (`*` = any run of characters) over its id and ARN; an account; a region; a tag (with
 * its value, when given).
 */
export interface Suppression {
  readonly id: string;
  /** The rule it silences, or `*` for every rule. */
  readonly ruleId: string;
  /** Glob (`*` = any run of characters) over the resource id and its ARN; absent = any resource. */
  readonly resourcePattern?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly accountId?: string | undefined;
  readonly region?: string | undefined;
  /** Matches resources carrying this tag (with this value, when given). */
  readonly tag?: { readonly key: string; readonly value?: string | undefined } | undefined;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
  /** ISO time after which the suppression no longer applies. */
  readonly expiresAt: string;
  readonly source?: SuppressionSource | undefined;
}

/** What a finding records of the suppression that matched it. */
export interface SuppressionRef {
  readonly id: string;
  readonly reason: string;
  readonly expiresAt?: string | undefined;
}

export interface SuppressionPolicy {
  /** Longest allowed lifetime in days (default 365). */
  readonly maxDays?: number;
}

const isoTime = z.iso.datetime({ offset: true });

/** A finding's suppression as stored on it (SuppressionRef). */
export const suppressionRefSchema = z.object({ id: z.string(), reason: z.string(), expiresAt: z.optional(z.string()) });

/** A suppression as Vigil stores and serves it (validated on the way in by newSuppression). */
export const storedSuppressionSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  resourcePattern: z.optional(z.string()),
  resourceType: z.optional(z.string()),
  accountId: z.optional(z.string()),
  region: z.optional(z.string()),
  tag: z.optional(z.object({ key: z.string(), value: z.optional(z.string()) })),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  source: z.optional(z.enum(SuppressionSource)),
});

/**
 * A suppression as a person declares it (API body, suppressions.yml): what to match, why, until
 * when. `id`, `createdAt` and (through the API) `createdBy` are filled in by Vigil.
 */
export const suppressionInputSchema = z.strictObject({
  ruleId: z.string().check(z.regex(/^(\*|[a-z0-9][a-z0-9-]*)$/, 'a rule id, or * for every rule')),
  resourcePattern: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
  resourceType: z.optional(z.string().check(z.regex(/^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/, 'an AWS resource type such as AWS::S3::Bucket'))),
  accountId: z.optional(z.string().check(z.regex(/^\d{12}$/, 'a 12-digit account id'))),
  region: z.optional(z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$|^global$/, 'a region such as eu-west-1'))),
  tag: z.optional(z.strictObject({ key: z.string().check(z.minLength(1), z.maxLength(128)), value: z.optional(z.string().check(z.maxLength(256))) })),
  reason: z
    .string()
    .check(z.trim(), z.minLength(MIN_SUPPRESSION_REASON, `at least ${MIN_SUPPRESSION_REASON} characters: say why the risk is accepted`), z.maxLength(1024)),
  expiresAt: isoTime,
  createdBy: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
});
export type SuppressionInput = z.infer<typeof suppressionInputSchema>;

/** A suppression that cannot be accepted, with the field at fault. */
export class InvalidSuppressionError extends Error {
  override readonly name = 'InvalidSuppressionError';
  readonly field: string;
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}

export function isInvalidSuppressionError(error: unknown): error is InvalidSuppressionError {
  return error instanceof InvalidSuppressionError;
}

/**
 * Validates a declared suppression and completes it. The expiry must lie in the future and no
 * further than the policy allows.
 *
 * @throws InvalidSuppressionError naming the field.
 * @example
 * const s = newSuppression(body, { id: randomUUID(), now: new Date(), createdBy: callerArn });
 */
export function newSuppression(
  input: unknown,
  context: { readonly id: string; readonly now: Date; readonly createdBy?: string | undefined; readonly source?: SuppressionSource },
  policy: SuppressionPolicy = {},
): Suppression {
  const parsed = suppressionInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidSuppressionError(issue?.path.join('.') || '(body)', issue?.message ?? 'invalid', { cause: parsed.error });
  }
  const value = parsed.data;
  const createdBy = context.createdBy ?? value.createdBy;
  if (!createdBy) throw new InvalidSuppressionError('createdBy', 'required: who accepts the risk');
  const expires = Date.parse(value.expiresAt);
  const maxDays = policy.maxDays ?? DEFAULT_MAX_SUPPRESSION_DAYS;
  if (expires <= context.now.getTime()) throw new InvalidSuppressionError('expiresAt', 'must be in the future');
  if (expires > context.now.getTime() + maxDays * 86_400_000) {
    throw new InvalidSuppressionError('expiresAt', `must be within ${maxDays} days (this stage's limit)`);
  }
  return {
    id: context.id,
    ruleId: value.ruleId,
    resourcePattern: value.resourcePattern,
    resourceType: value.resourceType,
    accountId: value.accountId,
    region: value.region,
    tag: value.tag,
    reason: value.reason,
    createdBy,
    createdAt: context.now.toISOString(),
    expiresAt: new Date(expires).toISOString(),
    source: context.source ?? SuppressionSource.api,
  };
}

/** True when the suppression applies to a rule's verdict on a resource at `now`. */
export function suppressionMatches(
  s: Suppression,
  ruleId: string,
  resource: Pick<AnyResource, 'resourceId' | 'arn' | 'tags'> & Partial<Pick<AnyResource, 'accountId' | 'region' | 'resourceType'>>,
  now: Date,
): boolean {
  if (s.ruleId !== '*' && s.ruleId !== ruleId) return false;
  if (Date.parse(s.expiresAt) <= now.getTime()) return false;
  if (s.accountId !== undefined && resource.accountId !== s.accountId) return false;
  if (s.region !== undefined && resource.region !== s.region) return false;
  if (s.resourceType !== undefined && resource.resourceType !== s.resourceType) return false;
  if (s.resourcePattern !== undefined) {
    const pattern = globToRegExp(s.resourcePattern);
    if (!pattern.test(resource.resourceId) && !(resource.arn !== undefined && pattern.test(resource.arn))) return false;
  }
  if (s.tag !== undefined) {
    const value = resource.tags[s.tag.key];
    if (value === undefined || (s.tag.value !== undefined && value !== s.tag.value)) return false;
  }
  return true;
}

/**
 * The first live suppression matching a rule's verdict on a resource, in the order given.
 *
 * @example
 * findSuppression(suppressions, 's3-bucket-versioning-enabled', bucket, now); // { id, reason, expiresAt } | undefined
 */
export function findSuppression(
  suppressions: readonly Suppression[],
  ruleId: string,
  resource: Parameters<typeof suppressionMatches>[2],
  now: Date,
): SuppressionRef | undefined {
  for (const s of suppressions) {
    if (suppressionMatches(s, ruleId, resource, now)) return { id: s.id, reason: s.reason, expiresAt: s.expiresAt };
  }
  return undefined;
}

const globCache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let pattern = globCache.get(glob);
  if (!pattern) {
    const body = glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    pattern = new RegExp(`^${body}$`, 's');
    if (globCache.size > 1_000) globCache.clear();
    globCache.set(glob, pattern);
  }
  return pattern;
}

/** Resource tags that exempt it from rules: `vigil:exempt` lists rule ids (or `all`), `vigil:exempt-until` a date. */
export const EXEMPT_TAG = 'vigil:exempt';
export const EXEMPT_UNTIL_TAG = 'vigil:exempt-until';
/** An exemption tag without a date lasts this long from the finding's first sight. */
export const DEFAULT_TAG_EXEMPTION_DAYS = 90;

/** What a resource's exemption tags say about one rule. */
export type TagExemption =
  | { readonly kind: 'none' }
  | { readonly kind: 'exempt'; readonly suppression: SuppressionRef }
  /** The tags name the rule but cannot be honoured (a malformed, past or too distant date): fails open, and says why. */
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * The exemption a resource's tags grant a rule. AWS tag values allow no commas or `*`, so rule
 * ids are separated by spaces, `+` or `/`, and `all` exempts every rule. `vigil:exempt-until` is a
 * date (`2027-03-31`: through that day, UTC) or an ISO time; without it the exemption lasts
 * DEFAULT_TAG_EXEMPTION_DAYS from `firstSeenAt` (the finding's first sight; `now` for a new one).
 *
 * @example
 * tagExemption({ 'vigil:exempt': 'dynamodb-table-pitr-enabled', 'vigil:exempt-until': '2027-03-31' }, 'dynamodb-table-pitr-enabled', now, undefined);
 * // { kind: 'exempt', suppression: { id: 'tag:vigil:exempt', reason: …, expiresAt: '2027-04-01T00:00:00.000Z' } }
 */
export function tagExemption(
  tags: Readonly<Record<string, string>>,
  ruleId: string,
  now: Date,
  firstSeenAt: string | undefined,
  policy: SuppressionPolicy = {},
): TagExemption {
  const listed = tags[EXEMPT_TAG];
  if (listed === undefined) return { kind: 'none' };
  const rules = listed.split(/[\s+/]+/).filter((r) => r.length > 0);
  if (!rules.includes(ruleId) && !rules.includes('all')) return { kind: 'none' };
  const until = tags[EXEMPT_UNTIL_TAG]?.trim();
  const maxDays = policy.maxDays ?? DEFAULT_MAX_SUPPRESSION_DAYS;
  let expires: number;
  if (until === undefined || until === '') {
    const from = firstSeenAt !== undefined && Number.isFinite(Date.parse(firstSeenAt)) ? Date.parse(firstSeenAt) : now.getTime();
    expires = from + DEFAULT_TAG_EXEMPTION_DAYS * 86_400_000;
    if (expires <= now.getTime()) {
      return { kind: 'invalid', message: `tag ${EXEMPT_TAG} without ${EXEMPT_UNTIL_TAG} lapsed ${DEFAULT_TAG_EXEMPTION_DAYS} days after first sight: exemption ignored` };
    }
  } else {
    expires = /^\d{4}-\d{2}-\d{2}$/.test(until) ? Date.parse(`${until}T00:00:00.000Z`) + 86_400_000 : /^\d{4}-\d{2}-\d{2}T/.test(until) ? Date.parse(until) : Number.NaN;
    if (!Number.isFinite(expires)) return { kind: 'invalid', message: `tag ${EXEMPT_UNTIL_TAG}="${until.slice(0, 40)}" is not a date (YYYY-MM-DD): exemption ignored` };
    if (expires <= now.getTime()) return { kind: 'invalid', message: `tag ${EXEMPT_UNTIL_TAG}="${until}" is past: exemption ignored` };
    if (expires > now.getTime() + maxDays * 86_400_000) return { kind: 'invalid', message: `tag ${EXEMPT_UNTIL_TAG}="${until}" is more than ${maxDays} days away: exemption ignored` };
  }
  return {
    kind: 'exempt',
    suppression: { id: `tag:${EXEMPT_TAG}`, reason: `Exempted by the resource's ${EXEMPT_TAG} tag.`, expiresAt: new Date(expires).toISOString() },
  };
}

/**
 * The suppression of a rule's failing verdict on a resource: a declared suppression first, then
 * the resource's exemption tags. An invalid exemption yields no suppression and a note for the
 * reason, so the finding alerts and says the exemption was ignored.
 */
export function suppressionFor(
  suppressions: readonly Suppression[],
  ruleId: string,
  resource: Parameters<typeof suppressionMatches>[2],
  now: Date,
  firstSeenAt: string | undefined,
  policy: SuppressionPolicy = {},
): { readonly suppression?: SuppressionRef | undefined; readonly note?: string | undefined } {
  const declared = findSuppression(suppressions, ruleId, resource, now);
  if (declared) return { suppression: declared };
  const byTag = tagExemption(resource.tags, ruleId, now, firstSeenAt, policy);
  if (byTag.kind === 'exempt') return { suppression: byTag.suppression };
  if (byTag.kind === 'invalid') return { note: byTag.message };
  return {};
}

/** True when the resource's tags ask for an exemption without a date (its expiry depends on the finding's first sight). */
export function needsFirstSight(tags: Readonly<Record<string, string>>): boolean {
  return tags[EXEMPT_TAG] !== undefined && (tags[EXEMPT_UNTIL_TAG] ?? '').trim() === '';
}
