import type { Rule } from '../rule.ts';
import cloudfrontDistributionCompression from './cloudfront-distribution-compression.ts';
import cloudfrontDistributionHttpsOnly from './cloudfront-distribution-https-only.ts';
import cloudfrontDistributionLoggingEnabled from './cloudfront-distribution-logging-enabled.ts';
import cloudfrontDistributionModernTls from './cloudfront-distribution-modern-tls.ts';
import cloudfrontDistributionSecurityHeaders from './cloudfront-distribution-security-headers.ts';
import cloudfrontDistributionWafEnabled from './cloudfront-distribution-waf-enabled.ts';

export const cloudfrontRules: readonly Rule[] = [
  cloudfrontDistributionWafEnabled,
  cloudfrontDistributionHttpsOnly,
  cloudfrontDistributionModernTls,
  cloudfrontDistributionSecurityHeaders,
  cloudfrontDistributionLoggingEnabled,
  cloudfrontDistributionCompression,
];
