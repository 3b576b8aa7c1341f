import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { distributionLabel, listBehaviors } from './_helpers.ts';

export default defineRule({
  id: 'cloudfront-distribution-compression',
  title: 'CloudFront cache behaviours compress objects automatically',
  severity: 'informational',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  category: RuleCategory.network,
  checklist: '000 asset compression',
  remediation: {
    text: 'Turn on automatic compression (gzip and Brotli) on every cache behaviour; with a cache policy, also enable the gzip and Brotli cache-key settings.',
    cloudformation: 'DefaultCacheBehavior:\n  Compress: true',
  },
  params: {},
  equivalents: {},
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const behaviors = distribution.model.behaviors;
    if (behaviors.length === 0) return nonCompliant(`${label} reports no cache behaviours.`);
    const uncompressed = behaviors.filter((b) => !b.compress);
    return uncompressed.length > 0
      ? nonCompliant(`${label} does not compress objects on ${listBehaviors(uncompressed)}.`)
      : compliant(`${label} compresses objects on all ${behaviors.length} cache behaviour(s).`);
  },
});
