import { describe, expect, it } from 'vitest';
import { modelOf } from '../../support/model-of.ts';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** A CI as EventBridge delivers it: configuration is an object. */
function notificationItem(resourceType: string, resourceId: string, configuration: unknown, extra: Record<string, unknown> = {}) {
  return {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: '2026-11-18T10:15:32.410Z',
    configurationStateId: 1795083332410,
    awsAccountId: ACCOUNT,
    configurationItemStatus: 'OK',
    resourceType,
    resourceId,
    ARN: `arn:aws:ec2:${REGION}:${ACCOUNT}:${resourceId}`,
    awsRegion: REGION,
    availabilityZone: 'Not Applicable',
    tags: {},
    relationships: [],
    configuration,
    supplementaryConfiguration: {},
    ...extra,
  };
}

/** The same CI as GetResourceConfigHistory / BatchGetResourceConfig return it: configuration is a JSON string. */
function apiItem(resourceType: string, resourceId: string, configuration: unknown) {
  return {
    version: '1.3',
    accountId: ACCOUNT,
    configurationItemCaptureTime: '2026-11-18T10:15:32.410Z',
    configurationItemStatus: 'OK',
    configurationStateId: '1795083332410',
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:${resourceId}`,
    resourceType,
    resourceId,
    awsRegion: REGION,
    tags: {},
    relationships: [],
    configuration: JSON.stringify(configuration),
    supplementaryConfiguration: {},
  };
}

const FORMS = [
  ['notification form', notificationItem],
  ['API form', apiItem],
] as const;

/** The typed model of a normalized CI, after checking it is of the expected type. */
// The legacy shape (2016, RDK example_ci/AWS_EC2_SecurityGroup.json): CIDRs as bare strings.
const legacyGroup = {
  ownerId: ACCOUNT,
  groupName: 'launch-wizard-7',
  groupId: 'sg-1d56fc66',
  description: 'launch-wizard-7 created 2016-05-26T14:26:12.992-07:00',
  ipPermissions: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, userIdGroupPairs: [], ipRanges: ['0.0.0.0/0'], prefixListIds: [] }],
  ipPermissionsEgress: [{ ipProtocol: '-1', userIdGroupPairs: [], ipRanges: ['0.0.0.0/0'], prefixListIds: [] }],
  vpcId: 'vpc-0990dc6d',
  tags: [],
};

// The current shape: `ipv4Ranges` / `ipv6Ranges` objects beside the legacy `ipRanges` strings.
const currentGroup = {
  description: 'Web tier',
  groupName: 'web-servers',
  groupId: 'sg-0a5c7e9b1d3f5a702',
  ownerId: ACCOUNT,
  vpcId: 'vpc-0c4f2a9e81b7d3e55',
  ipPermissions: [
    {
      fromPort: 443,
      ipProtocol: 'tcp',
      ipv6Ranges: [{ cidrIpv6: '::/0' }],
      prefixListIds: [],
      toPort: 443,
      userIdGroupPairs: [],
      ipv4Ranges: [{ cidrIp: '0.0.0.0/0', description: 'public HTTPS' }],
      ipRanges: ['0.0.0.0/0'],
    },
    {
      fromPort: 22,
      ipProtocol: 'tcp',
      ipv6Ranges: [],
      prefixListIds: [{ prefixListId: 'pl-0a1b2c3d4e5f60789' }],
      toPort: 22,
      userIdGroupPairs: [{ groupId: 'sg-04c91d2e7f3a8b510', userId: ACCOUNT }],
      ipv4Ranges: [{ cidrIp: '10.20.0.0/16' }],
      ipRanges: ['10.20.0.0/16'],
    },
  ],
  ipPermissionsEgress: [
    { ipProtocol: '-1', fromPort: null, toPort: null, ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] },
  ],
};

describe('security group normalizer', () => {
  it.each(FORMS)('reads the legacy ipRanges string form (%s)', (_form, build) => {
    // Prepare
    const ci = build('AWS::EC2::SecurityGroup', 'sg-1d56fc66', legacyGroup);

    // Act
    const sg = modelOf(ci, 'AWS::EC2::SecurityGroup');

    // Assess
    expect(sg).toMatchObject({ groupId: 'sg-1d56fc66', groupName: 'launch-wizard-7', vpcId: 'vpc-0990dc6d' });
    expect(sg.ingress).toEqual([
      { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] },
    ]);
    expect(sg.egress).toEqual([
      { protocol: '-1', fromPort: undefined, toPort: undefined, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] },
    ]);
  });

  it.each(FORMS)('reads the current ipv4Ranges / ipv6Ranges form without duplicating ipRanges (%s)', (_form, build) => {
    // Prepare
    const ci = build('AWS::EC2::SecurityGroup', 'sg-0a5c7e9b1d3f5a702', currentGroup);

    // Act
    const sg = modelOf(ci, 'AWS::EC2::SecurityGroup');

    // Assess
    expect(sg.ingress).toEqual([
      { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [], referencedGroupIds: [] },
      {
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        ipv4Ranges: ['10.20.0.0/16'],
        ipv6Ranges: [],
        prefixListIds: ['pl-0a1b2c3d4e5f60789'],
        referencedGroupIds: ['sg-04c91d2e7f3a8b510'],
      },
    ]);
    expect(sg.egress[0]).toMatchObject({ protocol: '-1', fromPort: undefined, toPort: undefined, ipv4Ranges: ['0.0.0.0/0'] });
  });

  it('names numeric protocols and reads -1 / null ports as "all"', () => {
    // Prepare
    const ci = notificationItem('AWS::EC2::SecurityGroup', 'sg-0f81c2d3e4a5b6c70', {
      groupId: 'sg-0f81c2d3e4a5b6c70',
      ipPermissions: [
        { ipProtocol: '6', fromPort: 22, toPort: 22, ipRanges: ['0.0.0.0/0'] },
        { ipProtocol: 17, fromPort: '53', toPort: '53', ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] },
        { ipProtocol: 'udp', fromPort: -1, toPort: null, ipRanges: ['10.0.0.0/8'] },
        { ipProtocol: '1', fromPort: 3, toPort: 4, ipRanges: ['0.0.0.0/0'] },
        { ipProtocol: 'icmpv6', fromPort: -1, toPort: -1, ipv6Ranges: [{ cidrIpv6: '::/0' }] },
        { ipProtocol: '50', fromPort: 0, toPort: 0, ipRanges: ['198.51.100.7/32'] },
      ],
    });

    // Act
    const ingress = modelOf(ci, 'AWS::EC2::SecurityGroup').ingress.map(({ protocol, fromPort, toPort }) => ({ protocol, fromPort, toPort }));

    // Assess
    expect(ingress).toEqual([
      { protocol: 'tcp', fromPort: 22, toPort: 22 },
      { protocol: 'udp', fromPort: 53, toPort: 53 },
      { protocol: 'udp', fromPort: 0, toPort: 65535 },
      { protocol: 'icmp', fromPort: 3, toPort: 4 },
      { protocol: 'icmpv6', fromPort: undefined, toPort: undefined },
      // EC2 ignores ports for protocols other than TCP, UDP and ICMP: all of them are open.
      { protocol: '50', fromPort: undefined, toPort: undefined },
    ]);
  });

  it('sorts CIDRs by address family even when IPv6 sits in ipRanges, and reads SDK-cased fields', () => {
    // Prepare
    const ci = apiItem('AWS::EC2::SecurityGroup', 'sg-0c4e6a8b0d2f4a6c8', {
      GroupId: 'sg-0c4e6a8b0d2f4a6c8',
      GroupName: 'sdk-shaped',
      IpPermissions: [
        {
          IpProtocol: 'TCP',
          FromPort: 80,
          ToPort: 80,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }, '2001:DB8::/32'],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          PrefixListIds: ['pl-0fedcba9876543210'],
          UserIdGroupPairs: [{ GroupId: 'sg-0f2a4c6e8b0d2f416' }],
        },
      ],
    });

    // Act
    const [permission] = modelOf(ci, 'AWS::EC2::SecurityGroup').ingress;

    // Assess
    expect(permission).toEqual({
      protocol: 'tcp',
      fromPort: 80,
      toPort: 80,
      ipv4Ranges: ['0.0.0.0/0'],
      ipv6Ranges: ['2001:db8::/32', '::/0'],
      prefixListIds: ['pl-0fedcba9876543210'],
      referencedGroupIds: ['sg-0f2a4c6e8b0d2f416'],
    });
  });

  it('tolerates a group without permissions or with odd entries', () => {
    // Prepare
    const ci = notificationItem('AWS::EC2::SecurityGroup', 'sg-0b2d4f6a8c0e2a4c6', {
      groupId: 'sg-0b2d4f6a8c0e2a4c6',
      ipPermissions: null,
      ipPermissionsEgress: ['not-an-object', { ipRanges: null, ipv4Ranges: [{}], prefixListIds: [null] }],
    });

    // Act
    const sg = modelOf(ci, 'AWS::EC2::SecurityGroup');

    // Assess
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([
      // No ipProtocol recorded: read as all traffic so an exposure is never hidden.
      { protocol: '-1', fromPort: undefined, toPort: undefined, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] },
    ]);
  });
});

describe('instance normalizer', () => {
  it.each(FORMS)('collects public IPv4 addresses from the instance and every interface (%s)', (_form, build) => {
    // Prepare
    const ci = build('AWS::EC2::Instance', 'i-0c9d8e7f6a5b4c3d2', {
      instanceId: 'i-0c9d8e7f6a5b4c3d2',
      state: { code: 16, name: 'running' },
      publicIpAddress: '52.18.144.203',
      metadataOptions: { state: 'applied', httpTokens: 'Required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
      securityGroups: [{ groupName: 'app-tier', groupId: 'sg-01d3f5b7c9e1a3b56' }],
      networkInterfaces: [
        {
          networkInterfaceId: 'eni-0a1b2c3d4e5f60718',
          association: { publicIp: '52.18.144.203', ipOwnerId: 'amazon' },
          privateIpAddresses: [{ privateIpAddress: '10.0.12.37', primary: true, association: { publicIp: '52.18.144.203' } }],
        },
        {
          networkInterfaceId: 'eni-0e7d6c5b4a3928170',
          privateIpAddresses: [
            { privateIpAddress: '10.0.40.9', primary: true },
            { privateIpAddress: '10.0.40.10', primary: false, association: { publicIp: '34.246.12.77', ipOwnerId: ACCOUNT } },
          ],
        },
      ],
    });

    // Act
    const instance = modelOf(ci, 'AWS::EC2::Instance');

    // Assess
    expect(instance).toMatchObject({
      instanceId: 'i-0c9d8e7f6a5b4c3d2',
      state: 'running',
      publicIpAddresses: ['52.18.144.203', '34.246.12.77'],
      securityGroupIds: ['sg-01d3f5b7c9e1a3b56'],
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
    });
  });

  it('leaves metadata options undefined when an old item does not record them', () => {
    // Prepare
    const ci = apiItem('AWS::EC2::Instance', 'i-0e1f2a3b4c5d6e7f8', { instanceId: 'i-0e1f2a3b4c5d6e7f8', privateIpAddress: '10.0.3.4', state: { name: 'running' } });

    // Act
    const instance = modelOf(ci, 'AWS::EC2::Instance');

    // Assess
    expect(instance.publicIpAddresses).toEqual([]);
    expect(instance.metadataOptions).toEqual({ httpTokens: undefined, httpEndpoint: undefined, httpPutResponseHopLimit: undefined });
  });
});

describe('volume normalizer', () => {
  it.each([
    ['schema form `state: {value}`', { value: 'in-use' }],
    ['legacy form `state: "in-use"`', 'in-use'],
  ])('reads the volume state from the %s', (_label, state) => {
    // Prepare
    const ci = notificationItem('AWS::EC2::Volume', 'vol-0a4b6c8d0e2f4a6b8', {
      volumeId: 'vol-0a4b6c8d0e2f4a6b8',
      encrypted: 'true',
      state,
      attachments: [{ instanceId: 'i-0a1b2c3d4e5f60718', state: 'attached', deleteOnTermination: false }],
    });

    // Act
    const volume = modelOf(ci, 'AWS::EC2::Volume');

    // Assess
    expect(volume).toMatchObject({
      volumeId: 'vol-0a4b6c8d0e2f4a6b8',
      encrypted: true,
      state: 'in-use',
      attachments: [{ instanceId: 'i-0a1b2c3d4e5f60718', state: 'attached', deleteOnTermination: false }],
    });
  });
});

describe('Elastic IP normalizer', () => {
  it('reads the association from the API form and falls back to the resource id', () => {
    // Prepare
    const ci = apiItem('AWS::EC2::EIP', 'eipalloc-0b2c3d4e5f6a7b8c9', {
      publicIp: '54.72.190.4',
      domain: 'vpc',
      associationId: 'eipassoc-0b2c3d4e5f6a7b8c9',
      networkInterfaceId: 'eni-0f9e8d7c6b5a49382',
    });

    // Act
    const eip = modelOf(ci, 'AWS::EC2::EIP');

    // Assess
    expect(eip).toEqual({
      allocationId: 'eipalloc-0b2c3d4e5f6a7b8c9',
      publicIp: '54.72.190.4',
      associationId: 'eipassoc-0b2c3d4e5f6a7b8c9',
      instanceId: undefined,
      networkInterfaceId: 'eni-0f9e8d7c6b5a49382',
      privateIpAddress: undefined,
      domain: 'vpc',
    });
  });
});
