import { describe, expect, it } from 'vitest';
import { parseEvaluationMessage } from '../../../shared/app/evaluation-message.ts';
import { isMalformedMessageError } from '../../../shared/app/evaluation-errors.ts';
import { changeEvent, logGroupCallEvent, oversizedEvent, tableItem } from '../../support/config-events.ts';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');

describe('parseEvaluationMessage', () => {
  it('reads a Config change event carrying the item, as an SQS body string', () => {
    // Act
    const message = parseEvaluationMessage(JSON.stringify(changeEvent(tableItem({ name: 'orders', stateId: T0 }))));

    // Assess
    expect(message).toMatchObject({ kind: 'config-change', change: { kind: 'item', resource: { resourceId: 'orders', configurationStateId: T0 } } });
  });

  it('reads an oversized Config change event as a fetch of the item at its capture time', () => {
    // Act
    const message = parseEvaluationMessage(
      oversizedEvent({ resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-0a1b2c3d4e5f60718', configurationStateId: T0, captureTime: '2026-11-20T09:00:00.000Z' }),
    );

    // Assess
    expect(message).toMatchObject({
      kind: 'config-change',
      change: { kind: 'fetch-needed', key: { resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-0a1b2c3d4e5f60718' }, configurationStateId: T0, captureTime: '2026-11-20T09:00:00.000Z' },
    });
  });

  it('reads the log group of a CloudTrail call by name or by ARN identifier, and keeps a failed call\'s error code', () => {
    // Prepare
    const byArn = logGroupCallEvent('PutRetentionPolicy', 'unused');
    (byArn['detail'] as Record<string, unknown>)['requestParameters'] = {
      logGroupIdentifier: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders-api:*',
      retentionInDays: 14,
    };

    // Act
    const byName = parseEvaluationMessage(logGroupCallEvent('CreateLogGroup', '/ecs/reports', { errorCode: 'ResourceAlreadyExistsException' }));
    const fromArn = parseEvaluationMessage(byArn);

    // Assess
    expect(byName).toMatchObject({ kind: 'log-group-call', eventName: 'CreateLogGroup', key: { resourceId: '/ecs/reports', resourceType: 'AWS::Logs::LogGroup' }, errorCode: 'ResourceAlreadyExistsException' });
    expect(fromArn).toMatchObject({ kind: 'log-group-call', key: { accountId: '111122223333', region: 'eu-west-1', resourceId: '/aws/lambda/orders-api' } });
  });

  it('reads Vigil\'s own messages, the source defaulting to Config', () => {
    // Act
    const message = parseEvaluationMessage({ kind: 'evaluate', keys: [{ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: 'assets' }] });

    // Assess
    expect(message).toEqual({ kind: 'evaluate', keys: [{ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: 'assets' }], source: 'config', correlationId: undefined });
    // A sweep's message carries its id, which the findings it writes carry on to notify.
    expect(parseEvaluationMessage({ kind: 'evaluate', keys: [{ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: 'assets' }], source: 'store', correlationId: 'sw-1', sweepId: 'sw-1' })).toMatchObject({ source: 'store', sweepId: 'sw-1' });
  });

  it('refuses a CloudTrail call it does not follow, and more than 100 keys, naming the field', () => {
    // Prepare
    const other = logGroupCallEvent('CreateLogGroup', '/x');
    (other['detail'] as Record<string, unknown>)['eventName'] = 'PutSubscriptionFilter';
    const tooMany = { kind: 'evaluate', keys: Array.from({ length: 101 }, (_, i) => ({ accountId: '111122223333', region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: `b-${i}` })) };

    // Act
    const errors = [other, tooMany].map((body) => {
      try {
        parseEvaluationMessage(body);
        return undefined;
      } catch (error) {
        return error;
      }
    });

    // Assess
    expect(errors.every(isMalformedMessageError)).toBe(true);
    expect(errors).toMatchObject([{ field: 'detail.eventName' }, { field: 'keys' }]);
  });
});
