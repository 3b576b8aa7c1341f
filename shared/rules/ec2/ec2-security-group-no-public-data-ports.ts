import { displayName } from '../../domain/resource.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { covers, describeOpenings, worldOpenIngress } from './_security-group.ts';

const MAX_PORTS_LISTED = 6;

export default defineRule({
  id: 'ec2-security-group-no-public-data-ports',
  title: 'Security groups do not expose database, cache or remote-desktop ports to the internet',
  severity: 'critical',
  resourceTypes: ['AWS::EC2::SecurityGroup'],
  category: RuleCategory.network,
  checklist: '004 5432/6379 internal only',
  remediation: {
    text: 'Remove ingress rules that admit 0.0.0.0/0 or ::/0 to data ports. Allow the application tier by security-group reference instead, so only its instances and tasks reach the database.',
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=<port>,ToPort=<port>,IpRanges=[{CidrIp=0.0.0.0/0}]'",
    cloudformation: 'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 5432\n    ToPort: 5432\n    SourceSecurityGroupId: !Ref AppSecurityGroup',
  },
  params: {
    ports: param.portList(
      [5432, 3306, 6379, 27017, 9200, 11211, 1433, 3389],
      'TCP ports that must not be reachable from 0.0.0.0/0 or ::/0 (PostgreSQL, MySQL, Redis, MongoDB, Elasticsearch, Memcached, SQL Server, RDP).',
    ),
  },
  // Not claimed: restricted-common-ports "applies only to IPv4" (it passes ::/0 exposures this rule
  // fails) and judges only groups "in use"; its default ports (20, 21, 3389, 3306, 4333) differ too.
  // Only TCP is judged, as there: a world-open UDP port fails ec2-security-group-public-ports-authorized.
  equivalents: { fsbp: ['EC2.19'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'restricted-common-ports',
    differences: [
      'Stricter: IPv6 ::/0 counts; restricted-common-ports applies only to IPv4.',
      'Stricter: every group is judged, not only groups in use.',
      'Different default ports (5432, 3306, 6379, 27017, 9200, 11211, 1433, 3389 …, where the managed rule defaults to 20, 21, 3389, 3306, 4333); only TCP is judged, as there.',
    ],
  },
  evaluate(sg, { params }) {
    const name = displayName(sg);
    const openings = worldOpenIngress(sg.model, ['tcp']);
    const exposed = [...new Set(params.ports)].filter((port) => openings.some((o) => covers(o.ports, port)));
    if (exposed.length === 0) {
      return compliant(`Security group ${name} exposes none of the ${params.ports.length} restricted data ports to 0.0.0.0/0 or ::/0.`);
    }
    const offending = openings.filter((o) => exposed.some((port) => covers(o.ports, port)));
    const listed = exposed.slice(0, MAX_PORTS_LISTED).join(', ') + (exposed.length > MAX_PORTS_LISTED ? ' …' : '');
    return nonCompliant(`Security group ${name} exposes TCP ${listed} to the internet: ${describeOpenings(offending)}.`);
  },
});
