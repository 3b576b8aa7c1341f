import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'wafv2-web-acl-has-rules',
  title: 'WAF web ACLs contain at least one rule or rule group',
  severity: 'medium',
  resourceTypes: ['AWS::WAFv2::WebACL'],
  category: RuleCategory.network,
  checklist: '000 WAF rules',
  remediation: {
    text: 'Add rules to the web ACL; the AWS managed Core rule set (AWSManagedRulesCommonRuleSet) and Known bad inputs groups are a sound start.',
    cli: 'aws wafv2 update-web-acl --name <name> --scope REGIONAL --id <id> --lock-token <token> --default-action Allow={} --visibility-config <config> --rules file://rules.json',
    cloudformation:
      'Rules:\n  - Name: AWSManagedRulesCommonRuleSet\n    Priority: 0\n    OverrideAction: { None: {} }\n    Statement:\n      ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet }\n    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: common }',
  },
  params: {},
  equivalents: { fsbp: ['WAF.10'], prowler: 'wafv2_webacl_with_rules' },
  evaluate(acl) {
    const name = acl.resourceName ?? acl.model.name;
    const rules = acl.model.rules.length;
    const managed = acl.model.firewallManagerRuleGroupCount;
    if (!acl.model.rulesRecorded && managed === 0) return notApplicable(`Web ACL ${name}: rules not recorded.`);
    if (rules + managed === 0) {
      return nonCompliant(`Web ACL ${name} has no rules: every request gets the default action (${acl.model.defaultAction ?? 'unreported'}).`);
    }
    return compliant(
      `Web ACL ${name} has ${rules} rule(s)${managed > 0 ? ` and ${managed} Firewall Manager rule group(s)` : ''}.`,
    );
  },
});
