import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no deadLetterConfig reads as no dead-letter queue (Lambda reports one only when it
 * is set). Source: ../shared/reference/managed-rules/lambda-dlq-check.md ("NON_COMPLIANT if the Lambda
 * function is not configured with a dead-letter queue").
 */
export default defineRule({
  id: 'lambda-function-async-failure-destination',
  title: 'Lambda functions keep failed asynchronous events in a dead-letter queue or on-failure destination',
  severity: 'low',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.availability,
  checklist: '002 auto-retry',
  remediation: {
    text:
      'Give the function a dead-letter queue (SQS queue or SNS topic) or an on-failure destination, so events that still fail after ' +
      "Lambda's asynchronous retries are kept for inspection and replay instead of dropped.",
    cli: 'aws lambda update-function-configuration --function-name <function> --dead-letter-config TargetArn=<sqs-queue-arn>',
    cloudformation: 'DeadLetterConfig:\n  TargetArn: !GetAtt FailedEventsQueue.Arn',
  },
  params: {},
  // No awsConfigRule claim: lambda-dlq-check is NON_COMPLIANT for any function without a
  // dead-letter queue, while this rule (per the checklist row: "DLQ or on-failure destination")
  // also passes a function whose item carries an on-failure destination (EventInvokeConfig in
  // supplementaryConfiguration, added by a collector). The two agree on every item without one.
  equivalents: {},
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'lambda-dlq-check',
    differences: [
      'Looser: an on-failure destination passes as well as a dead-letter queue (the checklist\'s "DLQ or on-failure destination").',
      'AWS Config does not record on-failure destinations (EventInvokeConfig): from a snapshot only the dead-letter queue is seen, so a function protected by a destination alone is NON_COMPLIANT there, as for the managed rule. A destination counts only when the item carries EventInvokeConfig in supplementaryConfiguration; the live scan does not read it yet.',
    ],
  },
  evaluate(fn) {
    const name = fn.resourceName ?? fn.resourceId;
    if (fn.model.deadLetterTargetArn) {
      return compliant(`Lambda function ${name} sends failed asynchronous events to dead-letter queue ${fn.model.deadLetterTargetArn}.`);
    }
    if (fn.model.onFailureDestination) {
      return compliant(`Lambda function ${name} sends failed asynchronous events to destination ${fn.model.onFailureDestination}.`);
    }
    return nonCompliant(`Lambda function ${name} has no dead-letter queue and no recorded on-failure destination.`);
  },
});
