import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { attribute, LB_TYPE_LABEL, lbName } from './_helpers.ts';

export default defineRule({
  id: 'elbv2-load-balancer-access-logs',
  title: 'Application Load Balancers deliver access logs to S3',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  category: RuleCategory.monitoring,
  checklist: '004 access logs monitored',
  remediation: {
    text: 'Turn on access logging to an S3 bucket whose policy lets the regional ELB account (or logdelivery.elasticloadbalancing.amazonaws.com) write to it.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket> Key=access_logs.s3.prefix,Value=<prefix>',
    cloudformation:
      'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref AccessLogBucket',
  },
  params: {},
  // Same verdicts as elb-logging-enabled with s3BucketNames unset, on ELBv2 load balancers: NLB
  // and GWLB are out (it "does not apply" to them). Classic Load Balancers, which the managed rule
  // also covers, are not a resource type of this rule, so they get no verdict here.
  equivalents: { awsConfigRule: 'elb-logging-enabled', fsbp: ['ELB.5'], prowler: 'elbv2_logging_enabled' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'elb-logging-enabled',
    differences: [
      'Scope: Application Load Balancers only; Classic Load Balancers, which the managed rule also covers, get no verdict, and NLB/GWLB are out as there.',
    ],
  },
  evaluate(lb) {
    const name = lbName(lb);
    const type = lb.model.type;
    if (type !== undefined && type !== 'application') {
      return notApplicable(`${LB_TYPE_LABEL[type]} Load Balancer ${name} is out of scope: access logging is checked on Application Load Balancers.`);
    }
    // The managed rule fails a load balancer whose attribute is false; attributes Config did not record are unknown.
    if (lb.model.attributes === undefined) return notApplicable(`Load balancer ${name}: load balancer attributes not recorded.`);
    const logs = attribute(lb, 'access_logs.s3.enabled');
    if (!logs.enabled) return nonCompliant(`Load balancer ${name} has access_logs.s3.enabled ${logs.shown}.`);
    const bucket = lb.model.attributes?.['access_logs.s3.bucket'];
    return compliant(`Load balancer ${name} delivers access logs to S3 bucket ${bucket || '(not reported)'}.`);
  },
});
