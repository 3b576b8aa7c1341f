import { describe, expect, it } from 'vitest';
import type { AutoScalingGroup, AutoScalingPolicy } from '../../../shared/config-items/models/autoscaling.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const GROUP_ARN = `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:8f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b:autoScalingGroupName/web-prod-asg`;
const POLICY_ARN = `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:scalingPolicy:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9:autoScalingGroupName/web-prod-asg:policyName/cpu50`;

describe('AWS::AutoScaling::AutoScalingGroup model', () => {
  const configuration = {
    autoScalingGroupName: 'web-prod-asg',
    autoScalingGroupARN: GROUP_ARN,
    minSize: 2,
    maxSize: 6,
    desiredCapacity: 3,
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'],
    loadBalancerNames: [],
    targetGroupARNs: [`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/web-prod/73e2d6bc24d8a067`],
    healthCheckType: 'EC2, elb',
    healthCheckGracePeriod: 300,
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }],
  ])('splits the health check types and de-duplicates zones (%s form)', (_form, envelope) => {
    // Prepare
    const ci = { ...envelope, resourceType: 'AWS::AutoScaling::AutoScalingGroup', resourceId: GROUP_ARN, resourceName: 'web-prod-asg', awsRegion: 'eu-west-1' };

    // Act
    const group = normalizeConfigurationItem(ci).model as AutoScalingGroup;

    // Assess
    expect(group).toMatchObject({ name: 'web-prod-asg', arn: GROUP_ARN, minSize: 2, maxSize: 6, desiredCapacity: 3, healthCheckGracePeriod: 300 });
    expect(group.healthCheckTypes).toEqual(['EC2', 'ELB']);
    expect(group.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(group.targetGroupArns).toHaveLength(1);
  });
});

describe('AWS::AutoScaling::ScalingPolicy model', () => {
  it('reads a recorded policy', () => {
    // Prepare
    const ci = {
      accountId: ACCOUNT,
      awsRegion: 'eu-west-1',
      resourceType: 'AWS::AutoScaling::ScalingPolicy',
      resourceId: POLICY_ARN,
      resourceName: 'cpu50',
      configuration: JSON.stringify({ autoScalingGroupName: 'web-prod-asg', policyName: 'cpu50', policyType: 'TargetTrackingScaling', enabled: false }),
    };

    // Act
    const policy = normalizeConfigurationItem(ci).model as AutoScalingPolicy;

    // Assess
    expect(policy).toEqual({ policyName: 'cpu50', autoScalingGroupName: 'web-prod-asg', policyType: 'TargetTrackingScaling', enabled: false });
  });

  it('names the group of a deleted policy from its ARN, whose item has no configuration', () => {
    // Prepare
    const ci = {
      awsAccountId: ACCOUNT,
      awsRegion: 'eu-west-1',
      resourceType: 'AWS::AutoScaling::ScalingPolicy',
      resourceId: POLICY_ARN,
      configurationItemStatus: 'ResourceDeleted',
      configuration: null,
    };

    // Act
    const policy = normalizeConfigurationItem(ci).model as AutoScalingPolicy;

    // Assess
    expect(policy).toMatchObject({ autoScalingGroupName: 'web-prod-asg', enabled: true });
  });
});
