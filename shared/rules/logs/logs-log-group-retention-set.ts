import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Equivalence with cw-loggroup-retention-period-check (MinRetentionTime = minRetentionDays)
 * holds only with allowNeverExpire = true: AWS's rule counts "Never expire" as compliant, while
 * Vigil's default fails it, because logs kept forever are a cost and data-retention problem the
 * checklist asks to fix. Prowler's check treats never-expire the same way AWS does.
 *
 * Absent data: no retentionInDays reads as "Never expire". Source:
 * ../shared/reference/managed-rules/cw-loggroup-retention-period-check.md (the "Never expire"
 * setting is a log group without a retention period) and ../shared/reference/aws-config-formats.md §7
 * (DescribeLogGroups.retentionInDays, absent when never expiring).
 */
export default defineRule({
  id: 'logs-log-group-retention-set',
  title: 'CloudWatch log groups keep logs for a set period of at least N days',
  severity: 'medium',
  resourceTypes: ['AWS::Logs::LogGroup'],
  category: RuleCategory.monitoring,
  checklist: '000/001/004 log retention (001: 14 days)',
  remediation: {
    text: 'Set a retention period of at least the minimum (CloudWatch Logs accepts 1, 3, 5, 7, 14, 30, 60, 90 … 3653 days) instead of "Never expire".',
    cli: 'aws logs put-retention-policy --log-group-name <log-group> --retention-in-days 30',
    cloudformation: 'Type: AWS::Logs::LogGroup\nProperties:\n  RetentionInDays: 30',
  },
  params: {
    minRetentionDays: param.int(14, 'Shortest acceptable retention, in days.', { min: 1 }),
    allowNeverExpire: param.bool(false, 'Accept log groups whose retention is "Never expire".'),
  },
  equivalents: {
    awsConfigRule: 'cw-loggroup-retention-period-check',
    prowler: 'cloudwatch_log_group_retention_policy_specific_days_enabled',
  },
  evaluate(group, { params }) {
    const { logGroupName, retentionInDays } = group.model;
    if (retentionInDays === undefined) {
      return params.allowNeverExpire
        ? compliant(`Log group ${logGroupName} never expires its logs, which is allowed.`)
        : nonCompliant(`Log group ${logGroupName} has no retention period (Never expire).`);
    }
    return retentionInDays < params.minRetentionDays
      ? nonCompliant(`Log group ${logGroupName} keeps logs ${retentionInDays} days, less than ${params.minRetentionDays}.`)
      : compliant(`Log group ${logGroupName} keeps logs ${retentionInDays} days.`);
  },
});
