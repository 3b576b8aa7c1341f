import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { CREDENTIAL_REPORT_TYPE, credentialReportFor, DAY_MS, daysSince, reportAge, reportRowFor } from './_helpers.ts';

/**
 * Matches access-keys-rotated (maxAccessKeyAge = maxKeyAgeDays): an active key whose last
 * rotation is more than N days old fails; inactive keys are ignored; a user without active keys
 * passes. Key dates come from IAM's credential report (AWS Config records no access keys).
 */
export default defineRule({
  id: 'iam-user-access-keys-rotated',
  title: 'IAM users\' active access keys are younger than the maximum age',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::User'],
  category: RuleCategory.identity,
  checklist: '000 API key rotation',
  remediation: {
    text: 'Create a second access key, move every client to it, deactivate the old key, and delete it once nothing uses it; better, replace long-lived keys with roles.',
    cli: 'aws iam create-access-key --user-name <user> && aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive && aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>',
  },
  params: {
    maxKeyAgeDays: param.int(90, 'Maximum age in days of an active access key since it was created or last rotated.', { min: 1 }),
  },
  equivalents: { awsConfigRule: 'access-keys-rotated', fsbp: ['IAM.3'], prowler: 'iam_rotate_access_key_90_days' },
  dependsOn: [CREDENTIAL_REPORT_TYPE],
  timeBased: true,
  evaluate(user, { inventory, now, params }) {
    const { userName } = user.model;
    const report = credentialReportFor(user.accountId, inventory);
    if (!report) return notApplicable(`IAM user ${userName}: credential report not collected, so access key ages are unknown.`);
    const row = reportRowFor(report.model.users, user.model);
    if (!row) {
      return notApplicable(`IAM user ${userName} is not in the credential report ${reportAge(report.model.generatedTime)} (created since).`);
    }
    const active = row.accessKeys.filter((k) => k.active);
    if (active.length === 0) return compliant(`IAM user ${userName} has no active access keys.`);
    const stale = active.flatMap((k) => {
      // An active key always has a rotation date in IAM's report; the creation time is a safe stand-in.
      const since = k.lastRotated ?? row.userCreationTime;
      const rotatedAt = since === undefined ? Number.NaN : Date.parse(since);
      if (since === undefined || Number.isNaN(rotatedAt) || now.getTime() - rotatedAt <= params.maxKeyAgeDays * DAY_MS) return [];
      return [`key ${k.slot} last rotated ${since.slice(0, 10)} (${daysSince(since, now)} days ago)`];
    });
    return stale.length > 0
      ? nonCompliant(`IAM user ${userName} has active access keys older than ${params.maxKeyAgeDays} days: ${stale.join('; ')}.`)
      : compliant(`IAM user ${userName} has ${active.length} active access key(s), all rotated within ${params.maxKeyAgeDays} days.`);
  },
});
