import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { certificateLabel } from './_helpers.ts';

/**
 * ACM renews without anyone acting only for certificates it issued and can revalidate on its
 * own: public ones validated through DNS (the CNAME stays in place), and private ones from AWS
 * Private CA. Imported certificates are never renewed; email-validated ones wait for a person
 * to click a link. Only issued certificates are judged.
 */
export default defineRule({
  id: 'acm-certificate-auto-renews',
  title: 'ACM certificates are eligible for automatic renewal',
  severity: 'medium',
  resourceTypes: ['AWS::ACM::Certificate'],
  category: RuleCategory.network,
  checklist: '003/004 certificate auto-renewal',
  remediation: {
    text: 'Replace imported and email-validated certificates with an ACM-issued certificate validated through DNS, and keep the validation CNAME records in place.',
    cli: 'aws acm request-certificate --domain-name <domain> --validation-method DNS',
    cloudformation: 'Type: AWS::CertificateManager::Certificate\nProperties:\n  DomainName: <domain>\n  ValidationMethod: DNS',
  },
  params: {},
  equivalents: {},
  evaluate(certificate) {
    const m = certificate.model;
    const label = certificateLabel(certificate);
    if (m.status !== 'ISSUED') return notApplicable(`${label} is ${m.status ?? 'of unreported status'}, not issued.`);
    switch (m.type) {
      case 'IMPORTED':
        return nonCompliant(`${label} is imported; ACM never renews imported certificates.`);
      case 'PRIVATE':
        return compliant(`${label} is issued by AWS Private CA and renewed by ACM.`);
      case 'AMAZON_ISSUED': {
        const manual = m.validationMethods.filter((method) => method !== 'DNS');
        // ACM lists a validation method for every domain of an issued certificate: none is unrecorded data.
        if (m.validationMethods.length === 0) return notApplicable(`${label}: validation method not recorded.`);
        return manual.length === 0
          ? compliant(`${label} is ACM-issued with DNS validation.`)
          : nonCompliant(`${label} uses ${manual.join('/')} validation; renewal needs someone to act.`);
      }
      case undefined:
        return notApplicable(`${label}: certificate type not recorded.`);
      default:
        return nonCompliant(`${label} has certificate type ${m.type}.`);
    }
  },
});
