import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ec2-instance-no-public-ip',
  title: 'EC2 instances have no public IPv4 address',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Instance'],
  category: RuleCategory.network,
  checklist: '004 network restricted',
  remediation: {
    text: 'Run instances in private subnets and reach them through a load balancer, NAT gateway or SSM Session Manager. Release or disassociate Elastic IPs and stop subnets from assigning public addresses at launch.',
    cli: 'aws ec2 disassociate-address --association-id <eipassoc-id>\naws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch',
    cloudformation: 'NetworkInterfaces:\n  - DeviceIndex: "0"\n    SubnetId: !Ref PrivateSubnet\n    AssociatePublicIpAddress: false',
  },
  params: {},
  equivalents: { awsConfigRule: 'ec2-instance-no-public-ip', fsbp: ['EC2.9'], prowler: 'ec2_instance_public_ip' },
  evaluate(instance) {
    const id = instance.model.instanceId;
    const ips = instance.model.publicIpAddresses;
    return ips.length === 0
      ? compliant(`EC2 instance ${id} has no public IPv4 address.`)
      : nonCompliant(`EC2 instance ${id} has public IPv4 address ${ips.slice(0, 3).join(', ')}${ips.length > 3 ? ' …' : ''}.`);
  },
});
