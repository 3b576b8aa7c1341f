import { describe, expect, it } from 'vitest';
import {
  loadBalancerTypeFromArn,
  type ElbV2Listener,
  type ElbV2LoadBalancer,
  type ElbV2TargetGroup,
} from '../../../shared/config-items/models/elbv2.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const LB_ARN = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web-prod/50dc6c495c0c9188`;
const LISTENER_ARN = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/net/mqtt-ingest/b9f2e8d1c4a70356/c3e5a7b9d1f2e4c6`;
const TG_ARN = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/web-prod/73e2d6bc24d8a067`;

const lbConfiguration = {
  loadBalancerArn: LB_ARN,
  loadBalancerName: 'web-prod',
  scheme: 'internet-facing',
  state: { code: 'active', reason: null },
  type: 'application',
  availabilityZones: [
    { zoneName: 'eu-west-1a', subnetId: 'subnet-04f1c2a9b7e3d5a61', loadBalancerAddresses: [] },
    { zoneName: 'eu-west-1b', subnetId: 'subnet-0b8e7d6c5a4f3e291', loadBalancerAddresses: [] },
  ],
  securityGroups: ['sg-0f1e2d3c4b5a69788'],
};
const attributes = [
  { key: 'access_logs.s3.enabled', value: 'true' },
  { key: 'access_logs.s3.bucket', value: 'acme-elb-logs' },
  { key: 'deletion_protection.enabled', value: 'false' },
];

function item(resourceType: string, resourceId: string, envelope: Record<string, unknown>) {
  return { resourceType, resourceId, awsRegion: 'eu-west-1', ...envelope };
}

describe('AWS::ElasticLoadBalancingV2::LoadBalancer model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration: lbConfiguration, supplementaryConfiguration: { LoadBalancerAttributes: attributes } }],
    [
      'api',
      {
        accountId: ACCOUNT,
        configuration: JSON.stringify(lbConfiguration),
        // The API form carries the whole attribute list as one JSON string.
        supplementaryConfiguration: { LoadBalancerAttributes: JSON.stringify(attributes) },
      },
    ],
  ])('turns the attribute list into a map and reads zones from objects (%s form)', (_form, envelope) => {
    // Prepare
    const ci = item('AWS::ElasticLoadBalancingV2::LoadBalancer', LB_ARN, { ...envelope, resourceName: 'web-prod' });

    // Act
    const lb = normalizeConfigurationItem(ci).model as ElbV2LoadBalancer;

    // Assess
    expect(lb).toMatchObject({ loadBalancerName: 'web-prod', type: 'application', scheme: 'internet-facing', state: 'active' });
    expect(lb.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(lb.attributes).toEqual({
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.bucket': 'acme-elb-logs',
      'deletion_protection.enabled': 'false',
    });
  });

  it('accepts CloudFormation-cased attributes, and tells "no attributes recorded" from "attribute absent"', () => {
    // Prepare
    const { type: _type, ...untyped } = lbConfiguration;
    const withPascal = item('AWS::ElasticLoadBalancingV2::LoadBalancer', LB_ARN, {
      awsAccountId: ACCOUNT,
      configuration: untyped,
      supplementaryConfiguration: { LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] },
    });
    const withoutAttributes = item('AWS::ElasticLoadBalancingV2::LoadBalancer', LB_ARN, { awsAccountId: ACCOUNT, configuration: untyped });

    // Act
    const pascal = normalizeConfigurationItem(withPascal).model as ElbV2LoadBalancer;
    const bare = normalizeConfigurationItem(withoutAttributes).model as ElbV2LoadBalancer;

    // Assess
    expect(pascal.attributes).toEqual({ 'deletion_protection.enabled': 'true' });
    expect(pascal.type).toBe('application'); // from the ARN when the configuration has no type
    expect(bare.attributes).toBeUndefined();
  });
});

describe('AWS::ElasticLoadBalancingV2::Listener model', () => {
  const configuration = {
    LoadBalancerArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/net/mqtt-ingest/b9f2e8d1c4a70356`,
    ListenerArn: LISTENER_ARN,
    Port: 8883,
    Protocol: 'tls',
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    DefaultActions: [
      {
        Type: 'forward',
        TargetGroupArn: TG_ARN,
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG_ARN, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
      },
    ],
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }],
  ])('reads PascalCase fields and the load balancer type from the ARN (%s form)', (_form, envelope) => {
    // Prepare
    const ci = item('AWS::ElasticLoadBalancingV2::Listener', LISTENER_ARN, envelope);

    // Act
    const listener = normalizeConfigurationItem(ci).model as ElbV2Listener;

    // Assess
    expect(listener).toMatchObject({ loadBalancerType: 'network', port: 8883, protocol: 'TLS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });
    // The single TargetGroupArn and the ForwardConfig list name the same group once.
    expect(listener.defaultActions).toEqual([
      { type: 'forward', order: undefined, redirectProtocol: undefined, redirectStatusCode: undefined, targetGroupArns: [TG_ARN] },
    ]);
  });

  it('reads redirect actions', () => {
    // Prepare
    const redirect = {
      ...configuration,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    };

    // Act
    const listener = normalizeConfigurationItem(item('AWS::ElasticLoadBalancingV2::Listener', LISTENER_ARN, { awsAccountId: ACCOUNT, configuration: redirect }))
      .model as ElbV2Listener;

    // Assess
    expect(listener.defaultActions[0]).toMatchObject({ type: 'redirect', order: 1, redirectProtocol: 'HTTPS', redirectStatusCode: 'HTTP_301' });
  });
});

describe('loadBalancerTypeFromArn', () => {
  it.each([
    [LB_ARN, 'application'],
    [LISTENER_ARN, 'network'],
    [`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/gwy/inspection/3e4d5c6b7a8f9012`, 'gateway'],
    [`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener-rule/app/web-prod/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`, 'application'],
    [TG_ARN, undefined],
    [undefined, undefined],
  ])('%s → %s', (arn, expected) => {
    expect(loadBalancerTypeFromArn(arn)).toBe(expected);
  });
});

describe('AWS::ElasticLoadBalancingV2::TargetGroup model', () => {
  it.each([
    ['CloudFormation casing', { TargetGroupName: 'web-prod', TargetType: 'IP', Protocol: 'http', HealthCheckEnabled: true, HealthCheckPath: '/healthz', HealthCheckProtocol: 'HTTP' }],
    ['API casing', { targetGroupName: 'web-prod', targetType: 'ip', protocol: 'HTTP', healthCheckEnabled: 'true', healthCheckPath: '/healthz', healthCheckProtocol: 'http' }],
  ])('reads the health check (%s)', (_casing, configuration) => {
    // Act
    const group = normalizeConfigurationItem(item('AWS::ElasticLoadBalancingV2::TargetGroup', TG_ARN, { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }))
      .model as ElbV2TargetGroup;

    // Assess
    expect(group).toMatchObject({ targetGroupName: 'web-prod', targetType: 'ip', protocol: 'HTTP' });
    expect(group.healthCheck).toEqual({ enabled: true, protocol: 'HTTP', path: '/healthz', port: undefined });
  });
});
