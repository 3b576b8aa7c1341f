import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no deadLetterConfig reads as no dead-letter queue (Lambda reports one only when it
 * is set). Source: ../shared/reference/managed-rules/lambda-dlq-check.md ("NON_COMPLIANT if the Lambda
 * function is not configured with a dead-letter queue").
 *
 * On-failure destinations live in the function's asynchronous invocation configuration, which
 * AWS Config does not record. `vigil scan --live` reads it (lambda:ListFunctionEventInvokeConfigs,
 * shared/adapters/collectors/lambda-event-invoke-configs.ts) into the item's
 * supplementaryConfiguration.EventInvokeConfig; a snapshot and the deployed monitor judge from
 * Config's item alone, so there a destination is unseen and only the dead-letter queue counts,
 * as for the managed rule. The reason says which of the two a verdict rests on.
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
  // supplementaryConfiguration, added by the live scan's collector). The two agree on every item
  // without one, which is every item Config records.
  equivalents: {},
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'lambda-dlq-check',
    differences: [
      'Looser: an on-failure destination passes as well as a dead-letter queue (the checklist\'s "DLQ or on-failure destination").',
      'AWS Config does not record on-failure destinations (EventInvokeConfig): from a snapshot, and in the deployed monitor, only the dead-letter queue is seen, so a function protected by a destination alone is NON_COMPLIANT there, as for the managed rule, and the reason says the destination was not recorded by Config.',
      '`vigil scan --live` reads each function\'s asynchronous invocation configurations (lambda:ListFunctionEventInvokeConfigs) and counts an on-failure destination on the function or on any of its aliases and versions; a destination on success only does not count.',
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
    if (fn.model.eventInvokeConfigRead) {
      return nonCompliant(`Lambda function ${name} has no dead-letter queue and no on-failure destination.`);
    }
    return nonCompliant(
      `Lambda function ${name} has no dead-letter queue; an on-failure destination, if any, is not recorded by AWS Config (vigil scan --live reads it).`,
    );
  },
});
