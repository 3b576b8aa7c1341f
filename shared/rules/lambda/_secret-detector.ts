/**
 * Plaintext-secret detection for environment variables, shared by the Lambda and ECS rules.
 * Two signals: a value that looks like a credential whatever its name (an AWS access key id, a
 * PEM private key, a Slack or GitHub token, a JWT …), and a literal value under a name that looks
 * secret (DB_PASSWORD, stripeApiKey). References are fine: ARNs, SSM parameter paths, and variables
 * named as references (*_SECRET_ARN, *_PARAMETER_NAME). Reasons name the variable, never the value.
 */
import { MAX_REASON_LENGTH } from '../../domain/evaluation.ts';
import { param } from '../params.ts';

const DEFAULT_NAME_PATTERNS = [
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'TOKEN',
  'API_KEY',
  'ACCESS_KEY',
  'PRIVATE_KEY',
  'SIGNING_KEY',
  'ENCRYPTION_KEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH_DATA',
  'JWT',
] as const;

/** The parameters both plaintext-secret rules take. */
export const secretDetectionParams = {
  namePatterns: param.stringList(
    DEFAULT_NAME_PATTERNS,
    'Name fragments that mark a variable as secret, matched case-insensitively on word boundaries of the name (DB_PASSWORD, dbPassword and DBPASSWORD all match PASSWORD; TOKENIZER does not match TOKEN).',
  ),
  allowNames: param.stringList(
    [],
    'Variable names never reported (exact, case-insensitive), for values reviewed and known not to be secret.',
  ),
};

export interface SecretDetectionOptions {
  readonly namePatterns: readonly string[];
  readonly allowNames: readonly string[];
}

export interface SecretHit {
  readonly name: string;
  /** What gave it away, e.g. "an AWS access key id"; never the value. */
  readonly why: string;
}

/** Values that are credentials whatever the variable is called. */
export const CREDENTIAL_PATTERNS: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  { label: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { label: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { label: 'a Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/ },
  { label: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/ },
  { label: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { label: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { label: 'a Stripe secret key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}/ },
  { label: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { label: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { label: 'a URL with an embedded password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]+:[^\s/?#@]+@/i },
];

/**
 * Something every credential pattern needs (case-insensitively, a superset): most values have
 * none, and one search spares them the ten patterns.
 */
export const CREDENTIAL_HINT = /AKIA|ASIA|ABIA|ACCA|-----BEGIN |xox|gh[pousr]_|github_pat_|eyJ|k_live_|AIza|npm_|:\/\//i;

/** Last name words that make a variable a pointer to a secret, not the secret (DB_SECRET_ARN, API_TOKEN_PARAMETER). */
const REFERENCE_SUFFIXES = new Set(['ARN', 'ARNS', 'NAME', 'ID', 'PATH', 'PARAM', 'PARAMETER', 'REF', 'FILE', 'HEADER']);

/**
 * The Lambda console's "encryption in transit" helpers store KMS ciphertext (base64 of a blob
 * starting 01 02 02 00 78 / 01 01 02 00 78): encrypted, decrypted by the function at run time.
 */
const KMS_CIPHERTEXT = /^AQ[IE]CAH[A-Za-z0-9+/]{40,}={0,2}$/;

/**
 * The variables holding plaintext secrets, in input order.
 *
 * @example
 * findPlaintextSecrets([{ name: 'DB_PASSWORD', value: 'hunter2hunter2' }], { namePatterns: ['PASSWORD'], allowNames: [] });
 * // [{ name: 'DB_PASSWORD', why: 'a literal under a secret-like name' }]
 */
export function findPlaintextSecrets(
  variables: Iterable<{ readonly name: string; readonly value: string }>,
  options: SecretDetectionOptions,
): SecretHit[] {
  const { kindOf } = compiled(options);
  const hits: SecretHit[] = [];
  for (const { name, value } of variables) {
    const kind = kindOf(name);
    if (kind === 'allowed') continue;
    const credential = CREDENTIAL_HINT.test(value) ? CREDENTIAL_PATTERNS.find((c) => c.pattern.test(value)) : undefined;
    if (credential) {
      hits.push({ name, why: credential.label });
      continue;
    }
    if (kind === 'secret-like' && !isInertValue(value)) {
      hits.push({ name, why: 'a literal under a secret-like name' });
    }
  }
  return hits;
}

/**
 * What a variable's name says, whatever its value: in allowNames (never reported); named as a
 * pointer to a secret (DB_SECRET_ARN) or nothing secret-like; or matching a name pattern (a
 * literal value under it is reported).
 */
type NameKind = 'allowed' | 'plain' | 'secret-like';

interface CompiledOptions {
  /** The kind of a variable name, remembered: a scan meets the same names in function after function. */
  readonly kindOf: (name: string) => NameKind;
}

/** At most this many names are remembered per set of options (then the memory starts over). */
const MAX_REMEMBERED_NAMES = 10_000;

/** Parameters are frozen per scan: split their patterns into words once, not once per function. */
const compiledCache = new WeakMap<SecretDetectionOptions, CompiledOptions>();
function compiled(options: SecretDetectionOptions): CompiledOptions {
  let hit = compiledCache.get(options);
  if (!hit) {
    const allowed = new Set(options.allowNames.map((n) => n.toUpperCase()));
    const patterns = options.namePatterns.map(words).filter((p) => p.length > 0);
    const kinds = new Map<string, NameKind>();
    const classify = (name: string): NameKind => {
      if (allowed.has(name.toUpperCase())) return 'allowed';
      const nameWords = words(name);
      if (REFERENCE_SUFFIXES.has(nameWords.at(-1) ?? '')) return 'plain';
      return patterns.some((p) => nameMatches(nameWords, p)) ? 'secret-like' : 'plain';
    };
    hit = {
      kindOf(name) {
        let kind = kinds.get(name);
        if (kind === undefined) {
          if (kinds.size >= MAX_REMEMBERED_NAMES) kinds.clear();
          kinds.set(name, (kind = classify(name)));
        }
        return kind;
      },
    };
    compiledCache.set(options, hit);
  }
  return hit;
}

/** Upper-cased words of a name: DB_PASSWORD, dbPassword and db-password all give [DB, PASSWORD]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

function nameMatches(nameWords: readonly string[], pattern: readonly string[]): boolean {
  for (let i = 0; i + pattern.length <= nameWords.length; i++) {
    if (pattern.every((w, j) => nameWords[i + j] === w)) return true;
  }
  // Names glued together (DBPASSWORD, STRIPEAPIKEY): a word ending with the pattern. Short
  // patterns (PWD, JWT) must stand alone, or too many innocent words would match.
  const glued = pattern.join('');
  return glued.length >= 5 && nameWords.some((w) => w.endsWith(glued));
}

/** Values that cannot be a secret even under a secret-like name. */
function isInertValue(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^arn:aws[a-z-]*:/.test(v) || // a reference: Secrets Manager, SSM, KMS …
    v.startsWith('/') || // an SSM parameter path or a mounted file
    v.startsWith('{{resolve:') || // an unresolved CloudFormation dynamic reference
    /^(?:true|false|yes|no|on|off|enabled|disabled|none|null|required|optional)$/i.test(v) ||
    /^\d+(?:\.\d+)?\s*[a-z]{0,3}$/i.test(v) || // a number or duration: TOKEN_TTL=3600, 15m
    /^https?:\/\/[^\s@]+$/i.test(v) || // an endpoint (credential-bearing URLs were caught above)
    KMS_CIPHERTEXT.test(v)
  );
}

/**
 * `prefix` followed by as many items as fit in a reason (with "and N more"), ending with a period.
 *
 * @example
 * reasonWithList('Function f holds plaintext secrets: ', ['A (x)', 'B (y)']); // "Function f holds plaintext secrets: A (x), B (y)."
 */
export function reasonWithList(prefix: string, items: readonly string[]): string {
  const budget = MAX_REASON_LENGTH - prefix.length - 1;
  for (let n = items.length; n > 0; n--) {
    const rest = items.length - n;
    const text = items.slice(0, n).join(', ') + (rest > 0 ? ` and ${rest} more` : '');
    if (text.length <= budget) return `${prefix}${text}.`;
  }
  return `${prefix}${items.length} variables.`;
}
