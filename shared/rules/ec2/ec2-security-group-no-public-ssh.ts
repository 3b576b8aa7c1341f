import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { covers, describeOpenings, worldOpenIngress } from './_security-group.ts';

const SSH_PORT = 22;

export default defineRule({
  id: 'ec2-security-group-no-public-ssh',
  title: 'Security groups do not allow SSH from the internet',
  severity: 'high',
  resourceTypes: ['AWS::EC2::SecurityGroup'],
  category: RuleCategory.network,
  checklist: '004 SSH hardened',
  remediation: {
    text: 'Remove every ingress rule that admits 0.0.0.0/0 or ::/0 to TCP port 22, including all-traffic rules and port ranges that span 22. Reach instances through SSM Session Manager, or allow only a VPN or bastion CIDR.',
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'",
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 22\n    ToPort: 22\n    CidrIp: <vpn-or-bastion-cidr>  # never 0.0.0.0/0 or ::/0',
  },
  params: {},
  // Not claimed: restricted-ssh "applies only to IPv4", so it passes a group open to ::/0 on 22,
  // which this rule fails (FSBP EC2.13 and Prowler check both families).
  equivalents: { fsbp: ['EC2.13'], prowler: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'restricted-ssh',
    differences: [
      'Stricter: IPv6 ::/0 counts as open to the world; restricted-ssh applies only to IPv4 and passes a group open to ::/0 on port 22.',
    ],
  },
  evaluate(sg) {
    const name = displayName(sg);
    // SSH is TCP: a UDP rule on 22 does not expose it; protocol -1 does.
    const open = worldOpenIngress(sg.model, ['tcp']).filter((o) => covers(o.ports, SSH_PORT));
    return open.length === 0
      ? compliant(`Security group ${name} admits no traffic from 0.0.0.0/0 or ::/0 to TCP port 22.`)
      : nonCompliant(`Security group ${name} admits SSH (TCP 22) from the internet: ${describeOpenings(open)}.`);
  },
});
