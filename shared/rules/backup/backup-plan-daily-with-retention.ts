import type { BackupPlanRule } from '../../config-items/models/backup.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { describeGap, scheduleInterval } from './_schedule.ts';

export default defineRule({
  id: 'backup-plan-daily-with-retention',
  title: 'AWS Backup plans have a rule that runs at least daily and keeps recovery points long enough',
  severity: 'medium',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  category: RuleCategory.dataStores,
  checklist: '000/003/004 backup strategy, retention, daily',
  remediation: {
    text: 'Give the plan a rule that runs at least every maxFrequencyHours and deletes recovery points no sooner than minRetentionDays (weekly or monthly rules with longer retention may sit beside it).',
    cli: 'aws backup update-backup-plan --backup-plan-id <plan-id> --backup-plan \'{"BackupPlanName":"<name>","Rules":[{"RuleName":"daily","TargetBackupVaultName":"<vault>","ScheduleExpression":"cron(0 5 ? * * *)","Lifecycle":{"DeleteAfterDays":35}}]}\'',
    cloudformation:
      'BackupPlan:\n  BackupPlanName: <name>\n  BackupPlanRule:\n    - RuleName: daily\n      TargetBackupVault: <vault>\n      ScheduleExpression: cron(0 5 ? * * *)\n      Lifecycle:\n        DeleteAfterDays: 35',
  },
  params: {
    minRetentionDays: param.int(30, 'Minimum days a recovery point is kept (Lifecycle.DeleteAfterDays; no expiry counts as kept).', { min: 1 }),
    maxFrequencyHours: param.int(24, 'Longest allowed gap between two runs of the rule, in hours (24 = at least daily).', { min: 1, max: 744 }),
  },
  // The plan passes when one of its rules meets both limits, as the managed rule documents
  // ("has a backup rule that satisfies…"), so a daily rule beside a monthly long-term rule is fine.
  // Parameters map as requiredFrequencyUnit=hours, requiredFrequencyValue=maxFrequencyHours,
  // requiredRetentionDays=minRetentionDays (the managed rule's default is 35 days, the checklist's 30).
  equivalents: { awsConfigRule: 'backup-plan-min-frequency-and-min-retention-check' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'backup-plan-min-frequency-and-min-retention-check',
    differences: [
      'Same: the plan passes when at least one of its rules both runs at least every maxFrequencyHours and keeps recovery points at least minRetentionDays; a daily rule beside a monthly long-term rule is fine.',
      'Default retention is the checklist\'s 30 days, where the managed rule defaults to 35.',
    ],
  },
  evaluate(plan, { params, now }) {
    const { planName, rules } = plan.model;
    if (rules.length === 0) return nonCompliant(`Backup plan ${planName} has no backup rules.`);
    const maxGapMinutes = params.maxFrequencyHours * 60;
    const verdicts = rules.map((rule) => judge(rule, maxGapMinutes, params.minRetentionDays, now));
    const passing = verdicts.find((v) => v.problem === undefined);
    if (passing) {
      return compliant(`Backup plan ${planName} rule ${passing.rule.ruleName} runs ${passing.gap} and keeps recovery points ${passing.kept}.`);
    }
    const shown = verdicts.slice(0, 2).map((v) => `${v.rule.ruleName} ${v.problem ?? ''}`);
    const more = verdicts.length > 2 ? ` (+${verdicts.length - 2} more)` : '';
    return nonCompliant(`Backup plan ${planName} has no rule that runs at least every ${params.maxFrequencyHours} hours and keeps ${params.minRetentionDays} days: ${shown.join('; ')}${more}.`);
  },
});

interface RuleVerdict {
  readonly rule: BackupPlanRule;
  readonly gap: string;
  readonly kept: string;
  /** Why the rule falls short; undefined when it meets both limits. */
  readonly problem: string | undefined;
}

function judge(rule: BackupPlanRule, maxGapMinutes: number, minRetentionDays: number, now: Date): RuleVerdict {
  const kept = rule.deleteAfterDays === undefined ? 'indefinitely' : `${rule.deleteAfterDays} days`;
  const interval = scheduleInterval(rule.scheduleExpression, now);
  if (!interval.ok) {
    return { rule, gap: '', kept, problem: `has an unreadable schedule ${rule.scheduleExpression} (${interval.error})` };
  }
  const gap = describeGap(interval.maxGapMinutes);
  const problems = [
    interval.maxGapMinutes > maxGapMinutes ? `runs ${gap}` : '',
    rule.deleteAfterDays !== undefined && rule.deleteAfterDays < minRetentionDays ? `keeps ${kept}` : '',
  ].filter(Boolean);
  return { rule, gap, kept, problem: problems.length > 0 ? problems.join(' and ') : undefined };
}
