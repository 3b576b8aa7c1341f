import { describe, expect, it } from 'vitest';
import type { LambdaFunction } from '../../../shared/config-items/models/lambda.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-api`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/3f9c2a71-8d4e-4b6a-9c1f-2e7d5a8b0c43`;
const policy = {
  Version: '2012-10-17',
  Id: 'default',
  Statement: [{ Sid: 'apigw', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: ARN }],
};
const configuration = {
  functionName: 'orders-api',
  functionArn: ARN,
  runtime: 'nodejs22.x',
  packageType: 'Zip',
  environment: { variables: { NODE_ENV: 'production', BATCH_SIZE: 25 } },
  kmskeyArn: KEY, // sic: AWS Config's spelling
  tracingConfig: { mode: 'Active' },
  loggingConfig: { logFormat: 'JSON', logGroup: '/aws/lambda/orders-api' },
  deadLetterConfig: { targetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-api-dlq` },
};
const supplementary = { Policy: JSON.stringify(policy), Concurrency: { reservedConcurrentExecutions: 50 } };

function lambdaModel(envelope: Record<string, unknown>): LambdaFunction {
  const item = { resourceType: 'AWS::Lambda::Function', resourceId: 'orders-api', resourceName: 'orders-api', awsRegion: 'eu-west-1', ...envelope };
  return normalizeConfigurationItem(item).model as LambdaFunction;
}

describe('AWS::Lambda::Function model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN, configuration, supplementaryConfiguration: supplementary }],
    [
      'api',
      {
        accountId: ACCOUNT,
        arn: ARN,
        configuration: JSON.stringify(configuration),
        supplementaryConfiguration: { Policy: JSON.stringify(policy), Concurrency: JSON.stringify(supplementary.Concurrency) },
      },
    ],
  ])('reads settings, environment and the resource policy (%s form)', (_form, envelope) => {
    // Act
    const fn = lambdaModel(envelope);

    // Assess
    expect(fn).toMatchObject({
      functionName: 'orders-api',
      functionArn: ARN,
      runtime: 'nodejs22.x',
      packageType: 'Zip',
      kmsKeyArn: KEY,
      tracingMode: 'Active',
      logFormat: 'JSON',
      deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-api-dlq`,
      onFailureDestination: undefined,
      // Config's own items never carry it: a destination may exist unseen.
      eventInvokeConfigRead: false,
      reservedConcurrency: 50,
    });
    expect(fn.environment).toEqual({ NODE_ENV: 'production', BATCH_SIZE: '25' });
    expect(fn.policy).toEqual(policy);
  });

  it('leaves absent settings undefined: container image, no environment, no policy, no logging configuration', () => {
    // Prepare
    const bare = { functionName: 'ml-scorer', packageType: 'Image', environment: null, deadLetterConfig: null };

    // Act
    const fn = lambdaModel({ awsAccountId: ACCOUNT, configuration: bare, supplementaryConfiguration: { Tags: {} } });

    // Assess
    expect(fn).toMatchObject({ packageType: 'Image', runtime: undefined, kmsKeyArn: undefined, logFormat: undefined, policy: undefined });
    expect(fn.environment).toEqual({});
  });

  it('reads an on-failure destination a collector added as EventInvokeConfig (Config does not record it)', () => {
    // Prepare
    const eventInvoke = { DestinationConfig: { OnFailure: { Destination: `arn:aws:sns:eu-west-1:${ACCOUNT}:failed-events` }, OnSuccess: {} } };

    // Act
    const fn = lambdaModel({ awsAccountId: ACCOUNT, configuration, supplementaryConfiguration: { EventInvokeConfig: JSON.stringify(eventInvoke) } });

    // Assess
    expect(fn.onFailureDestination).toBe(`arn:aws:sns:eu-west-1:${ACCOUNT}:failed-events`);
    expect(fn.eventInvokeConfigRead).toBe(true);
  });

  it.each([
    ['null (the function has none)', null],
    ['a destination on success only', { DestinationConfig: { OnSuccess: { Destination: `arn:aws:sqs:eu-west-1:${ACCOUNT}:done` }, OnFailure: {} } }],
  ])('knows a collected EventInvokeConfig of %s has no on-failure destination', (_case, eventInvoke) => {
    // Act
    const fn = lambdaModel({ awsAccountId: ACCOUNT, configuration, supplementaryConfiguration: { EventInvokeConfig: eventInvoke } });

    // Assess
    expect(fn).toMatchObject({ onFailureDestination: undefined, eventInvokeConfigRead: true });
  });
});
