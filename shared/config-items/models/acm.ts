import { num, obj, objs, pick, str, strs } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface AcmCertificate {
  readonly certificateArn: string;
  readonly domainName: string | undefined;
  /** AMAZON_ISSUED | IMPORTED | PRIVATE. */
  readonly type: string | undefined;
  /** PENDING_VALIDATION | ISSUED | INACTIVE | EXPIRED | VALIDATION_TIMED_OUT | REVOKED | FAILED. */
  readonly status: string | undefined;
  /** ISO 8601; undefined until the certificate is issued. */
  readonly notAfter: string | undefined;
  /** RSA_2048 | RSA_1024 | RSA_3072 | RSA_4096 | EC_prime256v1 | EC_secp384r1 | EC_secp521r1 (also spelt RSA-2048). */
  readonly keyAlgorithm: string | undefined;
  /** DNS | EMAIL | HTTP, one per domain validation option. */
  readonly validationMethods: readonly string[];
  /** ELIGIBLE | INELIGIBLE for ACM managed renewal. */
  readonly renewalEligibility: string | undefined;
  readonly renewalStatus: string | undefined;
  readonly inUseBy: readonly string[];
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::ACM::Certificate': AcmCertificate;
  }
}

const ZONE_SUFFIX = /(Z|[+-]\d{2}:?\d{2}|UTC|GMT)$/i;

/**
 * A point in time as Config serializes dates: epoch millis (number or digit string), epoch
 * seconds, ISO 8601, or the Java default form `Feb 21, 2022 6:37:48 PM` (UTC). A date without a zone is
 * read as UTC, where `Date.parse` would read it as local time.
 */
export function instant(value: unknown): string | undefined {
  const n = num(value);
  if (n !== undefined) return new Date(n < 1e11 ? n * 1000 : n).toISOString();
  const s = str(value)?.trim();
  if (s === undefined) return undefined;
  const zoned = ZONE_SUFFIX.test(s) ? s : /^\d{4}-\d{2}-\d{2}T/.test(s) ? `${s}Z` : `${s} UTC`;
  const parsed = Date.parse(zoned);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

/** @see ../shared/reference/config-resource-schema/AWS__ACM__Certificate.properties.json */
export function normalizeAcmCertificate(input: ModelInput): AcmCertificate {
  const c = input.configuration;
  const methods = new Set<string>();
  for (const option of objs(pick(c, 'domainValidationOptions', 'DomainValidationOptions'))) {
    const method = str(pick(option, 'validationMethod', 'ValidationMethod'))?.toUpperCase();
    if (method !== undefined) methods.add(method);
  }
  return {
    certificateArn: str(pick(c, 'certificateArn', 'CertificateArn')) ?? input.arn ?? input.resourceId,
    domainName: str(pick(c, 'domainName', 'DomainName')),
    type: str(pick(c, 'type', 'Type'))?.toUpperCase(),
    status: str(pick(c, 'status', 'Status'))?.toUpperCase(),
    notAfter: instant(pick(c, 'notAfter', 'NotAfter')),
    keyAlgorithm: str(pick(c, 'keyAlgorithm', 'KeyAlgorithm')),
    validationMethods: [...methods],
    renewalEligibility: str(pick(c, 'renewalEligibility', 'RenewalEligibility'))?.toUpperCase(),
    renewalStatus: str(pick(obj(pick(c, 'renewalSummary', 'RenewalSummary')), 'renewalStatus', 'RenewalStatus')),
    inUseBy: strs(pick(c, 'inUseBy', 'InUseBy')),
  };
}

export const acmModels = {
  'AWS::ACM::Certificate': normalizeAcmCertificate,
} satisfies ModelRegistry;
