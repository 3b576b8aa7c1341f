import {
  PUBLIC_ACCESS_BLOCK_SETTINGS,
  type PolicyCondition,
  type PolicyStatement,
  type PublicAccessBlock,
  type S3Bucket,
} from '../../config-items/models/s3.ts';
import type { Resource, ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';

export const BUCKET = 'AWS::S3::Bucket';
export const ACCOUNT_BLOCK = 'AWS::S3::AccountPublicAccessBlock';

export type BlockSetting = (typeof PUBLIC_ACCESS_BLOCK_SETTINGS)[number];

/**
 * The account's Block Public Access settings. They are account-wide, so a record from any region
 * of the account will do; the bucket's own region is preferred.
 */
export function accountPublicAccessBlock(
  inventory: InventoryView,
  accountId: string,
  region: string,
): Resource<typeof ACCOUNT_BLOCK> | undefined {
  const ofAccount = accountBlocks(inventory).get(accountId);
  return ofAccount?.byRegion.get(region) ?? ofAccount?.first;
}

/** Each account's settings records: the first listed, and the first of each region. Built once per inventory. */
function accountBlocks(inventory: InventoryView): ReadonlyMap<string, { first: AccountBlock; byRegion: Map<string, AccountBlock> }> {
  return inventory.derive('s3/account-blocks', (inv) => {
    const index = new Map<string, { first: AccountBlock; byRegion: Map<string, AccountBlock> }>();
    for (const block of inv.list(ACCOUNT_BLOCK)) {
      let ofAccount = index.get(block.accountId);
      if (!ofAccount) index.set(block.accountId, (ofAccount = { first: block, byRegion: new Map() }));
      if (!ofAccount.byRegion.has(block.region)) ofAccount.byRegion.set(block.region, block);
    }
    return index;
  });
}

type AccountBlock = Resource<typeof ACCOUNT_BLOCK>;

export interface EffectiveBlock {
  /** Per setting: on at the bucket or at the account level (S3 applies the most restrictive of the two). */
  readonly on: Readonly<Record<BlockSetting, boolean>>;
  readonly bucket: PublicAccessBlock | undefined;
  readonly account: PublicAccessBlock | undefined;
}

export function effectivePublicAccessBlock(bucket: Resource<typeof BUCKET>, inventory: InventoryView): EffectiveBlock {
  const account = accountPublicAccessBlock(inventory, bucket.accountId, bucket.region)?.model;
  const own = bucket.model.publicAccessBlock;
  const isOn = (setting: BlockSetting): boolean => own?.[setting] === true || account?.[setting] === true;
  const on = {
    blockPublicAcls: isOn('blockPublicAcls'),
    ignorePublicAcls: isOn('ignorePublicAcls'),
    blockPublicPolicy: isOn('blockPublicPolicy'),
    restrictPublicBuckets: isOn('restrictPublicBuckets'),
  };
  return { on, bucket: own, account };
}

export function settingsOff(block: PublicAccessBlock | undefined): BlockSetting[] {
  return PUBLIC_ACCESS_BLOCK_SETTINGS.filter((s) => block?.[s] !== true);
}

/** Every bucket of the account, in every region: account-level settings reach all of them. */
export function bucketsOfAccount(accountId: string, inventory: InventoryView): ResourceKey[] {
  return inventory.list(BUCKET, { accountId }).map(({ accountId: a, region, resourceType, resourceId }) => ({
    accountId: a,
    region,
    resourceType,
    resourceId,
  }));
}

export function bucketArn(bucket: Resource<typeof BUCKET>): string {
  return bucket.arn ?? `arn:aws:s3:::${bucket.model.bucketName}`;
}

/** IAM's wildcard matching: `*` any run of characters, `?` one character; case-sensitive unless told. */
export function iamMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  return caseInsensitive ? globMatches(pattern.toLowerCase(), value.toLowerCase()) : globMatches(pattern, value);
}

/**
 * `*` and `?` matching without building a RegExp per pattern (bucket policies name their own
 * bucket, so patterns rarely repeat): the classic greedy scan that backtracks to the last `*`.
 */
function globMatches(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && c === 42 /* * */) {
      star = p++;
      mark = v;
    } else if (p < pattern.length && (c === 63 /* ? */ || c === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}


/** A statement that names every principal: `"*"`, `{"AWS": "*"}`, `{"CanonicalUser": "*"}`. */
export function namesEveryone(statement: PolicyStatement): boolean {
  return Object.entries(statement.principals ?? {}).some(
    ([type, ids]) => (type === 'AWS' || type === 'CanonicalUser') && ids.includes('*'),
  );
}

/**
 * Condition keys whose fixed values confine a wildcard principal to a known network, account,
 * organization or source resource (the keys S3 itself accepts as making a policy non-public).
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:PrincipalOrgID',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
);

/**
 * Operators that pin a key to the listed values. Negated operators (`StringNotEquals`) and
 * `…IfExists` (true when the key is absent) confine nothing; nor does `ForAllValues:` (true when
 * the key is absent).
 */
const PINNING_OPERATORS = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/i;
const OPEN_CIDR = /^(0\.0\.0\.0|::)\/0$/;

/**
 * A value S3 counts as fixed: no wildcard (`*`, `?`) and no policy variable (`${aws:username}`),
 * anywhere in it. `vpc-*` or `o-*` admits every VPC or organization, and a variable takes the
 * caller's own value, so neither confines anyone. An open CIDR (0.0.0.0/0, ::/0) is no limit either.
 */
export function isFixedValue(value: string): boolean {
  return !/[*?]|\$\{/.test(value) && !OPEN_CIDR.test(value.trim());
}

/**
 * The condition that keeps an Allow to `*` from being public, if any: a pinning operator on a
 * restricting key with fixed values only (S3's own definition of a non-public policy).
 *
 * Only for bucket policies: a Lambda resource policy's `ArnLike aws:SourceArn
 * arn:aws:execute-api:…/*` is the normal API Gateway grant and pins the caller to one API
 * (see lambda/_resource-policy.ts).
 */
export function restrictingCondition(statement: PolicyStatement): PolicyCondition | undefined {
  return statement.conditions.find(
    (c) => PINNING_OPERATORS.test(c.operator) && RESTRICTING_KEYS.has(c.key.toLowerCase()) && c.values.length > 0 && c.values.every(isFixedValue),
  );
}

/**
 * Allow statements open to anyone: a wildcard principal (or `NotPrincipal`, "everyone but …")
 * without a restricting condition.
 */
export function publicStatements(policy: readonly PolicyStatement[]): PolicyStatement[] {
  return policy.filter(
    (s) => s.effect === 'Allow' && (s.notPrincipals !== undefined || namesEveryone(s)) && !restrictingCondition(s),
  );
}

function coversAction(statement: PolicyStatement, action: string): boolean {
  return statement.actions.some((a) => iamMatches(a, action, true));
}

function coversBucket(statement: PolicyStatement, arn: string): boolean {
  return statement.resources.some((r) => iamMatches(r, arn));
}

/** A resource pattern ending in `*` that matches `<bucket arn>/` matches every object key. */
function coversAllObjects(statement: PolicyStatement, arn: string): boolean {
  return statement.resources.some((r) => r.endsWith('*') && iamMatches(r, `${arn}/`));
}

/**
 * The statement that denies every S3 request made without TLS to everyone, on the bucket and all
 * its objects: `Deny`, principal `*`, action `s3:*`, condition `Bool aws:SecureTransport=false`
 * and nothing else (a further condition would narrow the deny).
 */
export function insecureTransportDeny(bucket: S3Bucket, arn: string): PolicyStatement | undefined {
  return bucket.policy?.find(
    (s) =>
      s.effect === 'Deny' &&
      namesEveryone(s) &&
      s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*') &&
      coversBucket(s, arn) &&
      coversAllObjects(s, arn) &&
      s.conditions.length === 1 &&
      s.conditions.every(
        (c) =>
          /^Bool(IfExists)?$/i.test(c.operator) &&
          c.key.toLowerCase() === 'aws:securetransport' &&
          c.values.length > 0 &&
          c.values.every((v) => v.toLowerCase() === 'false'),
      ),
  );
}

const SSE_HEADER = 's3:x-amz-server-side-encryption';
const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

/**
 * The pre-2023 way to enforce encryption: a policy denying `s3:PutObject` to everyone unless the
 * request asks for SSE (`StringNotEquals s3:x-amz-server-side-encryption` with only accepted
 * algorithms, or `Null … true` when any algorithm will do).
 */
export function unencryptedUploadDeny(bucket: S3Bucket, arn: string, requireKms: boolean): PolicyStatement | undefined {
  const accepted = requireKms ? KMS_ALGORITHMS : ['AES256', ...KMS_ALGORITHMS];
  return bucket.policy?.find(
    (s) =>
      s.effect === 'Deny' &&
      namesEveryone(s) &&
      coversAction(s, 's3:PutObject') &&
      coversAllObjects(s, arn) &&
      s.conditions.some(
        (c) =>
          c.key.toLowerCase() === SSE_HEADER &&
          ((/^StringNotEquals$/i.test(c.operator) && c.values.length > 0 && c.values.every((v) => accepted.includes(v))) ||
            (!requireKms && /^Null$/i.test(c.operator) && c.values.includes('true'))),
      ),
  );
}

/** A short label for a statement in a reason: its Sid, or its position. */
export function statementLabel(policy: readonly PolicyStatement[], statement: PolicyStatement): string {
  return statement.sid ? `"${statement.sid}"` : `#${policy.indexOf(statement) + 1}`;
}
