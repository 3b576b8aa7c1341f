import { webAclLabel } from '../../config-items/models/wafv2.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { distributionLabel } from './_helpers.ts';

export default defineRule({
  id: 'cloudfront-distribution-waf-enabled',
  title: 'CloudFront distributions are protected by a WAF web ACL',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  category: RuleCategory.network,
  checklist: '000 WAF',
  remediation: {
    text: 'Associate a global (CLOUDFRONT-scope, us-east-1) AWS WAF web ACL with the distribution.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://config-with-WebACLId.json',
    cloudformation: 'DistributionConfig:\n  WebACLId: !GetAtt CloudFrontWebACL.Arn',
  },
  params: {},
  equivalents: { awsConfigRule: 'cloudfront-associated-with-waf', fsbp: ['CloudFront.6'], prowler: 'cloudfront_distributions_using_waf' },
  evaluate(distribution) {
    const acl = distribution.model.webAclId;
    return acl
      ? compliant(`${distributionLabel(distribution)} is protected by web ACL ${webAclLabel(acl)}.`)
      : nonCompliant(`${distributionLabel(distribution)} has no WAF web ACL associated.`);
  },
});
