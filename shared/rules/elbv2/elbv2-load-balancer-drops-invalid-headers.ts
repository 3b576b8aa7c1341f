import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { attribute, LB_TYPE_LABEL, lbName } from './_helpers.ts';

export default defineRule({
  id: 'elbv2-load-balancer-drops-invalid-headers',
  title: 'Application Load Balancers drop invalid HTTP header fields',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  category: RuleCategory.availability,
  checklist: '(hardening) drop invalid header fields',
  remediation: {
    text: 'Make the load balancer drop header fields whose names are not valid HTTP tokens, so they never reach targets (request smuggling, header injection).',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: "true"',
  },
  params: {},
  equivalents: {
    awsConfigRule: 'alb-http-drop-invalid-header-enabled',
    fsbp: ['ELB.4'],
    prowler: 'elbv2_alb_drop_invalid_header_fields_enabled',
  },
  evaluate(lb) {
    const name = lbName(lb);
    const type = lb.model.type;
    if (type !== undefined && type !== 'application') {
      return notApplicable(`${LB_TYPE_LABEL[type]} Load Balancer ${name} does not parse HTTP headers.`);
    }
    // The managed rule fails a load balancer whose attribute is false; attributes Config did not record are unknown.
    if (lb.model.attributes === undefined) return notApplicable(`Load balancer ${name}: load balancer attributes not recorded.`);
    const drop = attribute(lb, 'routing.http.drop_invalid_header_fields.enabled');
    return drop.enabled
      ? compliant(`Load balancer ${name} drops invalid HTTP header fields.`)
      : nonCompliant(`Load balancer ${name} has routing.http.drop_invalid_header_fields.enabled ${drop.shown}.`);
  },
});
