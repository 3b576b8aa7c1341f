import type { Rule } from '../rule.ts';
import acmCertificateAutoRenews from './acm-certificate-auto-renews.ts';
import acmCertificateNotExpiring from './acm-certificate-not-expiring.ts';
import acmCertificateStrongKey from './acm-certificate-strong-key.ts';

export const acmRules: readonly Rule[] = [acmCertificateNotExpiring, acmCertificateAutoRenews, acmCertificateStrongKey];
