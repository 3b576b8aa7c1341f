import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

const HTTP_CHECKS = new Set(['HTTP', 'HTTPS']);

/**
 * A health check on `/` usually hits a static page or a redirect that stays green while the
 * application's dependencies are down; a dedicated path (`/health`) lets the target report what
 * it needs. TCP health checks (NLB, GWLB) have no path and pass on being enabled.
 */
export default defineRule({
  id: 'elbv2-target-group-health-check',
  title: 'Target groups run health checks on a dedicated path',
  severity: 'low',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
  category: RuleCategory.availability,
  checklist: '004 LB health checks',
  remediation: {
    text: 'Enable health checks and point HTTP(S) health checks at an endpoint that verifies the application (for example /health), not the site root.',
    cli: 'aws elbv2 modify-target-group --target-group-arn <arn> --health-check-enabled --health-check-path /health',
    cloudformation: 'HealthCheckEnabled: true\nHealthCheckPath: /health',
  },
  params: {},
  equivalents: {},
  evaluate(group) {
    const m = group.model;
    const name = group.resourceName ?? m.targetGroupName;
    if (m.targetType === 'lambda') {
      return notApplicable(`Target group ${name} targets a Lambda function; health checks are optional there.`);
    }
    // ELB enables health checks on instance, ip and alb target groups unless told otherwise.
    if (m.healthCheck.enabled === false) return nonCompliant(`Target group ${name} has health checks disabled.`);
    const protocol = m.healthCheck.protocol ?? m.protocol;
    if (protocol === undefined || !HTTP_CHECKS.has(protocol)) {
      return compliant(`Target group ${name} runs ${protocol ?? 'default'} health checks.`);
    }
    // ELB reports the health check path of every HTTP(S) check ("/" by default): none is unrecorded data.
    const path = m.healthCheck.path;
    if (path === undefined) return notApplicable(`Target group ${name}: health check path not recorded.`);
    return path === '/'
      ? nonCompliant(`Target group ${name} health-checks the root path "/" over ${protocol}.`)
      : compliant(`Target group ${name} health-checks ${path} over ${protocol}.`);
  },
});
