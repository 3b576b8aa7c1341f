import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { distributionLabel } from './_helpers.ts';

export default defineRule({
  id: 'cloudfront-distribution-logging-enabled',
  title: 'CloudFront distributions write standard access logs',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  category: RuleCategory.network,
  checklist: '000 access logs',
  remediation: {
    text: 'Turn on standard logging to an S3 bucket with ACLs enabled (CloudFront delivers logs through the awslogsdelivery account).',
    cloudformation: 'DistributionConfig:\n  Logging:\n    Bucket: <bucket>.s3.amazonaws.com\n    Prefix: cloudfront/\n    IncludeCookies: false',
  },
  params: {},
  equivalents: { awsConfigRule: 'cloudfront-accesslogs-enabled', fsbp: ['CloudFront.5'], prowler: 'cloudfront_distributions_logging_enabled' },
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const { enabled, bucket } = distribution.model.logging;
    if (enabled && bucket) return compliant(`${label} writes access logs to ${bucket}.`);
    return nonCompliant(enabled ? `${label} has logging enabled without a bucket.` : `${label} has access logging disabled.`);
  },
});
