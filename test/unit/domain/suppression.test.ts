import { describe, expect, it } from 'vitest';
import { findSuppression, isInvalidSuppressionError, newSuppression, suppressionFor, tagExemption, type InvalidSuppressionError, type Suppression } from '../../../shared/domain/suppression.ts';

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

describe('tagExemption (vigil:exempt, vigil:exempt-until)', () => {
  const now = new Date('2026-12-01T09:00:00.000Z');
  const rule = 'dynamodb-table-pitr-enabled';

  it.each([
    ['a listed rule until a date: through that day (UTC)', { 'vigil:exempt': `${rule} s3-bucket-versioning-enabled`, 'vigil:exempt-until': '2027-03-31' }, '2027-04-01T00:00:00.000Z'],
    ['every rule ("all"), rule ids separated by +', { 'vigil:exempt': 'all', 'vigil:exempt-until': '2027-01-15T12:00:00Z' }, '2027-01-15T12:00:00.000Z'],
    ['no date: 90 days from first sight', { 'vigil:exempt': `other+${rule}` }, '2027-02-18T08:00:00.000Z'],
  ])('exempts %s', (_name, tags, expiresAt) => {
    // Act
    const result = tagExemption(tags, rule, now, '2026-11-20T08:00:00.000Z');
    // Assess
    expect(result).toEqual({ kind: 'exempt', suppression: { id: 'tag:vigil:exempt', reason: "Exempted by the resource's vigil:exempt tag.", expiresAt } });
  });

  it.each([
    ['a malformed date', { 'vigil:exempt': rule, 'vigil:exempt-until': 'next spring' }, 'tag vigil:exempt-until="next spring" is not a date (YYYY-MM-DD): exemption ignored'],
    ['a past date', { 'vigil:exempt': rule, 'vigil:exempt-until': '2026-06-30' }, 'tag vigil:exempt-until="2026-06-30" is past: exemption ignored'],
    ['a date past the stage limit', { 'vigil:exempt': rule, 'vigil:exempt-until': '2030-01-01' }, 'tag vigil:exempt-until="2030-01-01" is more than 365 days away: exemption ignored'],
  ])('fails open on %s, saying why', (_name, tags, message) => {
    expect(tagExemption(tags, rule, now, undefined)).toEqual({ kind: 'invalid', message });
  });

  it('lapses 90 days after first sight when no date is given', () => {
    expect(tagExemption({ 'vigil:exempt': rule }, rule, now, '2026-08-01T00:00:00.000Z').kind).toBe('invalid');
  });

  it('leaves other rules and untagged resources alone', () => {
    expect(tagExemption({ 'vigil:exempt': 's3-bucket-versioning-enabled' }, rule, now, undefined)).toEqual({ kind: 'none' });
    expect(tagExemption({}, rule, now, undefined)).toEqual({ kind: 'none' });
  });

  it('prefers a declared suppression, and turns an invalid tag into a note for the reason', () => {
    const resource = { resourceId: 'orders', arn: undefined, tags: { 'vigil:exempt': rule, 'vigil:exempt-until': 'soon' } };
    expect(suppressionFor([], rule, resource, now, undefined)).toEqual({ note: 'tag vigil:exempt-until="soon" is not a date (YYYY-MM-DD): exemption ignored' });
    const declared = newSuppression({ ruleId: rule, reason: 'Accepted until the migration.', expiresAt: '2026-12-24T00:00:00Z' }, { id: 's1', now, createdBy: 'alice' });
    expect(suppressionFor([declared], rule, resource, now, undefined)).toEqual({ suppression: { id: 's1', reason: 'Accepted until the migration.', expiresAt: '2026-12-24T00:00:00.000Z' } });
  });
});
