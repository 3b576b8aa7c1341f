import { describe, expect, it } from 'vitest';
import type { CredentialReport, IamPolicy, IamUser } from '../../../shared/config-items/models/iam.ts';
import { parsePolicyDocument } from '../../../shared/config-items/models/iam.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const urlEncoded = (document: unknown): string => encodeURIComponent(JSON.stringify(document));

const adminV2 = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-assets/*' },
    { Effect: 'Allow', Action: ['*'], Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
  ],
};
const scopedV1 = { Version: '2012-10-17', Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: ['*'] } };

const policyConfiguration = {
  policyName: 'ci-deployer',
  policyId: 'ANPA4EXAMPLECIDEP0002',
  arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deployer`,
  path: '/',
  defaultVersionId: 'v2',
  attachmentCount: 3,
  permissionsBoundaryUsageCount: 0,
  policyVersionList: [
    { document: urlEncoded(scopedV1), versionId: 'v1', isDefaultVersion: false },
    { document: urlEncoded(adminV2), versionId: 'v2', isDefaultVersion: true },
  ],
};

function policyItem(form: 'notification' | 'api', configuration: unknown): unknown {
  const common = {
    configurationItemCaptureTime: '2026-11-20T09:12:44.512Z',
    configurationItemStatus: 'OK',
    resourceType: 'AWS::IAM::Policy',
    resourceId: 'ANPA4EXAMPLECIDEP0002',
    resourceName: 'ci-deployer',
    awsRegion: 'global',
    tags: {},
    relationships: [],
  };
  return form === 'notification'
    ? { ...common, awsAccountId: ACCOUNT, ARN: `arn:aws:iam::${ACCOUNT}:policy/ci-deployer`, configuration }
    : { ...common, accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:policy/ci-deployer`, configuration: JSON.stringify(configuration) };
}

describe('AWS::IAM::Policy model', () => {
  it.each(['notification', 'api'] as const)('decodes the URL-encoded default version document (%s form)', (form) => {
    // Prepare
    const item = policyItem(form, policyConfiguration);

    // Act
    const policy = normalizeConfigurationItem(item).model as IamPolicy;

    // Assess
    expect(policy).toMatchObject({ policyName: 'ci-deployer', defaultVersionId: 'v2', attachmentCount: 3 });
    expect(policy.defaultVersion?.statements).toEqual([
      { sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], notActions: undefined, resources: ['arn:aws:s3:::acme-assets/*'], notResources: undefined, hasCondition: false },
      { sid: undefined, effect: 'Allow', actions: ['*'], notActions: undefined, resources: ['*'], notResources: undefined, hasCondition: true },
    ]);
  });

  it('falls back to defaultVersionId when no version is flagged as default', () => {
    // Prepare
    const versions = policyConfiguration.policyVersionList.map(({ document, versionId }) => ({ document, versionId }));
    const item = policyItem('api', { ...policyConfiguration, defaultVersionId: 'v1', policyVersionList: versions });

    // Act
    const policy = normalizeConfigurationItem(item).model as IamPolicy;

    // Assess: v1's single statement object, NotAction kept apart from Action
    expect(policy.defaultVersion?.statements).toEqual([
      { sid: undefined, effect: 'Allow', actions: [], notActions: ['iam:*'], resources: ['*'], notResources: undefined, hasCondition: false },
    ]);
  });

  it('reads no document rather than throwing when the version list is missing or undecodable', () => {
    // Prepare
    const missing = policyItem('notification', { ...policyConfiguration, policyVersionList: null });
    const garbled = policyItem('notification', {
      ...policyConfiguration,
      policyVersionList: [{ document: '%7B%22Statement%22%3A%5B', versionId: 'v2', isDefaultVersion: true }],
    });

    // Act
    const models = [missing, garbled].map((item) => normalizeConfigurationItem(item).model as IamPolicy);

    // Assess
    expect(models.map((m) => m.defaultVersion)).toEqual([undefined, undefined]);
  });

  it.each([
    ['an object', adminV2],
    ['a plain JSON string', JSON.stringify(adminV2)],
    ['a URL-encoded JSON string', urlEncoded(adminV2)],
    ['a one-element list (older CIs)', [adminV2]],
  ])('parses a policy document given as %s', (_label, document) => {
    // Act
    const parsed = parsePolicyDocument(document);

    // Assess
    expect(parsed?.statements.map((s) => s.actions)).toEqual([['s3:GetObject'], ['*']]);
  });
});

describe('AWS::IAM::User model', () => {
  it.each(['notification', 'api'] as const)('lists inline, attached and group policies (%s form)', (form) => {
    // Prepare
    const configuration = {
      userName: 'johndoe',
      userId: 'AIDA4EXAMPLEJOHND001',
      arn: `arn:aws:iam::${ACCOUNT}:user/johndoe`,
      path: '/',
      userPolicyList: [{ policyName: 'policygen-johndoe', policyDocument: urlEncoded(adminV2) }],
      groupList: ['developers'],
      attachedManagedPolicies: [{ policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      permissionsBoundary: { permissionsBoundaryType: 'Policy', permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary` },
    };
    const item = {
      ...(form === 'notification' ? { awsAccountId: ACCOUNT, configuration } : { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }),
      resourceType: 'AWS::IAM::User',
      resourceId: 'AIDA4EXAMPLEJOHND001',
      resourceName: 'johndoe',
      awsRegion: 'global',
    };

    // Act
    const user = normalizeConfigurationItem(item).model as IamUser;

    // Assess
    expect(user).toEqual({
      userName: 'johndoe',
      userId: 'AIDA4EXAMPLEJOHND001',
      arn: `arn:aws:iam::${ACCOUNT}:user/johndoe`,
      path: '/',
      createDate: undefined,
      inlinePolicyNames: ['policygen-johndoe'],
      attachedManagedPolicies: [{ policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      groups: ['developers'],
      permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
    });
  });
});

describe('Vigil::IAM::CredentialReport model', () => {
  it('reads the report columns, turning N/A and not_supported into undefined', () => {
    // Prepare
    const item = {
      awsAccountId: ACCOUNT,
      awsRegion: 'global',
      resourceType: 'Vigil::IAM::CredentialReport',
      resourceId: ACCOUNT,
      configuration: {
        generatedTime: '2026-11-22T06:00:03Z',
        users: [
          {
            user: '<root_account>', arn: `arn:aws:iam::${ACCOUNT}:root`, user_creation_time: '2019-02-01T10:00:00+00:00',
            password_enabled: 'not_supported', password_last_used: 'no_information', mfa_active: 'true',
            access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A',
          },
          {
            user: 'svc-deploy', arn: `arn:aws:iam::${ACCOUNT}:user/svc-deploy`, user_creation_time: '2024-09-22T05:55:07+00:00',
            password_enabled: 'false', password_last_used: 'N/A', mfa_active: 'false',
            access_key_1_active: 'true', access_key_1_last_rotated: '2026-05-01T09:00:00+00:00', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A',
          },
          { arn: 'a row without a user name is skipped' },
        ],
      },
    };

    // Act
    const report = normalizeConfigurationItem(item).model as CredentialReport;

    // Assess
    expect(report.generatedTime).toBe('2026-11-22T06:00:03Z');
    expect(report.users).toEqual([
      {
        user: '<root_account>', arn: `arn:aws:iam::${ACCOUNT}:root`, userCreationTime: '2019-02-01T10:00:00+00:00',
        passwordEnabled: undefined, passwordLastUsed: undefined, mfaActive: true,
        accessKeys: [{ slot: 1, active: false, lastRotated: undefined }, { slot: 2, active: false, lastRotated: undefined }],
      },
      {
        user: 'svc-deploy', arn: `arn:aws:iam::${ACCOUNT}:user/svc-deploy`, userCreationTime: '2024-09-22T05:55:07+00:00',
        passwordEnabled: false, passwordLastUsed: undefined, mfaActive: false,
        accessKeys: [{ slot: 1, active: true, lastRotated: '2026-05-01T09:00:00+00:00' }, { slot: 2, active: false, lastRotated: undefined }],
      },
    ]);
  });
});
