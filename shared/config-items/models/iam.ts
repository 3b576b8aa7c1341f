import { bool, isObject, num, obj, objs, pick, policyDocument, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/** One statement of an IAM policy document, with single values and lists read alike. */
export interface PolicyStatement {
  readonly sid: string | undefined;
  /** "Allow" or "Deny" as written (IAM rejects anything else, so other values mean a broken document). */
  readonly effect: string | undefined;
  readonly actions: readonly string[];
  /** Present only when the statement uses NotAction instead of Action. */
  readonly notActions: readonly string[] | undefined;
  readonly resources: readonly string[];
  readonly notResources: readonly string[] | undefined;
  readonly hasCondition: boolean;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

/** A customer managed policy (AWS Config records no AWS managed policies as AWS::IAM::Policy). */
export interface IamPolicy {
  readonly policyName: string;
  readonly policyArn: string | undefined;
  readonly policyId: string | undefined;
  readonly path: string | undefined;
  readonly defaultVersionId: string | undefined;
  readonly attachmentCount: number | undefined;
  readonly permissionsBoundaryUsageCount: number | undefined;
  /** The document of the default (effective) version; undefined when the CI carries none that decodes. */
  readonly defaultVersion: PolicyDocument | undefined;
}

export interface IamUser {
  readonly userName: string;
  readonly userId: string | undefined;
  readonly arn: string | undefined;
  readonly path: string | undefined;
  readonly createDate: string | undefined;
  readonly inlinePolicyNames: readonly string[];
  readonly attachedManagedPolicies: readonly { readonly policyName: string; readonly policyArn: string | undefined }[];
  readonly groups: readonly string[];
  readonly permissionsBoundaryArn: string | undefined;
}

/** The user name IAM gives the root user's row in the credential report. */
export const ROOT_ACCOUNT_USER = '<root_account>';

export interface CredentialReportAccessKey {
  readonly slot: 1 | 2;
  readonly active: boolean;
  /** ISO date; undefined when the report says N/A (the key never existed). */
  readonly lastRotated: string | undefined;
}

export interface CredentialReportUser {
  readonly user: string;
  readonly arn: string | undefined;
  readonly userCreationTime: string | undefined;
  /** undefined for the root row, whose column reads "not_supported". */
  readonly passwordEnabled: boolean | undefined;
  readonly passwordLastUsed: string | undefined;
  readonly mfaActive: boolean | undefined;
  readonly accessKeys: readonly CredentialReportAccessKey[];
}

/** IAM's credential report as Vigil's collector emits it (see shared/domain/collected-types.ts). */
export interface CredentialReport {
  readonly generatedTime: string | undefined;
  readonly users: readonly CredentialReportUser[];
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::IAM::Policy': IamPolicy;
    'AWS::IAM::User': IamUser;
    'Vigil::IAM::CredentialReport': CredentialReport;
  }
}

/** Action, Resource and their Not forms hold a string or a list of strings. */
function oneOrMany(value: unknown): readonly string[] {
  return typeof value === 'string' ? (value === '' ? [] : [value]) : strs(value);
}

function optionalList(statement: JsonObject, key: string): readonly string[] | undefined {
  return statement[key] === undefined || statement[key] === null ? undefined : oneOrMany(statement[key]);
}

/**
 * Decodes a policy document in any form a CI carries it: an object, a JSON string, a URL-encoded
 * JSON string (what IAM returns and Config records), or, in older CIs such as the RDK's examples,
 * a one-element list holding the object.
 *
 * @example
 * parsePolicyDocument('%7B%22Statement%22%3A%5B%5D%7D'); // { statements: [] }
 */
export function parsePolicyDocument(value: unknown): PolicyDocument | undefined {
  const source = Array.isArray(value) ? value.find((v) => isObject(v) || typeof v === 'string') : value;
  const document = policyDocument(source);
  if (!document) return undefined;
  // A single statement may be written as an object rather than a one-element list.
  const rawStatements = document['Statement'];
  const statements = isObject(rawStatements) ? [rawStatements] : objs(rawStatements);
  return {
    statements: statements.map((s) => ({
      sid: str(s['Sid']),
      effect: str(s['Effect']),
      actions: oneOrMany(s['Action']),
      notActions: optionalList(s, 'NotAction'),
      resources: oneOrMany(s['Resource']),
      notResources: optionalList(s, 'NotResource'),
      hasCondition: obj(s['Condition']) !== undefined,
    })),
  };
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__IAM__Policy.properties.json
 * Config records every version in `policyVersionList`; only the default one is in force.
 */
export function normalizeIamPolicy(input: ModelInput): IamPolicy {
  const c = input.configuration;
  const defaultVersionId = str(c['defaultVersionId']);
  const versions = objs(c['policyVersionList']);
  const defaultVersion =
    versions.find((v) => bool(v['isDefaultVersion']) === true) ??
    versions.find((v) => defaultVersionId !== undefined && str(v['versionId']) === defaultVersionId) ??
    (versions.length === 1 ? versions[0] : undefined);
  return {
    policyName: str(c['policyName']) ?? input.resourceName ?? input.resourceId,
    policyArn: str(c['arn']) ?? input.arn,
    policyId: str(c['policyId']),
    path: str(c['path']),
    defaultVersionId,
    attachmentCount: num(c['attachmentCount']),
    permissionsBoundaryUsageCount: num(c['permissionsBoundaryUsageCount']),
    defaultVersion: defaultVersion ? parsePolicyDocument(defaultVersion['document']) : undefined,
  };
}

/** @see ../shared/reference/config-resource-schema/AWS__IAM__User.properties.json */
export function normalizeIamUser(input: ModelInput): IamUser {
  const c = input.configuration;
  return {
    userName: str(c['userName']) ?? input.resourceName ?? input.resourceId,
    userId: str(c['userId']) ?? input.resourceId,
    arn: str(c['arn']) ?? input.arn,
    path: str(c['path']),
    createDate: str(c['createDate']),
    inlinePolicyNames: objs(c['userPolicyList']).map((p, i) => str(p['policyName']) ?? `inline policy #${i + 1}`),
    attachedManagedPolicies: objs(c['attachedManagedPolicies']).map((p) => {
      const policyArn = str(p['policyArn']);
      return { policyName: str(p['policyName']) ?? policyArn ?? '(unnamed)', policyArn };
    }),
    groups: strs(c['groupList']),
    permissionsBoundaryArn: str(pick(obj(c['permissionsBoundary']), 'permissionsBoundaryArn')),
  };
}

/** The report writes absent values as words rather than leaving the cell empty. */
const NO_VALUE = new Set(['N/A', 'no_information', 'not_supported']);

function reportValue(row: JsonObject, column: string): string | undefined {
  const value = str(row[column]);
  return value === undefined || NO_VALUE.has(value) ? undefined : value;
}

function reportUser(row: JsonObject): CredentialReportUser | undefined {
  const user = str(row['user']);
  if (user === undefined) return undefined;
  const key = (slot: 1 | 2): CredentialReportAccessKey => ({
    slot,
    active: bool(row[`access_key_${slot}_active`]) ?? false,
    lastRotated: reportValue(row, `access_key_${slot}_last_rotated`),
  });
  return {
    user,
    arn: reportValue(row, 'arn'),
    userCreationTime: reportValue(row, 'user_creation_time'),
    passwordEnabled: bool(reportValue(row, 'password_enabled')),
    passwordLastUsed: reportValue(row, 'password_last_used'),
    mfaActive: bool(reportValue(row, 'mfa_active')),
    accessKeys: [key(1), key(2)],
  };
}

/** @see ../../domain/collected-types.ts (`Vigil::IAM::CredentialReport`) */
export function normalizeCredentialReport(input: ModelInput): CredentialReport {
  const c = input.configuration;
  return {
    generatedTime: str(c['generatedTime']),
    users: objs(c['users']).flatMap((row) => reportUser(row) ?? []),
  };
}

export const iamModels = {
  'AWS::IAM::Policy': normalizeIamPolicy,
  'AWS::IAM::User': normalizeIamUser,
  'Vigil::IAM::CredentialReport': normalizeCredentialReport,
} satisfies ModelRegistry;
