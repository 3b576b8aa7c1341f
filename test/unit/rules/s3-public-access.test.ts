import { describe, expect, it } from 'vitest';
import { normalizeStatement } from '../../../shared/config-items/models/s3.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';
import type { AnyResource } from '../../../shared/domain/resource.ts';
import { dependentsOf } from '../../../shared/engine/evaluate.ts';
import { buildInventory } from '../../../shared/engine/inventory.ts';
import { publicStatements } from '../../../shared/rules/s3/_helpers.ts';
import { s3Rules } from '../../../shared/rules/s3/index.ts';

const ACCOUNT = '111122223333';
const BUCKET_ARN = 'arn:aws:s3:::acme-data';

describe('publicStatements', () => {
  const allow = (extra: Record<string, unknown>) =>
    normalizeStatement({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET_ARN}/*`, ...extra });

  it.each([
    ['no condition', allow({})],
    ['{"CanonicalUser": "*"}', allow({ Principal: { CanonicalUser: '*' } })],
    ['NotPrincipal (everyone but one account)', allow({ Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })],
    ['a negated condition', allow({ Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } } })],
    ['ForAllValues (true when the key is absent)', allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:SourceVpce': ['vpce-0a1b2c3d4e5f60718'] } } })],
    ['a wildcard-only value', allow({ Condition: { StringLike: { 'aws:SourceArn': '*' } } })],
    // S3 calls a policy non-public only for fixed values: a pattern admits whatever matches it.
    ['a source ARN pattern', allow({ Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/*` } } })],
    ['any VPC', allow({ Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } })],
    ['a policy variable', allow({ Condition: { StringEquals: { 'aws:userid': '${aws:userid}' } } })],
    ['::/0', allow({ Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '::/0'] } } })],
    ['a condition on a key that does not identify the caller', allow({ Condition: { StringEquals: { 's3:prefix': 'public/' } } })],
  ])('counts an Allow to * with %s as public', (_case, statement) => {
    expect(publicStatements([statement])).toEqual([statement]);
  });

  it.each([
    ['a fixed source IP range', allow({ Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } } })],
    ['a source account (key in another case)', allow({ Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT } } })],
    ['ForAnyValue on the organization id', allow({ Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } } })],
    ['a fixed source ARN', allow({ Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE` } } })],
    ['a named principal', allow({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/reader`] } })],
    ['Deny', allow({ Effect: 'Deny' })],
  ])('does not count an Allow restricted by %s', (_case, statement) => {
    expect(publicStatements([statement])).toEqual([]);
  });
});

describe('re-evaluation when the account-level Block Public Access changes', () => {
  const item = (resourceType: string, resourceId: string, region: string, account = ACCOUNT): AnyResource =>
    normalizeConfigurationItem({ resourceType, resourceId, awsRegion: region, awsAccountId: account, configuration: { name: resourceId, blockPublicAcls: false, creationDate: '2025-01-01T00:00:00Z' }, supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off' } } });

  it('re-evaluates the buckets of every region of that account, and its account resources', () => {
    // Prepare
    const block = item('AWS::S3::AccountPublicAccessBlock', ACCOUNT, 'us-east-1');
    const inventory = buildInventory([
      block,
      item('AWS::S3::Bucket', 'acme-us', 'us-east-1'),
      item('AWS::S3::Bucket', 'acme-eu', 'eu-west-1'),
      item('AWS::S3::Bucket', 'partner-bucket', 'eu-west-1', '444455556666'),
      item('AWS::::Account', ACCOUNT, 'eu-west-1'),
    ]);

    // Act
    const dependents = dependentsOf(block, s3Rules, inventory);

    // Assess
    expect(dependents.map((k) => `${k.resourceType} ${k.region} ${k.resourceId}`).sort()).toEqual([
      `AWS::::Account eu-west-1 ${ACCOUNT}`,
      `AWS::::Account us-east-1 ${ACCOUNT}`,
      'AWS::S3::Bucket eu-west-1 acme-eu',
      'AWS::S3::Bucket us-east-1 acme-us',
    ]);
  });
});
