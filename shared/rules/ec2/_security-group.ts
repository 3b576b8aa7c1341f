import type { IpPermission, SecurityGroup } from '../../config-items/models/ec2.ts';

/** The transport protocols whose ports a security-group rule can open. */
export type Transport = 'tcp' | 'udp';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** One world-open ingress path: a permission, the /0 CIDR it admits, and what it opens of a transport. */
export interface WorldOpening {
  readonly permission: IpPermission;
  readonly cidr: string;
  readonly transport: Transport;
  readonly ports: PortRange;
}

const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/**
 * A CIDR admitting every address of its family: 0.0.0.0/0 or ::/0. Any /0 qualifies (an
 * unnormalized `::0/0` covers the same space).
 */
export function isWorldCidr(cidr: string): boolean {
  // The normalizer trims CIDRs; "/0" as the last two characters, without building a string.
  const n = cidr.length;
  return n >= 2 && cidr.charCodeAt(n - 1) === 48 /* 0 */ && cidr.charCodeAt(n - 2) === 47 /* / */;
}

/** The ports a permission opens for a transport: protocol -1 opens all of both; undefined when none. */
export function transportPorts(permission: IpPermission, transport: Transport): PortRange | undefined {
  if (permission.protocol === '-1') return ALL_PORTS;
  if (permission.protocol !== transport) return undefined;
  return { from: permission.fromPort ?? 0, to: permission.toPort ?? 65535 };
}

/**
 * Every ingress path from 0.0.0.0/0 or ::/0 onto the given transports.
 *
 * @example
 * worldOpenIngress(sg.model, ['tcp']).filter((o) => covers(o.ports, 22));
 */
export function worldOpenIngress(group: SecurityGroup, transports: readonly Transport[]): WorldOpening[] {
  const out: WorldOpening[] = [];
  // Plain loops, no list per permission: most permissions admit no /0 and are passed over, and a
  // scan runs this for every permission of every group, once per security-group rule.
  for (const permission of group.ingress) {
    const first = firstWorldCidr(permission.ipv4Ranges) ?? firstWorldCidr(permission.ipv6Ranges);
    if (first === undefined) continue;
    for (const transport of transports) {
      const ports = transportPorts(permission, transport);
      if (!ports) continue;
      for (const ranges of [permission.ipv4Ranges, permission.ipv6Ranges]) {
        for (const cidr of ranges) if (isWorldCidr(cidr)) out.push({ permission, cidr, transport, ports });
      }
    }
  }
  return out;
}

function firstWorldCidr(cidrs: readonly string[]): string | undefined {
  for (const cidr of cidrs) if (isWorldCidr(cidr)) return cidr;
  return undefined;
}

export function covers(range: PortRange, port: number): boolean {
  return range.from <= port && port <= range.to;
}

/** "TCP 22", "TCP 0-1024", "all traffic": what the permission itself says, for reasons. */
export function describePermission(permission: IpPermission): string {
  if (permission.protocol === '-1') return 'all traffic';
  const name = permission.protocol.toUpperCase();
  if (permission.fromPort === undefined) return `${name} all`;
  return `${name} ${formatRange({ from: permission.fromPort, to: permission.toPort ?? permission.fromPort })}`;
}

export function formatRange(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

/**
 * "0.0.0.0/0 (TCP 0-1024), ::/0 (all traffic)": the distinct openings, at most `limit`, then "+N more".
 * Keeps reasons within AWS Config's 256 characters.
 */
export function describeOpenings(openings: readonly WorldOpening[], limit = 3): string {
  const distinct = [...new Set(openings.map((o) => `${o.cidr} (${describePermission(o.permission)})`))];
  const shown = distinct.slice(0, limit).join(', ');
  return distinct.length > limit ? `${shown} +${distinct.length - limit} more` : shown;
}

/** The parts of `range` not covered by `allowed`, as ranges: the unauthorized ports it opens. */
export function uncoveredRanges(range: PortRange, allowed: readonly number[]): PortRange[] {
  const inside = [...new Set(allowed)].filter((p) => covers(range, p)).sort((a, b) => a - b);
  const gaps: PortRange[] = [];
  let next = range.from;
  for (const port of inside) {
    if (port > next) gaps.push({ from: next, to: port - 1 });
    next = port + 1;
  }
  if (next <= range.to) gaps.push({ from: next, to: range.to });
  return gaps;
}
