import { describe, expect, it } from 'vitest';
import type { S3AccountPublicAccessBlock, S3Bucket } from '../../../shared/config-items/models/s3.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const OWNER = '5f1c7e0a9b3d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e';
const NAME = 'acme-invoices-prod';
const ARN = `arn:aws:s3:::${NAME}`;

/** The bucket's supplementary configuration as a notification carries it (objects, the ACL as a JSON string). */
const supplementary = {
  AccessControlList: JSON.stringify({
    grantSet: null,
    grantList: [
      { grantee: { id: OWNER, displayName: null }, permission: 'FullControl' },
      { grantee: 'AllUsers', permission: 'Read' },
      { grantee: { identifier: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', typeIdentifier: 'uri' }, permission: 'WriteAcp' },
      { grantee: 'LogDelivery', permission: 'Write' },
    ],
    owner: { displayName: null, id: OWNER },
    isRequesterCharged: false,
  }),
  BucketAccelerateConfiguration: { status: null },
  BucketLoggingConfiguration: { destinationBucketName: 'acme-s3-access-logs', logFilePrefix: `${NAME}/` },
  BucketPolicy: {
    policyText: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [ARN, `${ARN}/*`],
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root', '*'] }, Action: ['s3:GetObject'], Resource: `${ARN}/*` },
      ],
    }),
  },
  BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: true },
  ServerSideEncryptionConfiguration: {
    rules: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/3f9c2a1e-8d4b-4c7a-9e1f-0a2b3c4d5e6f` },
        bucketKeyEnabled: true,
      },
    ],
  },
  PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
  BucketLifecycleConfiguration: {
    rules: [
      { id: 'expire-noncurrent', prefix: null, status: 'Enabled', filter: { predicate: null }, expirationInDays: -1 },
      { id: 'old-tmp', prefix: 'tmp/', status: 'Disabled', filter: { predicate: { type: 'LifecyclePrefixPredicate', prefix: 'tmp/' } } },
    ],
  },
  BucketReplicationConfiguration: {
    roleARN: `arn:aws:iam::${ACCOUNT}:role/s3-replication`,
    rules: { offsite: { prefix: '', status: 'Enabled', destinationConfig: { bucketARN: 'arn:aws:s3:::acme-invoices-replica', storageClass: null } } },
  },
  BucketCrossOriginConfiguration: {
    rules: [{ id: null, allowedMethods: ['GET', 'HEAD'], allowedOrigins: ['https://app.acme.example', '*'], maxAgeSeconds: 3000, exposedHeaders: null, allowedHeaders: ['*'] }],
  },
  IsRequesterPaysEnabled: false,
};

/** The API form: `configuration` and every supplementary value a JSON string, the ACL encoded twice. */
function apiForm(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      key === 'AccessControlList' ? JSON.stringify(value) : typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

const configuration = { name: NAME, owner: { displayName: null, id: OWNER }, creationDate: '2025-03-14T10:22:31.000Z' };
const envelope = { resourceType: 'AWS::S3::Bucket', resourceId: NAME, resourceName: NAME, awsRegion: 'eu-west-1' };

function bucket(ci: Record<string, unknown>): S3Bucket {
  return normalizeConfigurationItem({ ...envelope, ...ci }).model as S3Bucket;
}

describe('AWS::S3::Bucket model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, configuration, supplementaryConfiguration: supplementary }],
    ['api', { accountId: ACCOUNT, arn: ARN, configuration: JSON.stringify(configuration), supplementaryConfiguration: apiForm(supplementary) }],
  ])('reads every supplementary document (%s form)', (_form, ci) => {
    // Act
    const model = bucket(ci);

    // Assess
    expect(model.bucketName).toBe(NAME);
    expect(model.versioning).toEqual({ status: 'Enabled', mfaDelete: true });
    expect(model.logging).toEqual({ targetBucket: 'acme-s3-access-logs', targetPrefix: `${NAME}/` });
    expect(model.encryptionRules).toEqual([
      { sseAlgorithm: 'aws:kms', kmsMasterKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/3f9c2a1e-8d4b-4c7a-9e1f-0a2b3c4d5e6f`, bucketKeyEnabled: true },
    ]);
    expect(model.publicAccessBlock).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false });
    expect(model.aclGrants).toEqual([
      { group: undefined, canonicalId: OWNER, permission: 'FULL_CONTROL' },
      { group: 'AllUsers', canonicalId: undefined, permission: 'READ' },
      { group: 'AuthenticatedUsers', canonicalId: undefined, permission: 'WRITE_ACP' },
      { group: 'LogDelivery', canonicalId: undefined, permission: 'WRITE' },
    ]);
    expect(model.lifecycleRules).toEqual([
      { id: 'expire-noncurrent', status: 'Enabled' },
      { id: 'old-tmp', status: 'Disabled' },
    ]);
    expect(model.replication).toEqual({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/s3-replication`,
      rules: [{ id: 'offsite', status: 'Enabled', destinationBucketArn: 'arn:aws:s3:::acme-invoices-replica' }],
    });
    expect(model.corsRules).toEqual([{ id: undefined, allowedOrigins: ['https://app.acme.example', '*'], allowedMethods: ['GET', 'HEAD'] }]);
  });

  it.each([
    ['notification', supplementary],
    ['api', apiForm(supplementary)],
  ])('reads the bucket policy from its JSON string, every "string or list" field as a list (%s form)', (_form, supp) => {
    // Act
    const { policy } = bucket({ awsAccountId: ACCOUNT, configuration, supplementaryConfiguration: supp });

    // Assess
    expect(policy).toEqual([
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: { AWS: ['*'] },
        notPrincipals: undefined,
        actions: ['s3:*'],
        notActions: [],
        resources: [ARN, `${ARN}/*`],
        notResources: [],
        conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] }],
      },
      {
        sid: undefined,
        effect: 'Allow',
        principals: { AWS: ['arn:aws:iam::444455556666:root', '*'] },
        notPrincipals: undefined,
        actions: ['s3:GetObject'],
        notActions: [],
        resources: [`${ARN}/*`],
        notResources: [],
        conditions: [],
      },
    ]);
  });

  it('reads the null sentinels AWS Config writes for absent configuration as "nothing configured"', () => {
    // Prepare: a bucket as Config records it right after CreateBucket (API form, from a real item's shape).
    const ci = {
      accountId: ACCOUNT,
      arn: ARN,
      configuration: JSON.stringify(configuration),
      supplementaryConfiguration: {
        AccessControlList: JSON.stringify(JSON.stringify({ grantSet: null, grantList: [{ grantee: { id: OWNER, displayName: null }, permission: 'FullControl' }], owner: { id: OWNER } })),
        BucketAccelerateConfiguration: '{"status":null}',
        BucketLoggingConfiguration: '{"destinationBucketName":null,"logFilePrefix":null}',
        BucketNotificationConfiguration: '{"configurations":{}}',
        BucketPolicy: '{"policyText":null}',
        BucketVersioningConfiguration: '{"status":"Off","isMfaDeleteEnabled":null}',
        IsRequesterPaysEnabled: 'false',
      },
    };

    // Act
    const model = bucket(ci);

    // Assess
    expect(model.versioning).toEqual({ status: 'Off', mfaDelete: undefined });
    expect(model.logging).toBeUndefined();
    expect(model.policy).toBeUndefined();
    expect(model.encryptionRules).toEqual([]);
    expect(model.publicAccessBlock).toBeUndefined();
    expect(model.replication).toBeUndefined();
    expect(model.lifecycleRules).toEqual([]);
    expect(model.corsRules).toEqual([]);
    expect(model.aclGrants).toEqual([{ group: undefined, canonicalId: OWNER, permission: 'FULL_CONTROL' }]);
  });

  it('falls back to the resource name and reads nothing when the item has no configuration at all', () => {
    // Act
    const model = bucket({ awsAccountId: ACCOUNT, configurationItemStatus: 'ResourceDeleted', configuration: null, supplementaryConfiguration: {} });

    // Assess
    expect(model).toMatchObject({ bucketName: NAME, aclGrants: undefined, policy: undefined, versioning: { status: 'Off' } });
  });

  it('reads a URL-encoded policy, a single Statement object and replication rules in list form', () => {
    // Prepare
    const document = { Statement: { Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, NotAction: 's3:Delete*', Resource: '*' } };
    const ci = {
      awsAccountId: ACCOUNT,
      configuration,
      supplementaryConfiguration: {
        BucketVersioningConfiguration: { status: 'Off', isMfaDeleteEnabled: null },
        BucketPolicy: { policyText: encodeURIComponent(JSON.stringify(document)) },
        BucketReplicationConfiguration: { role: 'r', rules: [{ id: 'all', status: 'Disabled', destination: { bucket: 'arn:aws:s3:::dr' } }] },
      },
    };

    // Act
    const model = bucket(ci);

    // Assess
    expect(model.policy).toMatchObject([{ effect: 'Allow', principals: undefined, notPrincipals: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, notActions: ['s3:Delete*'] }]);
    expect(model.replication?.rules).toEqual([{ id: 'all', status: 'Disabled', destinationBucketArn: 'arn:aws:s3:::dr' }]);
  });

  it('ignores an unreadable document instead of failing the item', () => {
    // Act
    const model = bucket({
      awsAccountId: ACCOUNT,
      configuration,
      supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off' }, AccessControlList: '"{not json', BucketPolicy: { policyText: '{"Statement": [' }, ServerSideEncryptionConfiguration: 'null' },
    });

    // Assess
    expect(model).toMatchObject({ aclGrants: undefined, policy: undefined, encryptionRules: [] });
  });
});

describe('AWS::S3::AccountPublicAccessBlock model', () => {
  const settings = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration: settings }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify({ ...settings, restrictPublicBuckets: 'false' }) }],
  ])('reads the four settings (%s form)', (_form, ci) => {
    // Act
    const model = normalizeConfigurationItem({ ...ci, resourceType: 'AWS::S3::AccountPublicAccessBlock', resourceId: ACCOUNT, awsRegion: 'eu-west-1' })
      .model as S3AccountPublicAccessBlock;

    // Assess
    expect(model).toEqual(settings);
  });
});
