import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { rotationInterval } from './_schedule.ts';

const DAY_MS = 86_400_000;

/**
 * Matches secretsmanager-secret-periodic-rotation (same maxDaysSinceRotation): a secret fails when
 * its last rotation is more than N days old. A secret never rotated is judged by its creation
 * date: it "has not been rotated" for as long as it has existed.
 *
 * The rotation dates come from DescribeSecret; AWS Config's CI may lack them. Then a secret that
 * Config reports as rotating on schedule, on a schedule within N days, has necessarily rotated
 * within N days; anything else is NOT_APPLICABLE rather than a guess.
 *
 * Absent data: no LastRotatedDate on a secret whose rotation is off reads as never rotated, and the
 * secret is judged by its creation date; with rotation on (or unrecorded), a missing date is only
 * missing. Source: ../shared/reference/managed-rules/secretsmanager-secret-periodic-rotation.md
 * ("NON_COMPLIANT if a secret has not been rotated for more than maxDaysSinceRotation").
 */
export default defineRule({
  id: 'secretsmanager-secret-rotated-recently',
  title: 'Secrets Manager secrets were rotated within the last N days',
  severity: 'medium',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  category: RuleCategory.identity,
  checklist: '002/003 API key rotation',
  remediation: {
    text: 'Rotate the secret now, then turn on automatic rotation so it stays fresh; check the rotation function\'s logs if scheduled rotations are failing.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret>',
  },
  params: {
    maxDaysSinceRotation: param.int(90, 'Maximum number of days since the secret was last rotated (or created, if never rotated).', { min: 1 }),
  },
  equivalents: { awsConfigRule: 'secretsmanager-secret-periodic-rotation', fsbp: ['SecretsManager.4'] },
  timeBased: true,
  evaluate(secret, { now, params }) {
    const { name, deleted, lastRotatedDate, createdDate, rotationEnabled, rotationOccurringAsScheduled, rotationRules } = secret.model;
    if (deleted) return notApplicable(`Secret ${name} is scheduled for deletion.`);
    const max = params.maxDaysSinceRotation;
    const since = lastRotatedDate ?? (rotationEnabled === false ? createdDate : undefined);
    if (since !== undefined) {
      const age = now.getTime() - Date.parse(since);
      const days = Math.floor(age / DAY_MS);
      const what = lastRotatedDate ? `was last rotated ${since.slice(0, 10)}` : `has never been rotated since its creation on ${since.slice(0, 10)}`;
      return age > max * DAY_MS
        ? nonCompliant(`Secret ${name} ${what}, ${days} days ago (more than ${max}).`)
        : compliant(`Secret ${name} ${what}, ${days} days ago.`);
    }
    const interval = rotationInterval(rotationRules);
    if (rotationEnabled && rotationOccurringAsScheduled === true && interval && interval.days <= max) {
      return compliant(`Secret ${name} rotates ${interval.schedule} and AWS Config reports rotation on schedule.`);
    }
    return notApplicable(`Secret ${name}: the last rotation date is not in the configuration item.`);
  },
});
