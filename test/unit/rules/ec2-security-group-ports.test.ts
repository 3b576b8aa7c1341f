import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpPermission } from '../../../shared/config-items/models/ec2.ts';
import { covers, isWorldCidr, transportPorts, uncoveredRanges } from '../../../shared/rules/ec2/_security-group.ts';

const port = fc.integer({ min: 0, max: 65535 });
const range = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));

function permission(protocol: string, fromPort?: number, toPort?: number): IpPermission {
  return { protocol, fromPort, toPort, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] };
}

describe('uncoveredRanges', () => {
  it('returns exactly the ports of the range that are not allowed, as disjoint ascending ranges', () => {
    const openRange = fc.record({ from: fc.integer({ min: 0, max: 2000 }), span: fc.integer({ min: 0, max: 200 }) });
    const allowedPorts = fc.array(fc.integer({ min: 0, max: 2300 }), { maxLength: 60 });
    fc.assert(
      fc.property(openRange, allowedPorts, ({ from, span }, allowed) => {
        // Prepare
        const open = { from, to: from + span };
        const allowedSet = new Set(allowed);

        // Act
        const gaps = uncoveredRanges(open, allowed);

        // Assess: a port is in a gap iff it is in the range and not allowed; gaps never touch.
        for (let p = open.from; p <= open.to; p++) {
          expect(gaps.some((g) => covers(g, p))).toBe(!allowedSet.has(p));
        }
        gaps.slice(1).forEach((gap, i) => expect(gap.from).toBeGreaterThan((gaps[i]?.to ?? -2) + 1));
      }),
    );
  });

  it('finds nothing to report when every port of the range is allowed', () => {
    fc.assert(
      fc.property(range.filter((r) => r.to - r.from < 500), (r) => {
        const allowed = Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i);
        expect(uncoveredRanges(r, allowed)).toEqual([]);
      }),
    );
  });
});

describe('transportPorts', () => {
  it('opens every TCP and UDP port for protocol -1, and none of the other transport', () => {
    expect(transportPorts(permission('-1'), 'tcp')).toEqual({ from: 0, to: 65535 });
    expect(transportPorts(permission('-1'), 'udp')).toEqual({ from: 0, to: 65535 });
    expect(transportPorts(permission('udp', 22, 22), 'tcp')).toBeUndefined();
    expect(transportPorts(permission('icmp', 3, 4), 'tcp')).toBeUndefined();
    expect(transportPorts(permission('tcp', 0, 1024), 'tcp')).toEqual({ from: 0, to: 1024 });
  });
});

describe('isWorldCidr', () => {
  it.each([
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['::0/0', true],
    ['0.0.0.0/1', false],
    ['10.0.0.0/8', false],
    ['2001:db8::/32', false],
  ])('%s → %s', (cidr, expected) => {
    expect(isWorldCidr(cidr)).toBe(expected);
  });
});
