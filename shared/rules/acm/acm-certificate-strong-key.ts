import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { certificateLabel } from './_helpers.ts';

const MIN_RSA_BITS = 2048;

/**
 * RSA keys of at least 2048 bits, or any elliptic-curve key (ACM's smallest curve is P-256).
 * ACM spells algorithms `RSA_2048` in its API and `RSA-2048` in configuration items.
 * FSBP ACM.2 judges RSA only; acm-certificate-rsa-check has no page in the reference, so no
 * AWS Config equivalence is claimed.
 */
export default defineRule({
  id: 'acm-certificate-strong-key',
  title: 'ACM certificates use RSA keys of at least 2048 bits or ECDSA keys',
  severity: 'high',
  resourceTypes: ['AWS::ACM::Certificate'],
  category: RuleCategory.network,
  checklist: '004 strong keys',
  remediation: {
    text: 'Request (or import) a replacement certificate with an RSA 2048+ or ECDSA P-256/P-384 key, move its users over, then delete the weak one.',
    cli: 'aws acm request-certificate --domain-name <domain> --validation-method DNS --key-algorithm EC_prime256v1',
  },
  params: {},
  equivalents: { fsbp: ['ACM.2'], prowler: 'acm_certificates_with_secure_key_algorithms' },
  evaluate(certificate) {
    const label = certificateLabel(certificate);
    const algorithm = certificate.model.keyAlgorithm;
    if (algorithm === undefined) return notApplicable(`${label} reports no key algorithm.`);
    const rsa = /^RSA[-_](\d+)$/i.exec(algorithm);
    if (rsa) {
      const bits = Number(rsa[1]);
      return bits >= MIN_RSA_BITS
        ? compliant(`${label} uses a ${bits}-bit RSA key.`)
        : nonCompliant(`${label} uses a ${bits}-bit RSA key, below ${MIN_RSA_BITS} bits.`);
    }
    return /^EC[-_]/i.test(algorithm)
      ? compliant(`${label} uses an elliptic-curve key (${algorithm}).`)
      : nonCompliant(`${label} uses an unrecognized key algorithm ${algorithm}.`);
  },
});
