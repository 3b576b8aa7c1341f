import { CollectedType } from '../../domain/collected-types.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { LB_TYPE_LABEL, lbName } from './_helpers.ts';

const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

/**
 * AWS Config records web ACLs but not which load balancer each protects, so this rule reads the
 * `Vigil::WAFv2::WebACLAssociation` record a collector writes per ALB (GetWebACLForResource).
 * Not claimed as `alb-waf-enabled`: that rule also judges internal ALBs, and without a collected
 * record this rule cannot know the answer and says so (NOT_APPLICABLE) rather than guess.
 */
export default defineRule({
  id: 'elbv2-load-balancer-waf-enabled',
  title: 'Internet-facing Application Load Balancers are protected by a WAF web ACL',
  severity: 'medium',
  resourceTypes: [LOAD_BALANCER],
  category: RuleCategory.network,
  checklist: '000 WAF',
  remediation: {
    text: 'Associate a regional AWS WAF web ACL (with managed rule groups and a rate-based rule) with the load balancer.',
    cli: 'aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn <load-balancer-arn>',
    cloudformation:
      'Type: AWS::WAFv2::WebACLAssociation\nProperties:\n  ResourceArn: !Ref LoadBalancer\n  WebACLArn: !GetAtt WebACL.Arn',
  },
  params: {},
  equivalents: { fsbp: ['ELB.16'], prowler: 'elbv2_waf_acl_attached' },
  dependsOn: [CollectedType.webAclAssociation],
  // An association record is keyed by the protected resource's ARN, which is the ALB's resourceId.
  affectedBy: (association) =>
    association.resourceId.includes(':loadbalancer/app/')
      ? [{ accountId: association.accountId, region: association.region, resourceType: LOAD_BALANCER, resourceId: association.resourceId }]
      : [],
  evaluate(lb, { inventory }) {
    const name = lbName(lb);
    const type = lb.model.type;
    if (type !== undefined && type !== 'application') {
      return notApplicable(`${LB_TYPE_LABEL[type]} Load Balancer ${name} cannot be associated with AWS WAF.`);
    }
    if (lb.model.scheme !== 'internet-facing') {
      return notApplicable(`Load balancer ${name} is ${lb.model.scheme ?? 'of unreported scheme'}, not internet-facing.`);
    }
    const arn = lb.model.loadBalancerArn ?? lb.resourceId;
    const acl = inventory
      .list(CollectedType.webAclAssociation, { accountId: lb.accountId, region: lb.region })
      .find((a) => a.resourceId === arn)?.model;
    if (!acl) return notApplicable(`Load balancer ${name}: WAF association not collected (a live scan reads it).`);
    return acl.webAclArn
      ? compliant(`Load balancer ${name} is protected by web ACL ${acl.webAclName ?? acl.webAclArn}.`)
      : nonCompliant(`Internet-facing load balancer ${name} has no WAF web ACL associated.`);
  },
});
