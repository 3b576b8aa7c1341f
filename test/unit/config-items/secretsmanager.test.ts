import { describe, expect, it } from 'vitest';
import { isoDate, type SecretsManagerSecret } from '../../../shared/config-items/models/secretsmanager.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/orders/db-Xk9pQ2`;

function secretItem(form: 'notification' | 'api', configuration: Record<string, unknown>): unknown {
  const common = { resourceType: 'AWS::SecretsManager::Secret', resourceId: ARN, resourceName: 'prod/orders/db', awsRegion: 'eu-west-1' };
  return form === 'notification'
    ? { ...common, awsAccountId: ACCOUNT, ARN, configuration }
    : { ...common, accountId: ACCOUNT, arn: ARN, configuration: JSON.stringify(configuration) };
}

describe('AWS::SecretsManager::Secret model', () => {
  it.each(['notification', 'api'] as const)('reads rotation settings and DescribeSecret dates (%s form)', (form) => {
    // Prepare
    const item = secretItem(form, {
      ARN,
      Name: 'prod/orders/db',
      RotationEnabled: true,
      RotationOccurringAsScheduled: true,
      RotationRules: { AutomaticallyAfterDays: 30, RotationScheduleExpression: 'rate(30 days)', RotationDuration: '2h' },
      LastRotatedDate: 1792814412.713, // epoch seconds with a fraction, as the Secrets Manager API sends it
      CreatedDate: '2024-02-10T11:00:00Z',
    });

    // Act
    const secret = normalizeConfigurationItem(item).model as SecretsManagerSecret;

    // Assess
    expect(secret).toMatchObject({
      name: 'prod/orders/db',
      arn: ARN,
      rotationEnabled: true,
      rotationOccurringAsScheduled: true,
      rotationRules: { automaticallyAfterDays: 30, automaticallyAfterHours: undefined, scheduleExpression: 'rate(30 days)' },
      lastRotatedDate: '2026-10-24T04:00:12.713Z',
      createdDate: '2024-02-10T11:00:00.000Z',
      deleted: false,
    });
  });

  it('reads a secret without rotation as rotation disabled, with no dates', () => {
    // Act
    const secret = normalizeConfigurationItem(secretItem('api', { Name: 'prod/stripe/api-key', Deleted: true })).model as SecretsManagerSecret;

    // Assess
    expect(secret).toMatchObject({ rotationEnabled: false, lastRotatedDate: undefined, createdDate: undefined, deleted: true });
    expect(secret.rotationRules).toEqual({ automaticallyAfterDays: undefined, automaticallyAfterHours: undefined, scheduleExpression: undefined });
  });

  it.each([
    [1792814412.713, '2026-10-24T04:00:12.713Z'],
    [1792814412713, '2026-10-24T04:00:12.713Z'],
    ['1792814412', '2026-10-24T04:00:12.000Z'],
    ['2026-10-24T04:00:12.713Z', '2026-10-24T04:00:12.713Z'],
    ['not a date', undefined],
    [null, undefined],
  ])('isoDate(%j) is %j', (input, expected) => {
    expect(isoDate(input)).toBe(expected);
  });
});
