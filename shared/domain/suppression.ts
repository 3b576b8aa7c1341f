import { z } from 'zod';
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

/**
 * A suppression as a person declares it (API body, suppressions.yml): what to match, why, until
 * when. `id`, `createdAt` and (through the API) `createdBy` are filled in by Vigil.
 */
export const suppressionInputSchema = z
  .object({
    ruleId: z.string().regex(/^(\*|[a-z0-9][a-z0-9-]*)$/, 'a rule id, or * for every rule'),
    resourcePattern: z.string().min(1).max(1024).optional(),
    resourceType: z.string().regex(/^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/, 'an AWS resource type such as AWS::S3::Bucket').optional(),
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit account id').optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$|^global$/, 'a region such as eu-west-1').optional(),
    tag: z.object({ key: z.string().min(1).max(128), value: z.string().max(256).optional() }).strict().optional(),
    reason: z.string().trim().min(MIN_SUPPRESSION_REASON, `at least ${MIN_SUPPRESSION_REASON} characters: say why the risk is accepted`).max(1024),
    expiresAt: isoTime,
    createdBy: z.string().min(1).max(256).optional(),
  })
  .strict();
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
