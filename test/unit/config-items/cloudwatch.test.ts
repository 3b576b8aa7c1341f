import { describe, expect, it } from 'vitest';
import type { CloudWatchAlarm } from '../../../shared/config-items/models/cloudwatch.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:ops-alerts`;

function alarmModel(name: string, envelope: Record<string, unknown>): CloudWatchAlarm {
  const item = { resourceType: 'AWS::CloudWatch::Alarm', resourceId: name, resourceName: name, awsRegion: 'eu-west-1', ...envelope };
  return normalizeConfigurationItem(item).model as CloudWatchAlarm;
}

const singleMetric = {
  alarmName: 'orders-api-errors',
  alarmArn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:orders-api-errors`,
  actionsEnabled: true,
  alarmActions: [TOPIC],
  okactions: [TOPIC], // sic: AWS Config's spelling of OKActions
  insufficientDataActions: [],
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: [{ name: 'FunctionName', value: 'orders-api' }],
  metrics: [],
};

describe('AWS::CloudWatch::Alarm model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration: singleMetric }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(singleMetric) }],
  ])('reads the metric, its dimensions and the actions of each state (%s form)', (_form, envelope) => {
    // Act
    const alarm = alarmModel('orders-api-errors', envelope);

    // Assess
    expect(alarm).toEqual({
      alarmName: 'orders-api-errors',
      alarmArn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:orders-api-errors`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: 'orders-api' },
      metrics: [],
      actionsEnabled: true,
      alarmActions: [TOPIC],
      okActions: [TOPIC],
      insufficientDataActions: [],
    });
  });

  it('reads each metricStat metric of a metric-math alarm and skips expressions', () => {
    // Prepare
    const stat = (id: string, metricName: string) => ({
      id,
      metricStat: { metric: { namespace: 'AWS/Lambda', metricName, dimensions: [{ name: 'FunctionName', value: 'orders-worker' }] }, period: 300, stat: 'Sum' },
      returnData: false,
    });
    const configuration = {
      alarmName: 'orders-worker-error-rate',
      actionsEnabled: false,
      alarmActions: [TOPIC],
      metrics: [stat('errors', 'Errors'), stat('invocations', 'Invocations'), { id: 'rate', expression: '100 * errors / invocations', returnData: true }],
    };

    // Act
    const alarm = alarmModel('orders-worker-error-rate', { accountId: ACCOUNT, configuration: JSON.stringify(configuration) });

    // Assess
    expect(alarm.namespace).toBeUndefined();
    expect(alarm.actionsEnabled).toBe(false);
    expect(alarm.metrics).toEqual([
      { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'orders-worker' } },
      { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: { FunctionName: 'orders-worker' } },
    ]);
  });

  it('accepts CloudFormation casing and defaults ActionsEnabled to true when absent', () => {
    // Prepare
    const configuration = {
      AlarmName: 'orders-db-free-storage',
      Namespace: 'AWS/RDS',
      MetricName: 'FreeStorageSpace',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'orders-db' }],
      AlarmActions: [TOPIC],
      OKActions: [],
    };

    // Act
    const alarm = alarmModel('orders-db-free-storage', { awsAccountId: ACCOUNT, configuration });

    // Assess
    expect(alarm).toMatchObject({ namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'orders-db' }, actionsEnabled: true, alarmActions: [TOPIC] });
  });
});
