import type { AnyResource } from '../../domain/resource.ts';
import { ALARM_TYPE, alarmsWatching, coverageVerdict, resourcesNamedByAlarm, type WatchedMetric } from '../cloudwatch/_alarm-coverage.ts';
import { defineRule, RuleCategory } from '../rule.ts';
import { unseenDependencies } from '../partial-inventory.ts';

const LAMBDA_ERRORS: WatchedMetric = { namespace: 'AWS/Lambda', metricName: 'Errors', dimension: 'FunctionName' };

/** The FunctionName dimension value of a function: its name (resourceId in Config). */
function functionNameOf(resource: Pick<AnyResource, 'resourceId' | 'resourceName'>): string {
  return resource.resourceName ?? resource.resourceId;
}

export default defineRule({
  id: 'lambda-function-error-alarm',
  title: 'Lambda functions have a CloudWatch alarm on errors that notifies someone',
  severity: 'medium',
  resourceTypes: ['AWS::Lambda::Function'],
  category: RuleCategory.monitoring,
  checklist: '000 CloudWatch alarms, 001/004 critical alarms',
  remediation: {
    text:
      'Create a CloudWatch alarm on the AWS/Lambda Errors metric with dimension FunctionName = the function (or a metric-math alarm that reads it, ' +
      'e.g. an error rate over Invocations) and an alarm action, such as an SNS topic that pages the owners. Account-wide alarms without the ' +
      'FunctionName dimension do not count: they cannot say which function fails.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <function>-errors --namespace AWS/Lambda --metric-name Errors --dimensions Name=FunctionName,Value=<function> --statistic Sum --period 60 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --treat-missing-data notBreaching --alarm-actions <sns-topic-arn>',
    cloudformation:
      'Type: AWS::CloudWatch::Alarm\nProperties:\n  Namespace: AWS/Lambda\n  MetricName: Errors\n  Dimensions:\n    - Name: FunctionName\n      Value: !Ref Function\n  Statistic: Sum\n  Period: 60\n  EvaluationPeriods: 1\n  Threshold: 1\n  ComparisonOperator: GreaterThanOrEqualToThreshold\n  TreatMissingData: notBreaching\n  AlarmActions:\n    - !Ref AlarmTopic',
  },
  params: {},
  equivalents: {},
  dependsOn: [ALARM_TYPE],
  affectedBy: (alarm, inventory) =>
    resourcesNamedByAlarm(alarm, inventory, 'AWS::Lambda::Function', LAMBDA_ERRORS.namespace, LAMBDA_ERRORS.dimension, functionNameOf),
  evaluate(fn, { inventory }) {
    const unseen = unseenDependencies(fn, inventory, [ALARM_TYPE], `Lambda function ${functionNameOf(fn)}`, 'whether an alarm watches its errors');
    if (unseen) return unseen;
    const alarms = alarmsWatching(fn, inventory, LAMBDA_ERRORS, fn.model.functionName);
    return coverageVerdict(`Lambda function ${functionNameOf(fn)}`, 'AWS/Lambda Errors', alarms);
  },
});
