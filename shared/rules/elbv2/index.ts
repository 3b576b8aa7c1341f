import type { Rule } from '../rule.ts';
import elbv2ListenerModernTls from './elbv2-listener-modern-tls.ts';
import elbv2ListenerRedirectsHttp from './elbv2-listener-redirects-http.ts';
import elbv2LoadBalancerAccessLogs from './elbv2-load-balancer-access-logs.ts';
import elbv2LoadBalancerDeletionProtection from './elbv2-load-balancer-deletion-protection.ts';
import elbv2LoadBalancerDropsInvalidHeaders from './elbv2-load-balancer-drops-invalid-headers.ts';
import elbv2LoadBalancerWafEnabled from './elbv2-load-balancer-waf-enabled.ts';
import elbv2TargetGroupHealthCheck from './elbv2-target-group-health-check.ts';

export const elbv2Rules: readonly Rule[] = [
  elbv2ListenerRedirectsHttp,
  elbv2ListenerModernTls,
  elbv2LoadBalancerWafEnabled,
  elbv2LoadBalancerAccessLogs,
  elbv2LoadBalancerDeletionProtection,
  elbv2LoadBalancerDropsInvalidHeaders,
  elbv2TargetGroupHealthCheck,
];
