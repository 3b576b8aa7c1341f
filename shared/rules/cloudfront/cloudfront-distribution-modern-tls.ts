import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { distributionLabel } from './_helpers.ts';

/** `TLSv1.2_2021` → [1.2, 2021]; `TLSv1` → [1.0, 0]; `SSLv3` → [0, 0]. */
function parsePolicy(policy: string): { readonly version: number; readonly year: number } | undefined {
  const m = /^(SSL|TLS)v(\d)(?:\.(\d))?(?:_(\d{4}))?$/i.exec(policy);
  if (!m) return undefined;
  const version = m[1]?.toUpperCase() === 'SSL' ? 0 : Number(`${m[2]}.${m[3] ?? '0'}`);
  return { version, year: Number(m[4] ?? 0) };
}

/**
 * The checklist asks for TLSv1.2_2021 or newer (TLSv1.2_2025, TLSv1.3_2025): the 2018 and 2019
 * TLS 1.2 policies still offer CBC ciphers. That is stricter than
 * cloudfront-security-policy-check, which passes TLSv1.2_2018, so that rule is not claimed.
 * The default *.cloudfront.net certificate pins viewers to TLSv1 and fails.
 */
export default defineRule({
  id: 'cloudfront-distribution-modern-tls',
  title: 'CloudFront distributions use a custom certificate with TLSv1.2_2021 or newer',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  category: RuleCategory.network,
  checklist: '004 strong ciphers',
  remediation: {
    text: 'Serve the distribution on your own domain with an ACM certificate (us-east-1), SNI, and security policy TLSv1.2_2021 or newer.',
    cloudformation:
      'ViewerCertificate:\n  AcmCertificateArn: <certificate-arn-in-us-east-1>\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021',
  },
  params: {},
  equivalents: {},
  evaluate(distribution) {
    const label = distributionLabel(distribution);
    const cert = distribution.model.viewerCertificate;
    if (cert.cloudFrontDefaultCertificate) {
      return nonCompliant(`${label} uses the default *.cloudfront.net certificate, which accepts TLSv1.`);
    }
    const policy = cert.minimumProtocolVersion;
    if (policy === undefined) return nonCompliant(`${label} reports no minimum protocol version.`);
    const parsed = parsePolicy(policy);
    const modern = parsed !== undefined && (parsed.version > 1.2 || (parsed.version === 1.2 && parsed.year >= 2021));
    return modern
      ? compliant(`${label} uses security policy ${policy}.`)
      : nonCompliant(`${label} uses security policy ${policy}, older than TLSv1.2_2021.`);
  },
});
