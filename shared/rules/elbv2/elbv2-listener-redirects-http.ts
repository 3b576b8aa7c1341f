import type { ElbV2ListenerAction } from '../../config-items/models/elbv2.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/** What a non-redirecting default action does instead, for the reason. */
function describe(action: ElbV2ListenerAction): string {
  switch (action.type) {
    case 'redirect':
      return `redirects to ${action.redirectProtocol ?? 'an unreported protocol'} instead of HTTPS`;
    case 'forward':
      return 'forwards plain HTTP to its targets instead of redirecting to HTTPS';
    case 'fixed-response':
      return 'answers with a fixed response instead of redirecting to HTTPS';
    default:
      return `has a ${action.type ?? 'missing'} default action instead of a redirect to HTTPS`;
  }
}

/**
 * Reproduces alb-http-to-https-redirection-check one listener at a time. AWS reports the load
 * balancer, NON_COMPLIANT when any of its HTTP listeners lacks a redirect; Vigil reports each
 * listener, with the same reading: only default actions count (listener rules are not an AWS
 * Config resource type), and other load balancer types are out of scope. HTTPS and TLS listeners
 * are NOT_APPLICABLE (nothing to redirect), where the managed rule leaves them out of its verdict.
 * HTTP listeners exist only on ALBs; the type is read from the listener's ARN
 * (`listener/app/…`), which cannot change, so no load balancer lookup is needed.
 */
export default defineRule({
  id: 'elbv2-listener-redirects-http',
  title: 'Application Load Balancer listeners serve HTTPS or redirect HTTP to HTTPS',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  category: RuleCategory.network,
  checklist: '004 HTTPS enforced',
  remediation: {
    text: 'Make the HTTP listener\'s default action a permanent redirect to HTTPS on port 443, and serve the application from an HTTPS listener.',
    cli: 'aws elbv2 modify-listener --listener-arn <arn> --default-actions \'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}\'',
    cloudformation:
      'DefaultActions:\n  - Type: redirect\n    RedirectConfig:\n      Protocol: HTTPS\n      Port: "443"\n      StatusCode: HTTP_301',
  },
  params: {},
  // Verdicts per listener where the managed rule reports per ALB: an ALB is NON_COMPLIANT there
  // exactly when one of its HTTP listeners is here (a redirect that keeps HTTP, or a forward).
  equivalents: { awsConfigRule: 'alb-http-to-https-redirection-check', fsbp: ['ELB.1'], prowler: 'elbv2_ssl_listeners' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'alb-http-to-https-redirection-check',
    differences: [
      'Scope: one verdict per listener, where the managed rule gives one per load balancer; a load balancer is NON_COMPLIANT there exactly when one of its HTTP listeners is here.',
      'HTTPS and TLS listeners are NOT_APPLICABLE: there is no plain HTTP to redirect.',
    ],
  },
  evaluate(listener) {
    const m = listener.model;
    const name = listener.resourceName ?? listener.resourceId;
    if (m.loadBalancerType !== undefined && m.loadBalancerType !== 'application') {
      return notApplicable(`Listener ${name} belongs to a ${m.loadBalancerType} load balancer, not an ALB.`);
    }
    // An HTTPS (or TLS) listener has nothing to redirect: it is out of the rule's scope, not a pass
    // (the checklist; the managed rule judges only HTTP listeners too).
    if (m.protocol === 'HTTPS' || m.protocol === 'TLS') return notApplicable(`Listener ${name} serves ${m.protocol}: there is no plain HTTP to redirect.`);
    if (m.protocol !== 'HTTP') {
      return notApplicable(`Listener ${name} uses ${m.protocol ?? 'an unreported protocol'}, not HTTP.`);
    }
    // Authenticate actions precede the terminal action; HTTP listeners cannot use them anyway.
    const terminal = m.defaultActions.filter((a) => !a.type?.startsWith('authenticate-'));
    const offending = terminal.find((a) => a.type !== 'redirect' || a.redirectProtocol?.toUpperCase() !== 'HTTPS');
    const port = m.port ?? '?';
    // Every listener has a default action: none reported is unrecorded data.
    if (terminal.length === 0) return notApplicable(`HTTP listener ${name} on port ${port}: default actions not recorded.`);
    if (offending) return nonCompliant(`HTTP listener ${name} on port ${port} ${describe(offending)}.`);
    return compliant(`HTTP listener ${name} on port ${port} redirects to HTTPS.`);
  },
});
