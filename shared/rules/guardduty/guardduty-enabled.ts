import { ACCOUNT_RESOURCE_TYPE } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

const DETECTOR_TYPE = 'AWS::GuardDuty::Detector';

/**
 * Account-level, per region: GuardDuty is regional, so each region needs its own enabled
 * detector. Evidence comes from AWS Config's detector items and from the account pseudo-resource
 * (a collector's ListDetectors/GetDetector). Enabling GuardDuty is what creates a detector, so
 * finding none is the non-compliant case itself, not missing data.
 *
 * Absent data: no detector in the account's inventory reads as GuardDuty not enabled. Source:
 * ../shared/reference/managed-rules/guardduty-enabled-centralized.md (COMPLIANT only when GuardDuty
 * is enabled, which is having a detector). Right for a whole-account inventory only; a partial
 * input is the inventory-completeness check's to skip (issue 11 §3).
 */
export default defineRule({
  id: 'guardduty-enabled',
  title: 'GuardDuty is enabled in every region in use',
  severity: 'high',
  resourceTypes: [ACCOUNT_RESOURCE_TYPE],
  category: RuleCategory.monitoring,
  checklist: '004 security events logged',
  remediation: {
    text: 'Enable GuardDuty in this region (with AWS Organizations, from the delegated administrator with auto-enable for all members).',
    cli: 'aws guardduty create-detector --enable --finding-publishing-frequency FIFTEEN_MINUTES --region <region>',
    cloudformation: 'Type: AWS::GuardDuty::Detector\nProperties:\n  Enable: true\n  FindingPublishingFrequency: FIFTEEN_MINUTES',
  },
  params: {},
  equivalents: { awsConfigRule: 'guardduty-enabled-centralized', fsbp: ['GuardDuty.1'], prowler: 'guardduty_is_enabled' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'guardduty-enabled-centralized',
    differences: [
      'Evaluated once per account and region, and only on a whole account (a Config snapshot file, --live or --complete).',
    ],
  },
  dependsOn: [DETECTOR_TYPE],
  evaluate(account, { inventory }) {
    const where = `Account ${account.resourceId} in ${account.region}`;
    const recorded = inventory
      .list(DETECTOR_TYPE, { accountId: account.accountId, region: account.region })
      .filter((d) => d.region === account.region)
      .map((d) => ({ id: d.model.detectorId, enabled: d.model.enabled === true }));
    const collected = (account.model.guardDutyDetectors ?? []).map((d) => ({ id: d.id, enabled: d.status.toUpperCase() === 'ENABLED' }));
    const detectors = [...recorded, ...collected];
    const enabled = detectors.find((d) => d.enabled);
    if (enabled) return compliant(`${where} has GuardDuty detector ${enabled.id} enabled.`);
    const first = detectors[0];
    return first
      ? nonCompliant(`${where} has GuardDuty detector ${first.id} suspended.`)
      : nonCompliant(`${where} has no GuardDuty detector: GuardDuty is not enabled.`);
  },
});
