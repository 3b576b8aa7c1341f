import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no alarmActions reads as no action. Source:
 * ../shared/reference/managed-rules/cloudwatch-alarm-action-check.md ("NON_COMPLIANT if no action
 * exists for the alarm").
 */
export default defineRule({
  id: 'cloudwatch-alarm-has-action',
  title: 'CloudWatch alarms have enabled actions that run when they fire',
  severity: 'high',
  resourceTypes: ['AWS::CloudWatch::Alarm'],
  category: RuleCategory.monitoring,
  checklist: '000 error alerting (Slack/email/SMS), 004 alerts',
  remediation: {
    text:
      'Give the alarm at least one ALARM-state action (an SNS topic that reaches the owners by email, Slack or paging; an Auto ' +
      'Scaling or Systems Manager action) and make sure its actions are enabled: an alarm nobody hears is a graph, not an alert.',
    cli: 'aws cloudwatch enable-alarm-actions --alarm-names <alarm>\n# and, if it has none, re-run put-metric-alarm with --alarm-actions <sns-topic-arn>',
    cloudformation: 'ActionsEnabled: true\nAlarmActions:\n  - !Ref AlarmTopic',
  },
  params: {},
  // Not cloudwatch-alarm-action-check: that managed rule counts actions but not whether they are
  // enabled (ActionsEnabled=false with an action is COMPLIANT there), and by default also demands an
  // INSUFFICIENT_DATA action. FSBP CloudWatch.15 asks for an alarm action, as this rule does.
  equivalents: { fsbp: ['CloudWatch.15'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'cloudwatch-alarm-action-check',
    differences: [
      'Stricter: actions must be enabled (ActionsEnabled=false with an action is COMPLIANT there).',
      'Looser: no INSUFFICIENT_DATA action is required (the managed rule requires one by default).',
    ],
  },
  evaluate(alarm) {
    const name = alarm.resourceName ?? alarm.model.alarmName;
    const actions = alarm.model.alarmActions.length;
    if (!alarm.model.actionsEnabled) {
      return nonCompliant(`CloudWatch alarm ${name} has its actions disabled (${actions} alarm action${actions === 1 ? '' : 's'} would never run).`);
    }
    if (actions === 0) {
      const others = alarm.model.okActions.length + alarm.model.insufficientDataActions.length;
      return nonCompliant(
        `CloudWatch alarm ${name} has no action for the ALARM state${others > 0 ? ` (only ${others} OK/INSUFFICIENT_DATA action${others === 1 ? '' : 's'})` : ''}.`,
      );
    }
    return compliant(`CloudWatch alarm ${name} has ${actions} enabled alarm action${actions === 1 ? '' : 's'}.`);
  },
});
