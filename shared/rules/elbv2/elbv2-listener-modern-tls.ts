import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * The predefined ELB security policies whose minimum protocol is TLS 1.2 (TLS 1.3 policies
 * included), from the ELB developer guide's policy tables. The 2016-08 default, TLS-1-1 and
 * FS-1-1 policies, and the TLS13-1-0 / TLS13-1-1 ones still accept TLS 1.0 or 1.1.
 */
const TLS12_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
] as const;

/**
 * No AWS Config equivalence is claimed: elbv2-predefined-security-policy-ssl-check has no page
 * in the team's managed-rule reference to check its semantics against.
 */
export default defineRule({
  id: 'elbv2-listener-modern-tls',
  title: 'HTTPS and TLS listeners use a TLS 1.2+ security policy',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  category: RuleCategory.network,
  checklist: '004 strong cipher suites',
  remediation: {
    text: 'Switch the listener to a TLS 1.2+ security policy; ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.3 and 1.2, forward-secret ciphers) suits most clients.',
    cli: 'aws elbv2 modify-listener --listener-arn <arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06',
    cloudformation: 'SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
  },
  params: {
    allowedPolicies: param.stringList(TLS12_POLICIES, 'Security policies accepted on HTTPS and TLS listeners (default: every predefined policy with TLS 1.2 as its minimum).'),
  },
  equivalents: { prowler: 'elbv2_insecure_ssl_ciphers' },
  evaluate(listener, { params }) {
    const m = listener.model;
    const name = listener.resourceName ?? listener.resourceId;
    if (m.protocol !== 'HTTPS' && m.protocol !== 'TLS') {
      return notApplicable(`Listener ${name} uses ${m.protocol ?? 'an unreported protocol'}; no TLS to negotiate.`);
    }
    // Every HTTPS and TLS listener has a security policy: none is unrecorded data.
    if (m.sslPolicy === undefined) return notApplicable(`${m.protocol} listener ${name}: security policy not recorded.`);
    return params.allowedPolicies.includes(m.sslPolicy)
      ? compliant(`${m.protocol} listener ${name} uses security policy ${m.sslPolicy}.`)
      : nonCompliant(`${m.protocol} listener ${name} uses security policy ${m.sslPolicy}, not in the allowed TLS 1.2+ list.`);
  },
});
