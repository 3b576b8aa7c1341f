import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no association id, instance or network interface reads as unattached (EC2 reports
 * them only for an associated address). Source: ../shared/reference/managed-rules/eip-attached.md
 * (every allocated address must be attached to an instance or an in-use network interface).
 */
export default defineRule({
  id: 'ec2-eip-attached',
  title: 'Elastic IP addresses are associated with an instance or network interface',
  severity: 'low',
  resourceTypes: ['AWS::EC2::EIP'],
  category: RuleCategory.cost,
  checklist: '000 unused resource cleanup',
  remediation: {
    text: 'Release Elastic IPs that nothing uses (they are billed while idle), or associate them with the instance or network interface they were reserved for.',
    cli: 'aws ec2 release-address --allocation-id <eipalloc-id>',
    cloudformation: 'Type: AWS::EC2::EIPAssociation\nProperties:\n  AllocationId: !GetAtt ElasticIp.AllocationId\n  InstanceId: !Ref Instance',
  },
  params: {},
  equivalents: { awsConfigRule: 'eip-attached', fsbp: ['EC2.12'], prowler: 'ec2_elastic_ip_unassigned' },
  evaluate(eip) {
    const { allocationId, publicIp, associationId, instanceId, networkInterfaceId } = eip.model;
    const label = publicIp ? `${allocationId} (${publicIp})` : allocationId;
    const target = instanceId ?? networkInterfaceId;
    if (target) return compliant(`Elastic IP ${label} is associated with ${target}.`);
    // An association id alone (no target recorded) still means the address is in use.
    if (associationId) return compliant(`Elastic IP ${label} is associated (${associationId}).`);
    return nonCompliant(`Elastic IP ${label} is not associated with any instance or network interface.`);
  },
});
