import { describe, expect, it } from 'vitest';
import { findSuppression, isInvalidSuppressionError, newSuppression, type InvalidSuppressionError, type Suppression } from '../../../shared/domain/suppression.ts';

const now = new Date('2026-11-23T00:00:00.000Z');
const bucket = { resourceId: 'legacy-exports', arn: 'arn:aws:s3:::legacy-exports', tags: { env: 'sandbox' } };
const base: Suppression = { id: 's1', ruleId: 's3-bucket-versioning-enabled', reason: 'Write-once export bucket.', createdBy: 'alice', createdAt: '2026-11-01T00:00:00.000Z', expiresAt: '2027-05-01T00:00:00.000Z' };

describe('findSuppression', () => {
  it('matches by rule, resource pattern (id or ARN) and tag; the first match wins', () => {
    expect(findSuppression([{ ...base, resourcePattern: 'legacy-*' }], 's3-bucket-versioning-enabled', bucket, now)?.id).toBe('s1');
    expect(findSuppression([{ ...base, resourcePattern: 'arn:aws:s3:::legacy-*' }], 's3-bucket-versioning-enabled', bucket, now)?.id).toBe('s1');
    expect(findSuppression([{ ...base, ruleId: '*', tag: { key: 'env', value: 'sandbox' } }, { ...base, id: 's2' }], 'any-rule', bucket, now)?.id).toBe('s1');
  });

  it('does not match another rule, another resource, a missing tag value, or once expired', () => {
    expect(findSuppression([base], 's3-bucket-logging-enabled', bucket, now)).toBeUndefined();
    expect(findSuppression([{ ...base, resourcePattern: 'legacy' }], base.ruleId, bucket, now)).toBeUndefined();
    expect(findSuppression([{ ...base, resourcePattern: 'legacy.exports' }], base.ruleId, bucket, now)).toBeUndefined();
    expect(findSuppression([{ ...base, tag: { key: 'env', value: 'prod' } }], base.ruleId, bucket, now)).toBeUndefined();
    expect(findSuppression([{ ...base, expiresAt: '2026-11-22T23:59:59.000Z' }], base.ruleId, bucket, now)).toBeUndefined();
  });
});

describe('newSuppression', () => {
  const context = { id: 'sup-1', now, createdBy: 'arn:aws:iam::111122223333:role/platform' };
  const valid = { ruleId: 's3-bucket-versioning-enabled', resourcePattern: 'legacy-*', reason: 'Write-once export bucket, replaced in Q1.', expiresAt: '2027-03-01T00:00:00Z' };

  it('completes a valid declaration: id, creator, creation time, normalized expiry', () => {
    expect(newSuppression(valid, context)).toEqual({
      ...valid,
      id: 'sup-1',
      createdBy: context.createdBy,
      createdAt: '2026-11-23T00:00:00.000Z',
      expiresAt: '2027-03-01T00:00:00.000Z',
      resourceType: undefined,
      accountId: undefined,
      region: undefined,
      tag: undefined,
      source: 'api',
    });
  });

  it.each([
    ['a short reason', { ...valid, reason: 'ok' }, 'reason'],
    ['no expiry', { ...valid, expiresAt: undefined }, 'expiresAt'],
    ['an expiry in the past', { ...valid, expiresAt: '2026-11-22T00:00:00Z' }, 'expiresAt'],
    ['an expiry past 365 days', { ...valid, expiresAt: '2027-12-01T00:00:00Z' }, 'expiresAt'],
    ['a bad account id', { ...valid, accountId: '1234' }, 'accountId'],
    ['an unknown field', { ...valid, owner: 'me' }, '(body)'],
  ])('refuses %s, naming the field', (_, input, field) => {
    let caught: unknown;
    try {
      newSuppression(input, context);
    } catch (error) {
      caught = error;
    }
    expect(isInvalidSuppressionError(caught)).toBe(true);
    expect((caught as InvalidSuppressionError).field).toBe(field);
  });

  it('refuses a declaration without a creator when the caller is not known', () => {
    expect(() => newSuppression(valid, { id: 'x', now })).toThrow(/createdBy/);
  });

  it('matches by account and region too', () => {
    const s = newSuppression({ ...valid, accountId: '111122223333', region: 'eu-west-1' }, context);
    const inAccount = { ...bucket, accountId: '111122223333', region: 'eu-west-1' };
    expect(findSuppression([s], valid.ruleId, inAccount, now)?.id).toBe('sup-1');
    expect(findSuppression([s], valid.ruleId, { ...inAccount, region: 'us-east-1' }, now)).toBeUndefined();
    expect(findSuppression([s], valid.ruleId, { ...inAccount, accountId: '999988887777' }, now)).toBeUndefined();
  });
});
