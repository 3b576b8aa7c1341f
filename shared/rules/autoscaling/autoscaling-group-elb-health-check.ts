import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * Covers Classic Load Balancers and target groups (ALB, NLB) alike, as FSBP AutoScaling.1 does.
 * autoscaling-group-elb-healthcheck-required is documented for Classic Load Balancers only, so
 * a group behind a target group alone would be judged differently: not claimed.
 */
export default defineRule({
  id: 'autoscaling-group-elb-health-check',
  title: 'Auto Scaling groups behind a load balancer use ELB health checks',
  severity: 'low',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  category: RuleCategory.availability,
  checklist: '000/004 health checks, ASG',
  remediation: {
    text: 'Add the ELB health check type so instances the load balancer finds unhealthy are replaced, not just those whose EC2 status checks fail.',
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <name> --health-check-type ELB --health-check-grace-period 300',
    cloudformation: 'HealthCheckType: ELB\nHealthCheckGracePeriod: 300',
  },
  params: {},
  equivalents: { fsbp: ['AutoScaling.1'], prowler: 'autoscaling_group_elb_health_check_enabled' },
  evaluate(group) {
    const m = group.model;
    const name = group.resourceName ?? m.name;
    const attached = m.loadBalancerNames.length + m.targetGroupArns.length;
    if (attached === 0) return notApplicable(`Auto Scaling group ${name} is not attached to a load balancer or target group.`);
    if (m.healthCheckTypes.length === 0) return notApplicable(`Auto Scaling group ${name}: health check type not recorded.`);
    return m.healthCheckTypes.includes('ELB')
      ? compliant(`Auto Scaling group ${name} uses ELB health checks.`)
      : nonCompliant(`Auto Scaling group ${name} is attached to a load balancer but uses ${m.healthCheckTypes.join(',')} health checks only.`);
  },
});
