import { describe, expect, it } from 'vitest';
import { publicGrants } from '../../../shared/rules/lambda/_resource-policy.ts';

const FN = 'arn:aws:lambda:eu-west-1:111122223333:function:orders-api';
const statement = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 's1', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN, ...extra }],
});

describe('publicGrants', () => {
  it.each([
    ['Principal "*"', { Principal: '*' }],
    ['a "*" among AWS principals', { Principal: { AWS: ['arn:aws:iam::444455556666:root', '*'] } }],
    ['a negated source condition', { Principal: '*', Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } }],
    ['a wildcard source ARN', { Principal: '*', Condition: { ArnLike: { 'AWS:SourceArn': '*' } } }],
    ['S3 with a bucket ARN but no source account', { Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::uploads' } } }],
  ])('reports %s', (_case, extra) => {
    expect(publicGrants(statement(extra))).toHaveLength(1);
  });

  it.each([
    ['an account principal', { Principal: { AWS: 'arn:aws:iam::444455556666:root' } }],
    ['"*" pinned to an organization', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
    ['a service other than S3 without a condition (not public in AWS terms)', { Principal: { Service: 'sns.amazonaws.com' } }],
    ['a service pinned to a source ARN', { Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/nightly' } } }],
    ['a Deny statement', { Effect: 'Deny', Principal: '*' }],
  ])('does not report %s', (_case, extra) => {
    expect(publicGrants(statement(extra))).toEqual([]);
  });

  it('names the statement, principal and what is missing', () => {
    expect(publicGrants(statement({ Principal: { AWS: '*' } }))).toEqual([
      { sid: 's1', principal: '*', actions: ['lambda:InvokeFunction'], gap: 'without a source condition' },
    ]);
  });
});
