import { displayName } from '../../domain/resource.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { formatRange, uncoveredRanges, worldOpenIngress, type WorldOpening } from './_security-group.ts';

const MAX_LISTED = 3;

export default defineRule({
  id: 'ec2-security-group-public-ports-authorized',
  title: 'Security groups open only authorized ports to the internet',
  severity: 'high',
  resourceTypes: ['AWS::EC2::SecurityGroup'],
  category: RuleCategory.network,
  checklist: '004 only 80, 443 (and 22) open',
  remediation: {
    text: 'Narrow world-open ingress (0.0.0.0/0, ::/0) to the authorized ports, normally 80 and 443 on a load balancer. Restrict everything else to known CIDRs or security-group references.',
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=<tcp|udp|-1>,FromPort=<from>,ToPort=<to>,IpRanges=[{CidrIp=0.0.0.0/0}]'",
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0',
  },
  params: {
    authorizedTcpPorts: param.portList([80, 443], 'TCP ports that may be open to 0.0.0.0/0 or ::/0.'),
    authorizedUdpPorts: param.portList([], 'UDP ports that may be open to 0.0.0.0/0 or ::/0.'),
  },
  // Not claimed: vpc-sg-open-only-to-authorized-ports judges "inbound 0.0.0.0/0" only, so it passes
  // ::/0 exposures this rule fails. Under equal ports and IPv4 it agrees (TCP and UDP, protocol -1
  // opening both); its "1020-1025" range syntax is not offered here: list the ports.
  equivalents: { fsbp: ['EC2.18'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'vpc-sg-open-only-to-authorized-ports',
    differences: [
      'Stricter: IPv6 ::/0 counts; the managed rule judges inbound 0.0.0.0/0 only. With equal ports and IPv4 the verdicts agree.',
    ],
  },
  evaluate(sg, { params }) {
    const name = displayName(sg);
    const openings = worldOpenIngress(sg.model, ['tcp', 'udp']);
    const authorized = `authorized: TCP ${listPorts(params.authorizedTcpPorts)}; UDP ${listPorts(params.authorizedUdpPorts)}`;
    const offences = openings.flatMap((o) => {
      const gaps = uncoveredRanges(o.ports, o.transport === 'tcp' ? params.authorizedTcpPorts : params.authorizedUdpPorts);
      return gaps.length === 0 ? [] : [describeOffence(o, gaps.map(formatRange))];
    });
    if (offences.length === 0) {
      return compliant(
        openings.length === 0
          ? `Security group ${name} admits no TCP or UDP traffic from 0.0.0.0/0 or ::/0.`
          : `Security group ${name} opens only authorized ports to 0.0.0.0/0 or ::/0 (${authorized}).`,
      );
    }
    const distinct = [...new Set(offences)];
    const listed = distinct.slice(0, MAX_LISTED).join('; ') + (distinct.length > MAX_LISTED ? `; +${distinct.length - MAX_LISTED} more` : '');
    return nonCompliant(`Security group ${name} opens unauthorized ports to the internet: ${listed} (${authorized}).`);
  },
});

/** "0.0.0.0/0 TCP 22, 8080-8090", or "::/0 all traffic" for a protocol -1 rule (its gaps would be noise). */
function describeOffence(opening: WorldOpening, gaps: readonly string[]): string {
  if (opening.permission.protocol === '-1') return `${opening.cidr} all traffic`;
  const shown = gaps.slice(0, MAX_LISTED).join(', ') + (gaps.length > MAX_LISTED ? ' …' : '');
  return `${opening.cidr} ${opening.transport.toUpperCase()} ${shown}`;
}

function listPorts(ports: readonly number[]): string {
  if (ports.length === 0) return 'none';
  return ports.slice(0, MAX_LISTED * 2).join(', ') + (ports.length > MAX_LISTED * 2 ? ' …' : '');
}
