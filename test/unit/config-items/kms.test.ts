import { describe, expect, it } from 'vitest';
import type { KmsKey } from '../../../shared/config-items/models/kms.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const KEY_ID = '0e6c91d5-e23b-4ed3-bd36-1561fbbc0a2d';
const ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}`;

describe('AWS::KMS::Key model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, supplementaryConfiguration: { KeyRotationStatus: false } }, false],
    ['api (rotation status as a string)', { accountId: ACCOUNT, arn: ARN, supplementaryConfiguration: { KeyRotationStatus: 'true' } }, true],
    ['item without rotation status', { awsAccountId: ACCOUNT, ARN, supplementaryConfiguration: {} }, undefined],
  ])('reads the key and its rotation status (%s)', (_label, envelope, rotationEnabled) => {
    // Prepare
    const configuration = { keyId: KEY_ID, arn: ARN, keyManager: 'CUSTOMER', customerMasterKeySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled', origin: 'AWS_KMS' };
    const item = { ...envelope, resourceType: 'AWS::KMS::Key', resourceId: KEY_ID, awsRegion: 'eu-west-1', configuration: JSON.stringify(configuration) };

    // Act
    const key = normalizeConfigurationItem(item).model as KmsKey;

    // Assess: keySpec falls back to the deprecated customerMasterKeySpec
    expect(key).toMatchObject({ keyId: KEY_ID, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled', origin: 'AWS_KMS' });
    expect(key.rotationEnabled).toBe(rotationEnabled);
  });
});
