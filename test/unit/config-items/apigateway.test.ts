import { describe, expect, it } from 'vitest';
import type { ApiGatewayStage, ApiGatewayV2Api, ApiGatewayV2Stage } from '../../../shared/config-items/models/apigateway.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const STAGE_ARN = 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod';

const restStage = {
  deploymentId: 'k8r2m1',
  stageName: 'prod',
  tracingEnabled: true,
  webAclArn: `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/api-protection/3f9c1e7a-2b4d-4c6e-8f0a-1b2c3d4e5f60`,
  accessLogSettings: { destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/apigateway/orders`, format: '$context.requestId' },
  methodSettings: {
    '*/*': { loggingLevel: 'info', metricsEnabled: true, dataTraceEnabled: false, throttlingBurstLimit: 400, throttlingRateLimit: 200.5 },
    '~1health/GET': { loggingLevel: 'OFF', metricsEnabled: false, dataTraceEnabled: false, throttlingBurstLimit: -1, throttlingRateLimit: -1.0 },
  },
};

describe('AWS::ApiGateway::Stage model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, ARN: STAGE_ARN, configuration: restStage }],
    ['api', { accountId: ACCOUNT, arn: STAGE_ARN, configuration: JSON.stringify(restStage) }],
  ])('reads method settings, with -1 throttles as unset, and the REST API id from the ARN (%s form)', (_form, envelope) => {
    // Prepare
    const ci = { ...envelope, resourceType: 'AWS::ApiGateway::Stage', resourceId: STAGE_ARN, resourceName: 'prod', awsRegion: 'eu-west-1' };

    // Act
    const stage = normalizeConfigurationItem(ci).model as ApiGatewayStage;

    // Assess
    expect(stage).toMatchObject({ stageName: 'prod', restApiId: 'a1b2c3d4e5', tracingEnabled: true, webAclArn: restStage.webAclArn });
    expect(stage.accessLogDestinationArn).toBe(restStage.accessLogSettings.destinationArn);
    expect(stage.methodSettings).toEqual({
      '*/*': { loggingLevel: 'INFO', metricsEnabled: true, dataTraceEnabled: false, throttlingRateLimit: 200.5, throttlingBurstLimit: 400 },
      '~1health/GET': { loggingLevel: 'OFF', metricsEnabled: false, dataTraceEnabled: false, throttlingRateLimit: undefined, throttlingBurstLimit: undefined },
    });
  });

  it('finds the REST API through the relationship when the id is not an ARN, and defaults what is missing', () => {
    // Prepare
    const ci = {
      awsAccountId: ACCOUNT,
      awsRegion: 'eu-west-1',
      resourceType: 'AWS::ApiGateway::Stage',
      resourceId: 'prod',
      configuration: { stageName: 'prod', createdDate: '2026-01-01T00:00:00Z' },
      relationships: [{ resourceType: 'AWS::ApiGateway::RestApi', resourceId: 'arn:aws:apigateway:eu-west-1::/restapis/q7w8e9r0t1', relationshipName: 'Is contained in ' }],
    };

    // Act
    const stage = normalizeConfigurationItem(ci).model as ApiGatewayStage;

    // Assess
    expect(stage).toEqual({
      stageName: 'prod',
      restApiId: 'q7w8e9r0t1',
      deploymentId: undefined,
      webAclArn: undefined,
      tracingEnabled: undefined,
      accessLogDestinationArn: undefined,
      methodSettings: {},
    });
  });
});

describe('AWS::ApiGatewayV2::Stage model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration: { stageName: '$default', createdDate: '2026-01-01T00:00:00Z', defaultRouteSettings: { detailedMetricsEnabled: true, throttlingBurstLimit: 100, throttlingRateLimit: 50 } } }],
    ['api', { accountId: ACCOUNT, configuration: '{"stageName":"$default","createdDate":"2026-01-01T00:00:00Z","defaultRouteSettings":{"detailedMetricsEnabled":true,"throttlingBurstLimit":100,"throttlingRateLimit":50}}' }],
  ])('reads the default route settings (%s form)', (_form, envelope) => {
    // Prepare
    const arn = 'arn:aws:apigateway:eu-west-1::/apis/x9y8z7w6v5/stages/$default';
    const ci = { ...envelope, resourceType: 'AWS::ApiGatewayV2::Stage', resourceId: arn, awsRegion: 'eu-west-1' };

    // Act
    const stage = normalizeConfigurationItem(ci).model as ApiGatewayV2Stage;

    // Assess
    expect(stage).toMatchObject({ stageName: '$default', apiId: 'x9y8z7w6v5', accessLogDestinationArn: undefined });
    expect(stage.defaultRouteSettings).toMatchObject({ metricsEnabled: true, throttlingRateLimit: 50, throttlingBurstLimit: 100 });
  });
});

describe('AWS::ApiGatewayV2::Api model', () => {
  it('reads the CORS configuration, and leaves it undefined when there is none', () => {
    // Prepare
    const base = { accountId: ACCOUNT, awsRegion: 'eu-west-1', resourceType: 'AWS::ApiGatewayV2::Api', resourceId: 'arn:aws:apigateway:eu-west-1::/apis/h5j6k7l8m9' };
    const withCors = { ...base, configuration: JSON.stringify({ name: 'search-http', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['*'], allowCredentials: false } }) };
    const withoutCors = { ...base, configuration: JSON.stringify({ name: 'search-http', protocolType: 'HTTP' }) };

    // Act
    const open = normalizeConfigurationItem(withCors).model as ApiGatewayV2Api;
    const none = normalizeConfigurationItem(withoutCors).model as ApiGatewayV2Api;

    // Assess
    expect(open).toMatchObject({ apiId: 'h5j6k7l8m9', name: 'search-http', protocolType: 'HTTP' });
    expect(open.cors).toEqual({ allowOrigins: ['*'], allowCredentials: false, allowMethods: [], allowHeaders: [] });
    expect(none.cors).toBeUndefined();
  });
});
