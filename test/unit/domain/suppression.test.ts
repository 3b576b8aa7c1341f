import { describe, expect, it } from 'vitest';
import { findSuppression, type Suppression } from '../../../shared/domain/suppression.ts';

const now = new Date('2026-11-23T00:00:00.000Z');
const bucket = { resourceId: 'legacy-exports', arn: 'arn:aws:s3:::legacy-exports', tags: { env: 'sandbox' } };
const base: Suppression = { id: 's1', ruleId: 's3-bucket-versioning-enabled', reason: 'Write-once export bucket.', createdBy: 'alice', createdAt: '2026-11-01T00:00:00.000Z' };

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
