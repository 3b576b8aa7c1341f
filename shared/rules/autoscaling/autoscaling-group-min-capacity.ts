import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

const MIN_ZONES = 2;

export default defineRule({
  id: 'autoscaling-group-min-capacity',
  title: 'Auto Scaling groups keep a minimum number of instances across two or more Availability Zones',
  severity: 'medium',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  category: RuleCategory.availability,
  checklist: '003 min 2 replicas, 004 multiple instances',
  remediation: {
    text: 'Raise the minimum size and give the group subnets in at least two Availability Zones, so losing one instance or one zone does not take the service down.',
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <name> --min-size 2 --vpc-zone-identifier <subnet-a>,<subnet-b>',
    cloudformation: 'MinSize: "2"\nVPCZoneIdentifier:\n  - !Ref PrivateSubnetA\n  - !Ref PrivateSubnetB',
  },
  params: {
    minInstances: param.int(2, 'Smallest acceptable minSize.', { min: 1 }),
  },
  // FSBP AutoScaling.2 checks the zones only; this rule also checks the minimum size.
  equivalents: { fsbp: ['AutoScaling.2'] },
  evaluate(group, { params }) {
    const m = group.model;
    const name = group.resourceName ?? m.name;
    const zones = m.availabilityZones;
    // An Auto Scaling group always has a minimum size and at least one zone: without them, nothing is known.
    if (m.minSize === undefined || zones.length === 0) return notApplicable(`Auto Scaling group ${name}: minimum size or Availability Zones not recorded.`);
    const problems: string[] = [];
    if (m.minSize === undefined || m.minSize < params.minInstances) {
      problems.push(`minSize ${m.minSize ?? 'unreported'} (below ${params.minInstances})`);
    }
    if (zones.length < MIN_ZONES) {
      problems.push(zones.length === 0 ? 'no Availability Zone reported' : `only ${zones.length} Availability Zone (${zones.join(', ')})`);
    }
    return problems.length > 0
      ? nonCompliant(`Auto Scaling group ${name} has ${problems.join(' and ')}.`)
      : compliant(`Auto Scaling group ${name} keeps at least ${m.minSize} instances across ${zones.length} Availability Zones.`);
  },
});
