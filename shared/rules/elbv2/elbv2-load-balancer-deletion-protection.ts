import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { attribute, lbName } from './_helpers.ts';

export default defineRule({
  id: 'elbv2-load-balancer-deletion-protection',
  title: 'Load balancers have deletion protection enabled',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  category: RuleCategory.availability,
  checklist: '(implied) deletion protection',
  remediation: {
    text: 'Turn on deletion protection so the load balancer (and its DNS name, which clients and records point at) cannot be deleted by accident.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=deletion_protection.enabled,Value=true',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: "true"',
  },
  params: {},
  equivalents: { awsConfigRule: 'elb-deletion-protection-enabled', fsbp: ['ELB.6'], prowler: 'elbv2_deletion_protection' },
  evaluate(lb) {
    const name = lbName(lb);
    // The managed rule fails a load balancer whose attribute is false; attributes Config did not record are unknown.
    if (lb.model.attributes === undefined) return notApplicable(`Load balancer ${name}: load balancer attributes not recorded.`);
    const protection = attribute(lb, 'deletion_protection.enabled');
    return protection.enabled
      ? compliant(`Load balancer ${name} has deletion protection enabled.`)
      : nonCompliant(`Load balancer ${name} has deletion_protection.enabled ${protection.shown}.`);
  },
});
