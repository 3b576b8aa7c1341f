import type { Rule } from '../rule.ts';
import autoscalingGroupElbHealthCheck from './autoscaling-group-elb-health-check.ts';
import autoscalingGroupHasScalingPolicy from './autoscaling-group-has-scaling-policy.ts';
import autoscalingGroupMinCapacity from './autoscaling-group-min-capacity.ts';

export const autoscalingRules: readonly Rule[] = [
  autoscalingGroupElbHealthCheck,
  autoscalingGroupMinCapacity,
  autoscalingGroupHasScalingPolicy,
];
