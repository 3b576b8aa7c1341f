import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { distributionLabel, listBehaviors } from './_helpers.ts';

/**
 * AWS managed response headers policies that add no security headers (CORS only). Their ids are
 * fixed and published in the CloudFront developer guide ("Use managed response headers policies").
 */
const CORS_ONLY_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  '60669652-455b-4ae9-85a4-c4c02393f86c': 'Managed-SimpleCORS',
  '5cc3b908-e619-4b99-88e5-2cf7f45965bd': 'Managed-CORS-With-Preflight',
};

/**
 * Response headers policies are not an AWS Config resource type, so a custom policy's contents
 * cannot be read: any custom policy passes, the CORS-only managed ones fail. Headers added by a
 * CloudFront Function or Lambda@Edge are not visible either; attach a policy instead.
 */
export default defineRule({
  id: 'cloudfront-distribution-security-headers',
  title: 'CloudFront cache behaviours attach a response headers policy with security headers',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  category: RuleCategory.network,
  checklist: '000 security headers (HSTS preload, CSP, Permissions-Policy)',
  remediation: {
    text: 'Attach a response headers policy that sets HSTS (with preload), Content-Security-Policy, X-Content-Type-Options, frame options and Referrer-Policy to every cache behaviour; Managed-SecurityHeadersPolicy is a start.',
    cloudformation: 'DefaultCacheBehavior:\n  ResponseHeadersPolicyId: 67f7725c-6f97-4210-82d7-5512b31e9d03  # Managed-SecurityHeadersPolicy, or your own',
  },
  params: {},
  equivalents: {},
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const behaviors = distribution.model.behaviors;
    if (behaviors.length === 0) return nonCompliant(`${label} reports no cache behaviours.`);
    const missing = behaviors.filter((b) => b.responseHeadersPolicyId === undefined);
    if (missing.length > 0) return nonCompliant(`${label} has no response headers policy on ${listBehaviors(missing)}.`);
    const corsOnly = behaviors.filter((b) => CORS_ONLY_MANAGED_POLICIES[b.responseHeadersPolicyId ?? ''] !== undefined);
    const first = corsOnly[0];
    if (first) {
      const policy = CORS_ONLY_MANAGED_POLICIES[first.responseHeadersPolicyId ?? ''];
      return nonCompliant(`${label} attaches ${policy}, which adds no security headers, on ${listBehaviors(corsOnly)}.`);
    }
    return compliant(`${label} attaches a response headers policy to all ${behaviors.length} cache behaviour(s).`);
  },
});
