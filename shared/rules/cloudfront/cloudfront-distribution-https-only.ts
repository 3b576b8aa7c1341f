import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { distributionLabel, listBehaviors } from './_helpers.ts';

const HTTPS_POLICIES = new Set(['redirect-to-https', 'https-only']);

export default defineRule({
  id: 'cloudfront-distribution-https-only',
  title: 'CloudFront distributions serve viewers over HTTPS only',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  category: RuleCategory.network,
  checklist: '004 HTTPS, HSTS',
  remediation: {
    text: 'Set the viewer protocol policy of the default and every other cache behaviour to redirect-to-https (or https-only for APIs).',
    cloudformation: 'DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https\nCacheBehaviors:\n  - PathPattern: /api/*\n    ViewerProtocolPolicy: https-only',
  },
  params: {},
  equivalents: { awsConfigRule: 'cloudfront-viewer-policy-https', fsbp: ['CloudFront.3'], prowler: 'cloudfront_distributions_https_enabled' },
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const behaviors = distribution.model.behaviors;
    if (behaviors.length === 0) return nonCompliant(`${label} reports no cache behaviours.`);
    const plain = behaviors.filter((b) => !HTTPS_POLICIES.has(b.viewerProtocolPolicy ?? ''));
    if (plain.length > 0) {
      return nonCompliant(`${label} serves plain HTTP (${plain[0]?.viewerProtocolPolicy ?? 'no policy'}) on ${listBehaviors(plain)}.`);
    }
    return compliant(`${label} requires HTTPS on all ${behaviors.length} cache behaviour(s).`);
  },
});
