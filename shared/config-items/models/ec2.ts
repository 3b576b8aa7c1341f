import { arr, bool, num, obj, objs, path, pick, str, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/**
 * One ingress or egress permission of a security group, in one canonical shape whatever the CI's
 * age or form (legacy `ipRanges: ["0.0.0.0/0"]`, current `ipv4Ranges: [{cidrIp}]`, SDK-shaped
 * `IpRanges: [{CidrIp}]`).
 */
export interface IpPermission {
  /**
   * `'-1'` (every protocol, every port), `'tcp'`, `'udp'`, `'icmp'`, `'icmpv6'`, or the IANA
   * protocol number for anything else (`'50'` for ESP). Numbers of the named ones are mapped
   * (`'6'` → `'tcp'`).
   */
  readonly protocol: string;
  /**
   * Inclusive TCP/UDP port range, or ICMP type and code. Undefined means "all": protocol -1,
   * ICMP -1, or a protocol that has no ports (EC2 then allows every port whatever was asked).
   * For TCP/UDP both are always set.
   */
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  readonly ipv4Ranges: readonly string[];
  readonly ipv6Ranges: readonly string[];
  readonly prefixListIds: readonly string[];
  /** Security groups whose members are allowed (`userIdGroupPairs`). */
  readonly referencedGroupIds: readonly string[];
}

export interface SecurityGroup {
  readonly groupId: string;
  readonly groupName: string | undefined;
  readonly description: string | undefined;
  readonly vpcId: string | undefined;
  readonly ownerId: string | undefined;
  readonly ingress: readonly IpPermission[];
  readonly egress: readonly IpPermission[];
}

export interface Ec2Instance {
  readonly instanceId: string;
  /** pending | running | shutting-down | terminated | stopping | stopped. */
  readonly state: string | undefined;
  readonly instanceType: string | undefined;
  readonly imageId: string | undefined;
  readonly vpcId: string | undefined;
  readonly subnetId: string | undefined;
  /** Every public IPv4 address: the primary one and those of each network interface (EIPs included). */
  readonly publicIpAddresses: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly metadataOptions: {
    /** `required` = IMDSv2 only; `optional` = IMDSv1 also answers. Undefined when not recorded. */
    readonly httpTokens: string | undefined;
    /** `enabled` | `disabled`. */
    readonly httpEndpoint: string | undefined;
    readonly httpPutResponseHopLimit: number | undefined;
  };
}

export interface VolumeAttachment {
  readonly instanceId: string | undefined;
  /** attaching | attached | detaching | detached | busy. */
  readonly state: string | undefined;
  readonly deleteOnTermination: boolean | undefined;
}

export interface Ec2Volume {
  readonly volumeId: string;
  readonly encrypted: boolean | undefined;
  readonly kmsKeyId: string | undefined;
  /** creating | available | in-use | deleting | deleted | error. */
  readonly state: string | undefined;
  readonly attachments: readonly VolumeAttachment[];
  readonly sizeGiB: number | undefined;
  readonly volumeType: string | undefined;
}

export interface ElasticIp {
  readonly allocationId: string;
  readonly publicIp: string | undefined;
  readonly associationId: string | undefined;
  readonly instanceId: string | undefined;
  readonly networkInterfaceId: string | undefined;
  readonly privateIpAddress: string | undefined;
  readonly domain: string | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::EC2::SecurityGroup': SecurityGroup;
    'AWS::EC2::Instance': Ec2Instance;
    'AWS::EC2::Volume': Ec2Volume;
    'AWS::EC2::EIP': ElasticIp;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__EC2__SecurityGroup.properties.json
 * @example
 * normalizeSecurityGroup(input).ingress[0]; // { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], … }
 */
export function normalizeSecurityGroup(input: ModelInput): SecurityGroup {
  const c = input.configuration;
  return {
    groupId: str(pick(c, 'groupId', 'GroupId')) ?? input.resourceId,
    groupName: str(pick(c, 'groupName', 'GroupName')) ?? input.resourceName,
    description: str(pick(c, 'description', 'Description')),
    vpcId: str(pick(c, 'vpcId', 'VpcId')),
    ownerId: str(pick(c, 'ownerId', 'OwnerId')),
    ingress: objs(pick(c, 'ipPermissions', 'IpPermissions')).map(normalizePermission),
    egress: objs(pick(c, 'ipPermissionsEgress', 'IpPermissionsEgress')).map(normalizePermission),
  };
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };
const PORTED = new Set(['tcp', 'udp', 'icmp', 'icmpv6']);

function normalizePermission(p: JsonObject): IpPermission {
  const raw = str(pick(p, 'ipProtocol', 'IpProtocol'))?.trim().toLowerCase();
  // EC2 always records ipProtocol; when a hand-made item omits it, read it as all traffic so an
  // exposure is reported rather than hidden.
  const protocol = raw === undefined ? '-1' : (PROTOCOL_NUMBERS[raw] ?? raw);
  const from = portNumber(pick(p, 'fromPort', 'FromPort'));
  const to = portNumber(pick(p, 'toPort', 'ToPort'));
  let fromPort: number | undefined;
  let toPort: number | undefined;
  if (protocol === 'tcp' || protocol === 'udp') {
    // -1 / null on a TCP or UDP rule (seen in old items) means the whole range.
    fromPort = from ?? 0;
    toPort = to ?? 65535;
  } else if (PORTED.has(protocol)) {
    fromPort = from;
    toPort = to;
  }
  // Sorted by family rather than by field: legacy items put IPv6 strings in `ipRanges` too.
  // Plain loops into two lists: a group with dozens of permissions is normalized once per change
  // and 10,000 of them per scan, where spreads, flatMaps and Sets per permission dominated.
  const ipv4Ranges: string[] = [];
  const ipv6Ranges: string[] = [];
  addCidrs(pick(p, 'ipRanges', 'IpRanges'), 'cidrIp', 'CidrIp', ipv4Ranges, ipv6Ranges);
  addCidrs(p['ipv4Ranges'], 'cidrIp', 'CidrIp', ipv4Ranges, ipv6Ranges);
  addCidrs(pick(p, 'ipv6Ranges', 'Ipv6Ranges'), 'cidrIpv6', 'CidrIpv6', ipv4Ranges, ipv6Ranges);
  let prefixListIds: string[] | undefined;
  for (const e of arr(pick(p, 'prefixListIds', 'PrefixListIds'))) prefixListIds = addOnce(prefixListIds, str(e) ?? str(pick(obj(e), 'prefixListId', 'PrefixListId')));
  let referencedGroupIds: string[] | undefined;
  for (const g of arr(pick(p, 'userIdGroupPairs', 'UserIdGroupPairs'))) referencedGroupIds = addOnce(referencedGroupIds, str(pick(obj(g), 'groupId', 'GroupId', 'groupName', 'GroupName')));
  return {
    protocol,
    fromPort,
    toPort,
    ipv4Ranges: ipv4Ranges.length > 0 ? ipv4Ranges : NONE,
    ipv6Ranges: ipv6Ranges.length > 0 ? ipv6Ranges : NONE,
    prefixListIds: prefixListIds ?? NONE,
    referencedGroupIds: referencedGroupIds ?? NONE,
  };
}

/** One shared empty list for the many empty ones (prefix lists, group pairs): fewer objects for the collector. */
const NONE: readonly string[] = Object.freeze([]);

/** Appends a value not yet in a (short) list, creating the list on the first value. */
function addOnce(list: string[] | undefined, value: string | undefined): string[] | undefined {
  if (value === undefined) return list;
  if (list === undefined) return [value];
  if (!list.includes(value)) list.push(value);
  return list;
}

/** CIDRs from a list of strings (legacy) or of `{cidrIp}` / `{cidrIpv6}` objects (current), by family, each once. */
function addCidrs(value: unknown, key: string, altKey: string, ipv4: string[], ipv6: string[]): void {
  for (const entry of arr(value)) {
    let cidr = str(entry);
    if (cidr === undefined) {
      const o = obj(entry);
      cidr = o ? str(o[key] ?? o[altKey]) : undefined;
    }
    if (cidr === undefined) continue;
    const v6 = cidr.includes(':');
    const clean = v6 ? cidr.trim().toLowerCase() : cidr.trim();
    const list = v6 ? ipv6 : ipv4;
    if (!list.includes(clean)) list.push(clean);
  }
}

/** A port as recorded: a number or a digit string; -1 and null mean "unspecified". */
function portNumber(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined || n < 0 ? undefined : n;
}

/** @see ../shared/reference/config-resource-schema/AWS__EC2__Instance.properties.json */
export function normalizeInstance(input: ModelInput): Ec2Instance {
  const c = input.configuration;
  const interfaces = objs(pick(c, 'networkInterfaces', 'NetworkInterfaces'));
  const publicIps = [
    str(pick(c, 'publicIpAddress', 'PublicIpAddress')),
    ...interfaces.flatMap((eni) => [
      str(path(eni, 'association.publicIp')),
      ...objs(eni['privateIpAddresses']).map((a) => str(path(a, 'association.publicIp'))),
    ]),
  ];
  const metadata = obj(pick(c, 'metadataOptions', 'MetadataOptions'));
  return {
    instanceId: str(pick(c, 'instanceId', 'InstanceId')) ?? input.resourceId,
    // `state` is `{code, name}` in current items; a bare string in some hand-made ones.
    state: str(path(c, 'state.name')) ?? str(c['state']),
    instanceType: str(pick(c, 'instanceType', 'InstanceType')),
    imageId: str(pick(c, 'imageId', 'ImageId')),
    vpcId: str(pick(c, 'vpcId', 'VpcId')),
    subnetId: str(pick(c, 'subnetId', 'SubnetId')),
    publicIpAddresses: unique(publicIps.filter((ip): ip is string => ip !== undefined)),
    securityGroupIds: unique(objs(pick(c, 'securityGroups', 'SecurityGroups')).flatMap((g) => present(str(pick(g, 'groupId', 'GroupId'))))),
    metadataOptions: {
      httpTokens: str(pick(metadata, 'httpTokens', 'HttpTokens'))?.toLowerCase(),
      httpEndpoint: str(pick(metadata, 'httpEndpoint', 'HttpEndpoint'))?.toLowerCase(),
      httpPutResponseHopLimit: num(pick(metadata, 'httpPutResponseHopLimit', 'HttpPutResponseHopLimit')),
    },
  };
}

/** @see ../shared/reference/config-resource-schema/AWS__EC2__Volume.properties.json */
export function normalizeVolume(input: ModelInput): Ec2Volume {
  const c = input.configuration;
  return {
    volumeId: str(pick(c, 'volumeId', 'VolumeId')) ?? input.resourceId,
    encrypted: bool(pick(c, 'encrypted', 'Encrypted')),
    kmsKeyId: str(pick(c, 'kmsKeyId', 'KmsKeyId')),
    // The schema records `state.value`; older items (and the RDK example) a bare "in-use".
    state: (str(path(c, 'state.value')) ?? str(pick(c, 'state', 'State')))?.toLowerCase(),
    attachments: objs(pick(c, 'attachments', 'Attachments')).map((a) => ({
      instanceId: str(pick(a, 'instanceId', 'InstanceId')),
      state: (str(path(a, 'state.value')) ?? str(pick(a, 'state', 'State')))?.toLowerCase(),
      deleteOnTermination: bool(pick(a, 'deleteOnTermination', 'DeleteOnTermination')),
    })),
    sizeGiB: num(pick(c, 'size', 'Size')),
    volumeType: str(pick(c, 'volumeType', 'VolumeType')),
  };
}

/** AWS::EC2::EIP; resourceId is the allocation id. No schema file in the team reference: fields from awslabs/aws-config-resource-schema. */
export function normalizeElasticIp(input: ModelInput): ElasticIp {
  const c = input.configuration;
  return {
    allocationId: str(pick(c, 'allocationId', 'AllocationId')) ?? input.resourceId,
    publicIp: str(pick(c, 'publicIp', 'PublicIp')),
    associationId: str(pick(c, 'associationId', 'AssociationId')),
    instanceId: str(pick(c, 'instanceId', 'InstanceId')),
    networkInterfaceId: str(pick(c, 'networkInterfaceId', 'NetworkInterfaceId')),
    privateIpAddress: str(pick(c, 'privateIpAddress', 'PrivateIpAddress')),
    domain: str(pick(c, 'domain', 'Domain')),
  };
}

export const ec2Models = {
  'AWS::EC2::SecurityGroup': normalizeSecurityGroup,
  'AWS::EC2::Instance': normalizeInstance,
  'AWS::EC2::Volume': normalizeVolume,
  'AWS::EC2::EIP': normalizeElasticIp,
} satisfies ModelRegistry;

function present(value: string | undefined): string[] {
  return value === undefined ? [] : [value];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
