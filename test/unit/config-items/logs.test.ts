import { describe, expect, it } from 'vitest';
import type { LogGroup } from '../../../shared/config-items/models/logs.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';

function logGroupItem(configuration: Record<string, unknown>): unknown {
  return { awsAccountId: ACCOUNT, awsRegion: 'eu-west-1', resourceType: 'AWS::Logs::LogGroup', resourceId: '/aws/lambda/orders-api', configuration };
}

describe('AWS::Logs::LogGroup model', () => {
  it.each([
    ['DescribeLogGroups with a retention', { logGroupName: '/aws/lambda/orders-api', retentionInDays: 30, storedBytes: 4096 }, 30],
    ['DescribeLogGroups without retentionInDays (never expire)', { logGroupName: '/aws/lambda/orders-api', storedBytes: 4096 }, undefined],
    ['CloudFormation spelling', { LogGroupName: '/aws/lambda/orders-api', RetentionInDays: 14 }, 14],
    ['a retention of 0', { logGroupName: '/aws/lambda/orders-api', retentionInDays: 0 }, undefined],
  ])('reads %s', (_label, configuration, retentionInDays) => {
    // Act
    const group = normalizeConfigurationItem(logGroupItem(configuration)).model as LogGroup;

    // Assess
    expect(group.logGroupName).toBe('/aws/lambda/orders-api');
    expect(group.retentionInDays).toBe(retentionInDays);
  });
});
