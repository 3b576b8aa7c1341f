import type { Rule } from '../rule.ts';
import cloudtrailMultiRegionEnabled from './cloudtrail-multi-region-enabled.ts';
import cloudtrailTrailEncrypted from './cloudtrail-trail-encrypted.ts';
import cloudtrailTrailLogValidation from './cloudtrail-trail-log-validation.ts';

export const cloudtrailRules: readonly Rule[] = [cloudtrailMultiRegionEnabled, cloudtrailTrailLogValidation, cloudtrailTrailEncrypted];
