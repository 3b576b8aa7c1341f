import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * Looks at the web ACL's own rules: a rate-based rule inside a referenced rule group is not
 * visible in the web ACL's configuration item. A rate-based rule in Count mode only measures,
 * so it does not count as limiting.
 */
export default defineRule({
  id: 'wafv2-web-acl-rate-limited',
  title: 'WAF web ACLs have a rate-based rule that acts on excess requests',
  severity: 'medium',
  resourceTypes: ['AWS::WAFv2::WebACL'],
  category: RuleCategory.network,
  checklist: '000/002/004 rate limiting, bot protection',
  remediation: {
    text: 'Add a rate-based rule (per client IP, or per forwarded IP behind a proxy) whose action blocks or challenges clients above the limit.',
    cloudformation:
      'Rules:\n  - Name: rate-limit-per-ip\n    Priority: 1\n    Action: { Block: {} }\n    Statement:\n      RateBasedStatement: { Limit: 2000, AggregateKeyType: IP }\n    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: rate-limit-per-ip }',
  },
  params: {},
  equivalents: {},
  evaluate(acl) {
    const name = acl.resourceName ?? acl.model.name;
    if (!acl.model.rulesRecorded) return notApplicable(`Web ACL ${name}: rules not recorded.`);
    const rateRules = acl.model.rules.filter((r) => r.kind === 'rate-based');
    const acting = rateRules.find((r) => r.action !== undefined && r.action !== 'count' && r.action !== 'allow');
    if (acting) {
      return compliant(`Web ACL ${name} rate-limits with rule ${acting.name} (${acting.action} above ${acting.rateLimit ?? '?'} requests per window).`);
    }
    if (rateRules.length > 0) {
      const counted = rateRules.map((r) => `${r.name} (${r.action ?? 'no action'})`).join(', ');
      return nonCompliant(`Web ACL ${name} has rate-based rules that only count or allow: ${counted}.`);
    }
    return nonCompliant(`Web ACL ${name} has no rate-based rule among its ${acl.model.rules.length} rule(s).`);
  },
});
