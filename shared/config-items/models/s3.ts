import { bool, isObject, obj, objs, pick, policyDocument, str, strs, tryJson, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/** The four S3 Block Public Access settings (bucket or account level); undefined = not reported. */
export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean | undefined;
  readonly ignorePublicAcls: boolean | undefined;
  readonly blockPublicPolicy: boolean | undefined;
  readonly restrictPublicBuckets: boolean | undefined;
}

export const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  'blockPublicAcls',
  'ignorePublicAcls',
  'blockPublicPolicy',
  'restrictPublicBuckets',
] as const satisfies readonly (keyof PublicAccessBlock)[];

/** ACL permissions in the S3 API's spelling. */
export type AclPermission = 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';

export interface AclGrant {
  /** `AllUsers`, `AuthenticatedUsers`, `LogDelivery` for group grantees; undefined for canonical users. */
  readonly group: string | undefined;
  /** Canonical user id, or the e-mail address of legacy e-mail grants. */
  readonly canonicalId: string | undefined;
  readonly permission: AclPermission | string;
}

export interface PolicyCondition {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`. */
  readonly operator: string;
  /** As written; IAM condition keys are case-insensitive, so compare lower-cased. */
  readonly key: string;
  readonly values: readonly string[];
}

/** One statement of a resource policy, with every "string or list" field as a list. */
export interface PolicyStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  /** Principal by type (`AWS`, `Service`, `CanonicalUser`, `Federated`); `"*"` reads as `{ AWS: ["*"] }`. */
  readonly principals: Readonly<Record<string, readonly string[]>> | undefined;
  readonly notPrincipals: Readonly<Record<string, readonly string[]>> | undefined;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly conditions: readonly PolicyCondition[];
}

export interface S3EncryptionRule {
  /** `AES256` (SSE-S3), `aws:kms`, or `aws:kms:dsse`. */
  readonly sseAlgorithm: string;
  readonly kmsMasterKeyId: string | undefined;
  readonly bucketKeyEnabled: boolean | undefined;
}

export interface S3LifecycleRule {
  readonly id: string | undefined;
  readonly status: string | undefined;
}

export interface S3ReplicationRule {
  readonly id: string | undefined;
  readonly status: string | undefined;
  readonly destinationBucketArn: string | undefined;
}

export interface S3CorsRule {
  readonly id: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
}

/**
 * Supplementary entries AWS Config writes for every bucket, with a "nothing set" sentinel when
 * unset (`BucketLoggingConfiguration: {"destinationBucketName": null}`, `BucketPolicy:
 * {"policyText": null}`): ../shared/reference/aws-config-formats.md §7. Without one, the item
 * does not say whether the setting is on.
 */
export const S3_ALWAYS_RECORDED = ['AccessControlList', 'BucketLoggingConfiguration', 'BucketPolicy'] as const;
export type S3AlwaysRecorded = (typeof S3_ALWAYS_RECORDED)[number];

export interface S3Bucket {
  readonly bucketName: string;
  /** The S3_ALWAYS_RECORDED entries this item lacks: what it says nothing about (usually none). */
  readonly unrecorded: readonly S3AlwaysRecorded[];
  /** `Off` when versioning was never turned on (Config's own sentinel for "no configuration"). */
  readonly versioning: { readonly status: 'Enabled' | 'Suspended' | 'Off'; readonly mfaDelete: boolean | undefined };
  /** undefined when server access logging is off. */
  readonly logging: { readonly targetBucket: string; readonly targetPrefix: string | undefined } | undefined;
  /** Default encryption rules; [] when the bucket has no default encryption configuration. */
  readonly encryptionRules: readonly S3EncryptionRule[];
  /** Bucket-level Block Public Access; undefined when the bucket has none. */
  readonly publicAccessBlock: PublicAccessBlock | undefined;
  /** ACL grants; undefined when the CI carries no ACL. */
  readonly aclGrants: readonly AclGrant[] | undefined;
  /** Bucket policy statements; undefined when the bucket has no policy. */
  readonly policy: readonly PolicyStatement[] | undefined;
  readonly lifecycleRules: readonly S3LifecycleRule[];
  /** undefined when the bucket has no replication configuration. */
  readonly replication: { readonly roleArn: string | undefined; readonly rules: readonly S3ReplicationRule[] } | undefined;
  readonly corsRules: readonly S3CorsRule[];
}

export type S3AccountPublicAccessBlock = PublicAccessBlock;

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::S3::Bucket': S3Bucket;
    'AWS::S3::AccountPublicAccessBlock': S3AccountPublicAccessBlock;
  }
}

/**
 * S3 buckets keep almost everything in `supplementaryConfiguration`, serialized by AWS Config
 * from the AWS SDK for Java v1 bucket models: camelCase keys, group grantees as enum names
 * ("AllUsers"), permissions as "FullControl", replication rules as a map keyed by rule id.
 * In the API form each supplementary value is itself a JSON string, and the ACL is encoded
 * twice (a JSON string holding a JSON string).
 *
 * @see ../shared/reference/config-resource-schema/AWS__S3__Bucket.properties.json
 */
export function normalizeS3Bucket(input: ModelInput): S3Bucket {
  const c = input.configuration;
  const s = input.supplementary;
  return {
    bucketName: str(c['name']) ?? input.resourceName ?? input.resourceId,
    unrecorded: S3_ALWAYS_RECORDED.filter((entry) => s[entry] === undefined || s[entry] === null),
    versioning: versioningOf(decoded(s['BucketVersioningConfiguration'])),
    logging: loggingOf(decoded(s['BucketLoggingConfiguration'])),
    encryptionRules: encryptionRulesOf(decoded(s['ServerSideEncryptionConfiguration'])),
    publicAccessBlock: publicAccessBlockOf(decoded(s['PublicAccessBlockConfiguration'])),
    aclGrants: aclGrantsOf(decoded(s['AccessControlList'])),
    policy: policyOf(decoded(s['BucketPolicy'])),
    lifecycleRules: objs(decoded(s['BucketLifecycleConfiguration'])?.['rules']).map((r) => ({
      id: str(r['id']),
      status: str(r['status']),
    })),
    replication: replicationOf(decoded(s['BucketReplicationConfiguration'])),
    corsRules: objs(decoded(s['BucketCrossOriginConfiguration'])?.['rules']).map((r) => ({
      id: str(r['id']),
      allowedOrigins: strs(r['allowedOrigins']),
      allowedMethods: strs(r['allowedMethods']),
    })),
  };
}

/** The account-wide Block Public Access settings (`s3control:GetPublicAccessBlock`), in `configuration`. */
export function normalizeS3AccountPublicAccessBlock(input: ModelInput): S3AccountPublicAccessBlock {
  return (
    publicAccessBlockOf(input.configuration) ?? {
      blockPublicAcls: undefined,
      ignorePublicAcls: undefined,
      blockPublicPolicy: undefined,
      restrictPublicBuckets: undefined,
    }
  );
}

/**
 * A supplementary value as an object: the object itself, a JSON string, or a JSON string of a
 * JSON string (the ACL in the API form). Config's "nothing here" sentinels (`null`, `"null"`) read
 * as undefined.
 */
function decoded(value: unknown): JsonObject | undefined {
  let current = value;
  for (let depth = 0; depth < 3 && typeof current === 'string'; depth++) {
    const trimmed = current.trim();
    if (!trimmed.startsWith('"') && !trimmed.startsWith('{')) return undefined;
    current = tryJson(trimmed);
  }
  return isObject(current) ? current : undefined;
}

function versioningOf(v: JsonObject | undefined): S3Bucket['versioning'] {
  const status = str(v?.['status']);
  return {
    // Config reports a bucket that never had versioning as {"status":"Off","isMfaDeleteEnabled":null}.
    status: status === 'Enabled' || status === 'Suspended' ? status : 'Off',
    mfaDelete: bool(v?.['isMfaDeleteEnabled']),
  };
}

function loggingOf(v: JsonObject | undefined): S3Bucket['logging'] {
  // Logging off is {"destinationBucketName":null,"logFilePrefix":null}.
  const targetBucket = str(v?.['destinationBucketName']);
  return targetBucket ? { targetBucket, targetPrefix: str(v?.['logFilePrefix']) } : undefined;
}

function encryptionRulesOf(v: JsonObject | undefined): S3EncryptionRule[] {
  return objs(v?.['rules']).flatMap((r) => {
    const byDefault = obj(r['applyServerSideEncryptionByDefault']);
    const sseAlgorithm = str(byDefault?.['sseAlgorithm']);
    if (!sseAlgorithm) return [];
    return [
      {
        sseAlgorithm,
        kmsMasterKeyId: str(pick(byDefault, 'kmsMasterKeyID', 'kmsMasterKeyId')),
        bucketKeyEnabled: bool(r['bucketKeyEnabled']),
      },
    ];
  });
}

function publicAccessBlockOf(v: JsonObject | undefined): PublicAccessBlock | undefined {
  if (!v) return undefined;
  const settings = {
    blockPublicAcls: bool(v['blockPublicAcls']),
    ignorePublicAcls: bool(v['ignorePublicAcls']),
    blockPublicPolicy: bool(v['blockPublicPolicy']),
    restrictPublicBuckets: bool(v['restrictPublicBuckets']),
  };
  return Object.values(settings).some((x) => x !== undefined) ? settings : undefined;
}

const GROUP_URI = /\/groups\/(?:global|s3)\/([A-Za-z]+)$/;

/** Java SDK v1 enum names ("FullControl", "ReadAcp") and the S3 API's names ("FULL_CONTROL", "READ_ACP"). */
const PERMISSIONS: Readonly<Record<string, AclPermission>> = {
  fullcontrol: 'FULL_CONTROL',
  read: 'READ',
  write: 'WRITE',
  readacp: 'READ_ACP',
  writeacp: 'WRITE_ACP',
};

function aclGrantsOf(v: JsonObject | undefined): AclGrant[] | undefined {
  if (!v) return undefined;
  return objs(pick(v, 'grantList', 'grants', 'Grants')).map((g) => {
    const rawPermission = str(pick(g, 'permission', 'Permission')) ?? '';
    const permission = PERMISSIONS[rawPermission.replace(/_/g, '').toLowerCase()] ?? rawPermission;
    const grantee = pick(g, 'grantee', 'Grantee');
    // Group grantees are serialized as the bare enum name ("AllUsers"); other shapes carry a URI.
    if (typeof grantee === 'string') return { group: groupName(grantee), canonicalId: undefined, permission };
    const o = obj(grantee);
    const uri = str(pick(o, 'uri', 'URI'));
    const identifier = str(pick(o, 'identifier', 'id', 'ID'));
    const type = str(pick(o, 'typeIdentifier', 'type', 'Type'))?.toLowerCase();
    if (uri || type === 'uri' || type === 'group') {
      return { group: groupName(uri ?? identifier ?? ''), canonicalId: undefined, permission };
    }
    return { group: undefined, canonicalId: identifier ?? str(pick(o, 'emailAddress', 'EmailAddress')), permission };
  });
}

function groupName(value: string): string {
  return GROUP_URI.exec(value)?.[1] ?? value;
}

function policyOf(v: JsonObject | undefined): PolicyStatement[] | undefined {
  const document = policyDocument(v?.['policyText']);
  if (!document) return undefined;
  const statements = document['Statement'];
  return objs(isObject(statements) ? [statements] : statements).map(normalizeStatement);
}

/** Normalizes one IAM-grammar statement (S3 bucket policies use the IAM policy language). */
export function normalizeStatement(s: JsonObject): PolicyStatement {
  return {
    sid: str(s['Sid']),
    effect: str(s['Effect']) === 'Deny' ? 'Deny' : 'Allow',
    principals: principalsOf(s['Principal']),
    notPrincipals: principalsOf(s['NotPrincipal']),
    actions: stringOrList(s['Action']),
    notActions: stringOrList(s['NotAction']),
    resources: stringOrList(s['Resource']),
    notResources: stringOrList(s['NotResource']),
    conditions: conditionsOf(s['Condition']),
  };
}

function principalsOf(value: unknown): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { AWS: [value] };
  const o = obj(value);
  if (!o) return undefined;
  const out: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(o)) out[type] = [...stringOrList(ids)];
  return out;
}

function conditionsOf(value: unknown): PolicyCondition[] {
  const o = obj(value);
  if (!o) return [];
  const out: PolicyCondition[] = [];
  for (const [operator, block] of Object.entries(o)) {
    const keys = obj(block);
    if (!keys) continue;
    for (const [key, values] of Object.entries(keys)) out.push({ operator, key, values: stringOrList(values) });
  }
  return out;
}

/** IAM's "string or list of strings"; booleans and numbers (`"aws:SecureTransport": false`) as strings. */
function stringOrList(value: unknown): readonly string[] {
  if (typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'boolean' ? [String(v)] : (str(v) ?? [])));
  const single = str(value);
  return single === undefined ? [] : [single];
}

function replicationOf(v: JsonObject | undefined): S3Bucket['replication'] {
  if (!v) return undefined;
  const rawRules = v['rules'];
  // Config serializes the rules as a map keyed by rule id; the S3 API shape is a list with `id`.
  const entries: [string | undefined, JsonObject][] = Array.isArray(rawRules) || typeof rawRules === 'string'
    ? objs(rawRules).map((r) => [str(pick(r, 'id', 'ID')), r])
    : Object.entries(obj(rawRules) ?? {}).flatMap(([id, r]) => {
        const rule = obj(r);
        return rule ? [[id, rule] as [string, JsonObject]] : [];
      });
  return {
    roleArn: str(pick(v, 'roleARN', 'role', 'Role')),
    rules: entries.map(([id, r]) => ({
      id,
      status: str(pick(r, 'status', 'Status')),
      destinationBucketArn: str(pick(obj(pick(r, 'destinationConfig', 'destination', 'Destination')), 'bucketARN', 'bucket', 'Bucket')),
    })),
  };
}

export const s3Models = {
  'AWS::S3::Bucket': normalizeS3Bucket,
  'AWS::S3::AccountPublicAccessBlock': normalizeS3AccountPublicAccessBlock,
} satisfies ModelRegistry;
