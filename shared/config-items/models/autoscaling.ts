import { arr, bool, isObject, num, pick, str, strs } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface AutoScalingGroup {
  readonly name: string;
  readonly arn: string | undefined;
  readonly minSize: number | undefined;
  readonly maxSize: number | undefined;
  readonly desiredCapacity: number | undefined;
  readonly availabilityZones: readonly string[];
  /** Classic Load Balancer names. */
  readonly loadBalancerNames: readonly string[];
  readonly targetGroupArns: readonly string[];
  /** EC2 is always on; ELB, EBS and VPC_LATTICE are added to it (the API takes a comma-separated list). */
  readonly healthCheckTypes: readonly string[];
  readonly healthCheckGracePeriod: number | undefined;
}

export interface AutoScalingPolicy {
  readonly policyName: string;
  readonly autoScalingGroupName: string | undefined;
  /** SimpleScaling | StepScaling | TargetTrackingScaling | PredictiveScaling. */
  readonly policyType: string | undefined;
  /** Absent in older items; a policy is enabled unless it says otherwise. */
  readonly enabled: boolean;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::AutoScaling::AutoScalingGroup': AutoScalingGroup;
    'AWS::AutoScaling::ScalingPolicy': AutoScalingPolicy;
  }
}

/** Zone names as strings, or as `{value}` / `{zoneName}` objects (the schema's `availabilityZones.value`). */
function zoneNames(value: unknown): string[] {
  const out = new Set<string>();
  for (const zone of arr(value)) {
    const name = isObject(zone) ? str(pick(zone, 'value', 'zoneName', 'ZoneName')) : str(zone);
    if (name !== undefined) out.add(name);
  }
  return [...out];
}

/** @see ../shared/reference/config-resource-schema/AWS__AutoScaling__AutoScalingGroup.properties.json */
export function normalizeAutoScalingGroup(input: ModelInput): AutoScalingGroup {
  const c = input.configuration;
  return {
    name: str(pick(c, 'autoScalingGroupName', 'AutoScalingGroupName')) ?? input.resourceName ?? input.resourceId,
    arn: str(pick(c, 'autoScalingGroupARN', 'AutoScalingGroupARN')) ?? input.arn,
    minSize: num(pick(c, 'minSize', 'MinSize')),
    maxSize: num(pick(c, 'maxSize', 'MaxSize')),
    desiredCapacity: num(pick(c, 'desiredCapacity', 'DesiredCapacity')),
    availabilityZones: zoneNames(pick(c, 'availabilityZones', 'AvailabilityZones')),
    loadBalancerNames: strs(pick(c, 'loadBalancerNames', 'LoadBalancerNames')),
    targetGroupArns: strs(pick(c, 'targetGroupARNs', 'TargetGroupARNs', 'targetGroupArns')),
    // [] when the item does not record it (every group has one, EC2 by default).
    healthCheckTypes: (str(pick(c, 'healthCheckType', 'HealthCheckType')) ?? '')
      .split(',')
      .map((t) => t.trim().toUpperCase())
      .filter((t) => t !== ''),
    healthCheckGracePeriod: num(pick(c, 'healthCheckGracePeriod', 'HealthCheckGracePeriod')),
  };
}

/** `…:scalingPolicy:<uuid>:autoScalingGroupName/<group>:policyName/<policy>`. */
const GROUP_IN_POLICY_ARN = /:autoScalingGroupName\/(.+?):policyName\//;

/**
 * A deleted policy's CI has no configuration, so the group is also read from the policy ARN
 * (its resourceId) and from the "Is associated with" relationship.
 */
export function normalizeScalingPolicy(input: ModelInput): AutoScalingPolicy {
  const c = input.configuration;
  const policyArn = str(pick(c, 'policyARN', 'PolicyARN')) ?? input.arn ?? input.resourceId;
  return {
    policyName: str(pick(c, 'policyName', 'PolicyName')) ?? input.resourceName ?? input.resourceId,
    autoScalingGroupName:
      str(pick(c, 'autoScalingGroupName', 'AutoScalingGroupName')) ??
      GROUP_IN_POLICY_ARN.exec(policyArn)?.[1] ??
      input.relationships.find((r) => r.resourceType === 'AWS::AutoScaling::AutoScalingGroup')?.resourceName,
    policyType: str(pick(c, 'policyType', 'PolicyType')),
    enabled: bool(pick(c, 'enabled', 'Enabled')) ?? true,
  };
}

export const autoScalingModels = {
  'AWS::AutoScaling::AutoScalingGroup': normalizeAutoScalingGroup,
  'AWS::AutoScaling::ScalingPolicy': normalizeScalingPolicy,
} satisfies ModelRegistry;
