import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { rotationInterval } from './_schedule.ts';

/**
 * Matches secretsmanager-rotation-enabled-check with maximumAllowedRotationFrequency =
 * maxRotationDays: rotation off fails, a schedule longer than the maximum fails (a schedule equal
 * to it passes). A cron schedule is judged by the longest gap between its runs. AWS's parameter
 * is optional with no default (unset, any schedule passes); Vigil's defaults to the checklist's
 * 90, so AWS's unset parameter corresponds to a maxRotationDays above any schedule in use.
 *
 * Absent data: no RotationEnabled reads as rotation off: Secrets Manager leaves it out for a
 * secret never configured for rotation. Source:
 * ../shared/reference/managed-rules/secretsmanager-rotation-enabled-check.md ("NON_COMPLIANT if the
 * secret is not scheduled for rotation") and
 * ../shared/reference/config-resource-schema/AWS__SecretsManager__Secret.properties.json (RotationEnabled).
 */
export default defineRule({
  id: 'secretsmanager-secret-rotation-enabled',
  title: 'Secrets Manager secrets rotate automatically at least every N days',
  severity: 'medium',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  category: RuleCategory.identity,
  checklist: '003 secrets management, rotation',
  remediation: {
    text: 'Turn on automatic rotation with a rotation function (managed rotation for RDS, Redshift and DocumentDB credentials) and a schedule no longer than the maximum.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <rotation-function-arn> --rotation-rules "{\\"ScheduleExpression\\": \\"rate(30 days)\\"}"',
    cloudformation:
      'Type: AWS::SecretsManager::RotationSchedule\nProperties:\n  SecretId: !Ref Secret\n  RotationLambdaARN: !GetAtt RotationFunction.Arn\n  RotationRules:\n    ScheduleExpression: rate(30 days)',
  },
  params: {
    maxRotationDays: param.int(90, 'Longest allowed rotation schedule, in days.', { min: 1 }),
  },
  equivalents: { awsConfigRule: 'secretsmanager-rotation-enabled-check', fsbp: ['SecretsManager.1'] },
  evaluate(secret, { params }) {
    const { name, rotationEnabled, rotationRules, deleted } = secret.model;
    if (deleted) return notApplicable(`Secret ${name} is scheduled for deletion.`);
    if (!rotationEnabled) return nonCompliant(`Secret ${name} has automatic rotation disabled.`);
    const interval = rotationInterval(rotationRules);
    if (!interval) return compliant(`Secret ${name} has automatic rotation enabled (schedule not recorded).`);
    return interval.days > params.maxRotationDays
      ? nonCompliant(`Secret ${name} rotates ${interval.schedule}, less often than every ${params.maxRotationDays} days.`)
      : compliant(`Secret ${name} rotates automatically, ${interval.schedule}.`);
  },
});
