import { arr, bool, obj, objs, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface CloudFrontCacheBehavior {
  /** `*` for the default behaviour. */
  readonly pathPattern: string;
  readonly isDefault: boolean;
  /** allow-all | redirect-to-https | https-only. */
  readonly viewerProtocolPolicy: string | undefined;
  readonly compress: boolean;
  readonly responseHeadersPolicyId: string | undefined;
  readonly targetOriginId: string | undefined;
}

export interface CloudFrontDistribution {
  readonly id: string;
  readonly domainName: string | undefined;
  readonly enabled: boolean | undefined;
  readonly aliases: readonly string[];
  /** A WAFv2 web ACL ARN, or a WAF Classic web ACL id. */
  readonly webAclId: string | undefined;
  readonly logging: { readonly enabled: boolean; readonly bucket: string | undefined };
  readonly viewerCertificate: {
    readonly cloudFrontDefaultCertificate: boolean;
    readonly acmCertificateArn: string | undefined;
    readonly iamCertificateId: string | undefined;
    /** e.g. TLSv1, TLSv1.2_2019, TLSv1.2_2021. */
    readonly minimumProtocolVersion: string | undefined;
    readonly sslSupportMethod: string | undefined;
  };
  /** The default behaviour first, then the ordered cache behaviours. */
  readonly behaviors: readonly CloudFrontCacheBehavior[];
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::CloudFront::Distribution': CloudFrontDistribution;
  }
}

/**
 * CloudFront's XML-era lists: `{quantity, items}` (Config), `{Quantity, Items}`, or a plain
 * array (CloudFormation). `quantity: 0` comes without `items`.
 */
function listItems(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  const o = obj(value);
  return o ? arr(pick(o, 'items', 'Items')) : arr(value);
}

function behavior(b: JsonObject, isDefault: boolean): CloudFrontCacheBehavior {
  return {
    pathPattern: isDefault ? '*' : (str(pick(b, 'pathPattern', 'PathPattern')) ?? '(unknown)'),
    isDefault,
    viewerProtocolPolicy: str(pick(b, 'viewerProtocolPolicy', 'ViewerProtocolPolicy'))?.toLowerCase(),
    compress: bool(pick(b, 'compress', 'Compress')) ?? false,
    responseHeadersPolicyId: str(pick(b, 'responseHeadersPolicyId', 'ResponseHeadersPolicyId')),
    targetOriginId: str(pick(b, 'targetOriginId', 'TargetOriginId')),
  };
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__CloudFront__Distribution.properties.json
 * Everything but the id, domain name and status sits under `configuration.distributionConfig`,
 * in GetDistributionConfig's shape. Unset strings arrive as "" (`webACLId`, `logging.bucket`).
 */
export function normalizeDistribution(input: ModelInput): CloudFrontDistribution {
  const c = input.configuration;
  const d = obj(pick(c, 'distributionConfig', 'DistributionConfig')) ?? {};
  const logging = obj(pick(d, 'logging', 'Logging'));
  const cert = obj(pick(d, 'viewerCertificate', 'ViewerCertificate'));
  const defaultBehavior = obj(pick(d, 'defaultCacheBehavior', 'DefaultCacheBehavior'));
  const others = objs(listItems(pick(d, 'cacheBehaviors', 'CacheBehaviors')));
  return {
    id: str(pick(c, 'id', 'Id')) ?? input.resourceId,
    domainName: str(pick(c, 'domainName', 'DomainName')),
    enabled: bool(pick(d, 'enabled', 'Enabled')),
    aliases: strs(listItems(pick(d, 'aliases', 'Aliases'))),
    webAclId: str(pick(d, 'webACLId', 'WebACLId', 'webAclId')),
    logging: {
      enabled: bool(pick(logging, 'enabled', 'Enabled')) ?? false,
      bucket: str(pick(logging, 'bucket', 'Bucket')),
    },
    viewerCertificate: {
      cloudFrontDefaultCertificate: bool(pick(cert, 'cloudFrontDefaultCertificate', 'CloudFrontDefaultCertificate')) ?? false,
      acmCertificateArn: str(pick(cert, 'acmCertificateArn', 'ACMCertificateArn', 'AcmCertificateArn')),
      iamCertificateId: str(pick(cert, 'iamCertificateId', 'IAMCertificateId', 'IamCertificateId')),
      minimumProtocolVersion: str(pick(cert, 'minimumProtocolVersion', 'MinimumProtocolVersion')),
      sslSupportMethod: str(pick(cert, 'sslSupportMethod', 'SSLSupportMethod', 'SslSupportMethod')),
    },
    behaviors: [...(defaultBehavior ? [behavior(defaultBehavior, true)] : []), ...others.map((b) => behavior(b, false))],
  };
}

export const cloudFrontModels = {
  'AWS::CloudFront::Distribution': normalizeDistribution,
} satisfies ModelRegistry;
