import { bool, obj, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface KmsKey {
  readonly keyId: string;
  readonly arn: string | undefined;
  readonly description: string | undefined;
  /** CUSTOMER or AWS (AWS managed keys such as aws/s3, which AWS rotates yearly itself). */
  readonly keyManager: string | undefined;
  /** SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256 … */
  readonly keySpec: string | undefined;
  readonly keyUsage: string | undefined;
  /** Enabled, Disabled, PendingDeletion, PendingImport, Unavailable … */
  readonly keyState: string | undefined;
  /** AWS_KMS, EXTERNAL (imported material), AWS_CLOUDHSM, EXTERNAL_KEY_STORE. */
  readonly origin: string | undefined;
  readonly customKeyStoreId: string | undefined;
  readonly multiRegionKeyType: string | undefined;
  /** From supplementaryConfiguration.KeyRotationStatus; undefined when Config did not record it. */
  readonly rotationEnabled: boolean | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::KMS::Key': KmsKey;
  }
}

/** @see ../shared/reference/config-resource-schema/AWS__KMS__Key.properties.json */
export function normalizeKmsKey(input: ModelInput): KmsKey {
  const c = input.configuration;
  return {
    keyId: str(c['keyId']) ?? input.resourceId,
    arn: str(c['arn']) ?? input.arn,
    description: str(c['description']),
    keyManager: str(c['keyManager']),
    // customerMasterKeySpec is the deprecated name of keySpec; older CIs carry only it.
    keySpec: str(pick(c, 'keySpec', 'customerMasterKeySpec')),
    keyUsage: str(c['keyUsage']),
    keyState: str(c['keyState']),
    origin: str(c['origin']),
    customKeyStoreId: str(c['customKeyStoreId']),
    multiRegionKeyType: str(pick(obj(c['multiRegionConfiguration']), 'multiRegionKeyType')),
    // Recorded as a boolean in notifications and as the string "true"/"false" in some API items.
    rotationEnabled: bool(pick(input.supplementary, 'KeyRotationStatus', 'keyRotationStatus')),
  };
}

export const kmsModels = {
  'AWS::KMS::Key': normalizeKmsKey,
} satisfies ModelRegistry;
