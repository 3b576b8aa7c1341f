import { describe, expect, it } from 'vitest';
import type { CloudFrontDistribution } from '../../../shared/config-items/models/cloudfront.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`;

const configuration = {
  id: 'E2QWRUHAPOMQZL',
  domainName: 'd111111abcdef8.cloudfront.net',
  distributionConfig: {
    aliases: { quantity: 1, items: ['www.example.com'] },
    defaultCacheBehavior: { targetOriginId: 'web-alb', viewerProtocolPolicy: 'redirect-to-https', compress: true, responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03' },
    cacheBehaviors: { quantity: 1, items: [{ pathPattern: '/api/*', targetOriginId: 'web-alb', viewerProtocolPolicy: 'allow-all', compress: false }] },
    customErrorResponses: { quantity: 0 },
    logging: { enabled: false, includeCookies: false, bucket: '', prefix: '' },
    viewerCertificate: { cloudFrontDefaultCertificate: false, acmCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0c1d2e3f`, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
    webACLId: '',
    enabled: true,
  },
};

describe('AWS::CloudFront::Distribution model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, configuration }],
    ['api', { accountId: ACCOUNT, arn: ARN, configuration: JSON.stringify(configuration) }],
  ])('unwraps {quantity, items} lists and reads "" as unset (%s form)', (_form, envelope) => {
    // Prepare
    const ci = { ...envelope, resourceType: 'AWS::CloudFront::Distribution', resourceId: 'E2QWRUHAPOMQZL', resourceName: null, awsRegion: 'global' };

    // Act
    const distribution = normalizeConfigurationItem(ci).model as CloudFrontDistribution;

    // Assess
    expect(distribution).toMatchObject({ id: 'E2QWRUHAPOMQZL', aliases: ['www.example.com'], enabled: true, webAclId: undefined });
    expect(distribution.logging).toEqual({ enabled: false, bucket: undefined });
    expect(distribution.viewerCertificate).toMatchObject({ cloudFrontDefaultCertificate: false, minimumProtocolVersion: 'TLSv1.2_2021' });
    expect(distribution.behaviors).toEqual([
      { pathPattern: '*', isDefault: true, viewerProtocolPolicy: 'redirect-to-https', compress: true, responseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03', targetOriginId: 'web-alb' },
      { pathPattern: '/api/*', isDefault: false, viewerProtocolPolicy: 'allow-all', compress: false, responseHeadersPolicyId: undefined, targetOriginId: 'web-alb' },
    ]);
  });

  it('accepts an empty list without items and CloudFormation-style plain arrays', () => {
    // Prepare
    const ci = {
      awsAccountId: ACCOUNT,
      awsRegion: 'global',
      resourceType: 'AWS::CloudFront::Distribution',
      resourceId: 'E1KTZ3P8Q4V9XA',
      configuration: {
        DistributionConfig: {
          Aliases: [],
          DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only', Compress: 'true' },
          CacheBehaviors: [{ PathPattern: '/img/*', ViewerProtocolPolicy: 'redirect-to-https' }],
          WebACLId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/7d8e9f0a`,
        },
      },
    };

    // Act
    const distribution = normalizeConfigurationItem(ci).model as CloudFrontDistribution;

    // Assess
    expect(distribution.id).toBe('E1KTZ3P8Q4V9XA');
    expect(distribution.aliases).toEqual([]);
    expect(distribution.behaviors.map((b) => [b.pathPattern, b.viewerProtocolPolicy, b.compress])).toEqual([
      ['*', 'https-only', true],
      ['/img/*', 'redirect-to-https', false],
    ]);
    expect(distribution.webAclId).toContain('global/webacl/edge');
  });
});
