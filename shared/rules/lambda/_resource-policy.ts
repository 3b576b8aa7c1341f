/**
 * Who may invoke a Lambda function, read from its resource-based policy. A statement is public
 * when it allows everyone (`*`) without a condition tying the caller to a known source (account,
 * ARN, organization, VPC), or allows Amazon S3 without naming the source account (bucket ARNs
 * carry no account, so a bucket of that name in any account could invoke): the semantics of AWS
 * Config's lambda-function-public-access-prohibited as Security Hub documents them for Lambda.1.
 * Other service principals without a source condition are a confused-deputy risk, but AWS does not
 * call them public, and neither does this module.
 */
import { obj, objs, str, strs, type JsonObject } from '../../config-items/decode.ts';

/** Condition keys that pin a caller to a known account, resource, organization or network (compared lower-cased). */
const SOURCE_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'lambda:eventsourcetoken',
]);

/** Keys naming the calling account: an S3 bucket ARN carries no account, so S3 needs one of these. */
const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:sourceowner']);

export interface PublicGrant {
  readonly sid: string | undefined;
  readonly principal: string;
  readonly actions: readonly string[];
  /** What is missing, e.g. "without a source condition". */
  readonly gap: string;
}

/**
 * The Allow statements that open the function to callers outside the account's control.
 *
 * @example
 * publicGrants({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction' }] });
 * // [{ sid: undefined, principal: '*', actions: ['lambda:InvokeFunction'], gap: 'without a source condition' }]
 */
export function publicGrants(policy: JsonObject | undefined): PublicGrant[] {
  const statements = policy ? objs(arrayOf(policy['Statement'])) : [];
  const grants: PublicGrant[] = [];
  for (const statement of statements) {
    if (str(statement['Effect']) !== 'Allow') continue;
    const keys = restrictingKeys(statement['Condition']);
    for (const principal of principalsOf(statement['Principal'])) {
      const gap = openness(principal, keys);
      if (gap === undefined) continue;
      grants.push({ sid: str(statement['Sid']), principal, actions: strs(arrayOf(statement['Action'])), gap });
      break;
    }
  }
  return grants;
}

/** Why the principal is open to the public, or undefined when it is not. */
function openness(principal: string, keys: ReadonlySet<string>): string | undefined {
  const unrestricted = 'without a source condition';
  if (principal === '*') return keys.size === 0 ? unrestricted : undefined;
  if (principal === 's3.amazonaws.com') {
    if ([...keys].some((k) => ACCOUNT_KEYS.has(k))) return undefined;
    return keys.size === 0 ? unrestricted : 'without aws:SourceAccount (bucket ARNs name no account)';
  }
  return undefined; // an account, role, user or another service: a named principal, not the public
}

/** `"*"`, `{"AWS": "*"}`, `{"AWS": ["arn…", "*"]}`, `{"Service": "s3.amazonaws.com"}` → their values. */
function principalsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  const o = obj(value);
  if (!o) return [];
  return Object.values(o).flatMap((v) => strs(arrayOf(v)));
}

/**
 * Condition keys that restrict the caller. Negated operators (StringNotEquals) and …IfExists
 * (which passes when the key is absent) do not restrict; neither does a bare `*` value.
 */
function restrictingKeys(condition: unknown): Set<string> {
  const keys = new Set<string>();
  for (const [operator, block] of Object.entries(obj(condition) ?? {})) {
    if (/Not|IfExists$/.test(operator)) continue;
    for (const [key, value] of Object.entries(obj(block) ?? {})) {
      const values = strs(arrayOf(value));
      if (values.length > 0 && values.every((v) => v !== '*')) keys.add(key.toLowerCase());
    }
  }
  return new Set([...keys].filter((k) => SOURCE_KEYS.has(k)));
}

/** IAM lets a single value stand for a one-element list. */
function arrayOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}
