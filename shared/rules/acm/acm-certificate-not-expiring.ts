import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { certificateLabel } from './_helpers.ts';

const DAY_MS = 86_400_000;

/**
 * Same semantics as acm-certificate-expiration-check with equal `daysToExpiration` (AWS's
 * default is 14, the checklist's 30): NON_COMPLIANT once notAfter is N days away or less,
 * expired certificates included. Certificates never issued (pending validation, failed) have no
 * notAfter and are NOT_APPLICABLE.
 */
export default defineRule({
  id: 'acm-certificate-not-expiring',
  title: 'ACM certificates are more than the warning period away from expiry',
  severity: 'medium',
  resourceTypes: ['AWS::ACM::Certificate'],
  category: RuleCategory.network,
  checklist: '003 certificate expiry monitoring (< 30 days alert)',
  remediation: {
    text: 'Renew or re-import the certificate before it expires; for ACM-issued certificates, find out why managed renewal has not happened (DNS validation record removed, certificate not in use).',
    cli: 'aws acm describe-certificate --certificate-arn <arn> --query Certificate.RenewalSummary',
  },
  params: {
    daysToExpiration: param.int(30, 'Days before notAfter from which the certificate is flagged.', { min: 1 }),
  },
  equivalents: { awsConfigRule: 'acm-certificate-expiration-check', fsbp: ['ACM.1'], prowler: 'acm_certificates_expiration_check' },
  timeBased: true,
  evaluate(certificate, { now, params }) {
    const label = certificateLabel(certificate);
    const notAfter = certificate.model.notAfter;
    if (notAfter === undefined) {
      return notApplicable(`${label} has no expiry date (status ${certificate.model.status ?? 'unreported'}).`);
    }
    const msLeft = Date.parse(notAfter) - now.getTime();
    const day = notAfter.slice(0, 10);
    if (msLeft <= 0) return nonCompliant(`${label} expired on ${day}.`);
    const daysLeft = Math.floor(msLeft / DAY_MS);
    return msLeft > params.daysToExpiration * DAY_MS
      ? compliant(`${label} expires on ${day}, in ${daysLeft} days.`)
      : nonCompliant(`${label} expires on ${day}, in ${daysLeft} days (warning period ${params.daysToExpiration} days).`);
  },
});
