import type { Rule } from '../rule.ts';
import ec2EipAttached from './ec2-eip-attached.ts';
import ec2InstanceImdsv2Required from './ec2-instance-imdsv2-required.ts';
import ec2InstanceNoPublicIp from './ec2-instance-no-public-ip.ts';
import ec2SecurityGroupNoPublicDataPorts from './ec2-security-group-no-public-data-ports.ts';
import ec2SecurityGroupNoPublicSsh from './ec2-security-group-no-public-ssh.ts';
import ec2SecurityGroupPublicPortsAuthorized from './ec2-security-group-public-ports-authorized.ts';
import ec2VolumeAttached from './ec2-volume-attached.ts';
import ec2VolumeEncrypted from './ec2-volume-encrypted.ts';

export const ec2Rules: readonly Rule[] = [
  ec2SecurityGroupNoPublicSsh,
  ec2SecurityGroupNoPublicDataPorts,
  ec2SecurityGroupPublicPortsAuthorized,
  ec2InstanceNoPublicIp,
  ec2InstanceImdsv2Required,
  ec2VolumeEncrypted,
  ec2VolumeAttached,
  ec2EipAttached,
];
