import { ACCOUNT_RESOURCE_TYPE } from '../../domain/resource.ts';
import { accountKeysAcrossRegions, listSome } from '../iam/_helpers.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { auditTrailShortfall, managementCoverage } from './_helpers.ts';

const TRAIL_TYPE = 'AWS::CloudTrail::Trail';

/**
 * Account-level: some trail of the account, in any region, is multi-region, logging, and records
 * all management events (read and write, no excluded sources such as kms or rdsdata).
 *
 * Equivalence: FSBP CloudTrail.1 (multi-region-cloudtrail-enabled configured with
 * includeManagementEvents = true, readWriteType = ALL); this rule takes no parameters and always
 * applies those. multi-region-cloudtrail-enabled itself is not claimed: with its parameters unset
 * (the only configuration comparable to this parameterless rule) it accepts a read-only or
 * write-only multi-region trail, which this rule rejects, and its page names no logging-status
 * condition. Prowler's check is not claimed: it ignores excluded management event sources.
 *
 * A trail whose status or selectors the CI lacks gets the benefit of the doubt, and the reason
 * says so. An organization trail lives in the management account: member accounts whose only
 * trail is the organization's have none recorded here and fail, as they do in AWS Config.
 *
 * Absent data: no trail in the account's inventory reads as no multi-region trail. Source:
 * ../shared/reference/managed-rules/multi-region-cloudtrail-enabled.md ("checks if there is at least
 * one multi-region AWS CloudTrail"). Right for a whole-account inventory only (issue 11 §3).
 */
export default defineRule({
  id: 'cloudtrail-multi-region-enabled',
  title: 'A multi-region CloudTrail trail logs all management events',
  severity: 'high',
  resourceTypes: [ACCOUNT_RESOURCE_TYPE],
  // Global to the account: one verdict per account, in its home region, not one per region.
  accountWide: true,
  category: RuleCategory.monitoring,
  checklist: '000 audit logging',
  remediation: {
    text: 'Create a multi-region trail that records all read and write management events to a dedicated S3 bucket, and start logging.',
    cli: 'aws cloudtrail create-trail --name audit --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key-arn> && aws cloudtrail start-logging --name audit',
    cloudformation:
      'Type: AWS::CloudTrail::Trail\nProperties:\n  IsLogging: true\n  IsMultiRegionTrail: true\n  IncludeGlobalServiceEvents: true\n  EnableLogFileValidation: true\n  S3BucketName: !Ref AuditBucket',
  },
  params: {},
  equivalents: { fsbp: ['CloudTrail.1'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'multi-region-cloudtrail-enabled',
    differences: [
      'Stricter: the trail must record all read and write management events with no excluded event sources, and be logging (FSBP CloudTrail.1); with its parameters unset the managed rule accepts a read-only or write-only trail.',
      'Evaluated once per account, in its home region, and only on a whole account (a Config snapshot file, --live or --complete).',
    ],
  },
  dependsOn: [TRAIL_TYPE],
  // A multi-region trail covers the account in every region, not only its home region.
  affectedBy: (trail, inventory) => accountKeysAcrossRegions(trail.accountId, trail.region, inventory),
  evaluate(account, { inventory }) {
    const accountId = account.resourceId;
    const trails = inventory.list(TRAIL_TYPE, { accountId });
    const qualifying = trails.find((t) => auditTrailShortfall(t.model) === undefined);
    if (qualifying) {
      const t = qualifying.model;
      const doubts = [
        t.isLogging === undefined ? 'logging status not recorded' : undefined,
        managementCoverage(t).kind === 'unknown' ? 'event selectors not recorded' : undefined,
      ].filter((d): d is string => d !== undefined);
      const note = doubts.length > 0 ? ` (${doubts.join(', ')})` : '';
      return compliant(`Account ${accountId}: multi-region trail ${t.name} (home ${t.homeRegion ?? qualifying.region}) logs all management events${note}.`);
    }
    if (trails.length === 0) return nonCompliant(`Account ${accountId} has no CloudTrail trail recorded.`);
    const shortfalls = trails.map((t) => `${t.model.name}: ${auditTrailShortfall(t.model) ?? ''}`);
    return nonCompliant(`Account ${accountId} has no logging multi-region trail with all management events (${listSome(shortfalls, 3, '; ')}).`);
  },
});
