import { isObject, str } from '../../config-items/decode.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { unseenDependencies } from '../partial-inventory.ts';

const GROUP = 'AWS::AutoScaling::AutoScalingGroup';
const POLICY = 'AWS::AutoScaling::ScalingPolicy';

/**
 * Reads the AWS::AutoScaling::ScalingPolicy items AWS Config records (the recorder must include
 * that type). Disabled policies do not count; scheduled actions are not scaling policies.
 */
export default defineRule({
  id: 'autoscaling-group-has-scaling-policy',
  title: 'Auto Scaling groups have an enabled scaling policy',
  severity: 'low',
  resourceTypes: [GROUP],
  category: RuleCategory.availability,
  checklist: '000 scaling policies',
  remediation: {
    text: 'Add a target tracking policy (for example average CPU at 50 % or ALB requests per target) so capacity follows load.',
    cli: 'aws autoscaling put-scaling-policy --auto-scaling-group-name <name> --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-configuration \'{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50}\'',
    cloudformation:
      'Type: AWS::AutoScaling::ScalingPolicy\nProperties:\n  AutoScalingGroupName: !Ref Group\n  PolicyType: TargetTrackingScaling\n  TargetTrackingConfiguration:\n    PredefinedMetricSpecification: { PredefinedMetricType: ASGAverageCPUUtilization }\n    TargetValue: 50',
  },
  params: {},
  equivalents: {},
  dependsOn: [POLICY],
  // A policy names its group; re-evaluate that group only (its resourceId is an ARN, so match by name).
  affectedBy: (policy, inventory) => {
    // The dependency arrives untyped; its model is the AutoScalingPolicy the normalizer built.
    const groupName = isObject(policy.model) ? str(policy.model['autoScalingGroupName']) : undefined;
    return inventory
      .list(GROUP, { accountId: policy.accountId, region: policy.region })
      .filter((g) => g.model.name === groupName);
  },
  evaluate(group, { inventory }) {
    const name = group.resourceName ?? group.model.name;
    const policies = inventory
      .list(POLICY, { accountId: group.accountId, region: group.region })
      .filter((p) => p.model.autoScalingGroupName === group.model.name);
    const enabled = policies.filter((p) => p.model.enabled);
    if (enabled.length > 0) {
      const kinds = [...new Set(enabled.map((p) => p.model.policyType ?? 'unknown type'))].join(', ');
      return compliant(`Auto Scaling group ${name} has ${enabled.length} enabled scaling policy(ies) (${kinds}).`);
    }
    const unseen = unseenDependencies(group, inventory, [POLICY], `Auto Scaling group ${name}`, 'whether it has a scaling policy');
    if (unseen) return unseen;
    return nonCompliant(
      policies.length > 0
        ? `Auto Scaling group ${name} has only disabled scaling policies.`
        : `Auto Scaling group ${name} has no scaling policy recorded.`,
    );
  },
});
