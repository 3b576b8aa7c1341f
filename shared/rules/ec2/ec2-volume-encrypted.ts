import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ec2-volume-encrypted',
  title: 'EBS volumes are encrypted',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Volume'],
  category: RuleCategory.network,
  checklist: '000 encryption',
  remediation: {
    text: 'EBS volumes cannot be encrypted in place: snapshot the volume, copy the snapshot with encryption, create a volume from the copy and swap it in. Turn on EBS encryption by default so new volumes are encrypted.',
    cli: 'aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snap-id> --encrypted --kms-key-id <key-arn>\naws ec2 enable-ebs-encryption-by-default',
    cloudformation: 'Type: AWS::EC2::Volume\nProperties:\n  Encrypted: true\n  KmsKeyId: !Ref VolumeKey',
  },
  params: {},
  // Not claimed: encrypted-volumes judges only volumes "in an attached state"; this rule judges
  // every volume, since a detached one still holds data (and can be snapshotted and shared).
  equivalents: { prowler: 'ec2_ebs_volume_encryption' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'encrypted-volumes',
    differences: [
      'Stricter: unattached volumes count; encrypted-volumes judges only attached volumes, while a detached one still holds data and can be snapshotted and shared.',
    ],
  },
  evaluate(volume) {
    const id = volume.model.volumeId;
    // DescribeVolumes always reports Encrypted: without it, nothing is known.
    if (volume.model.encrypted === undefined) return notApplicable(`EBS volume ${id}: encryption not recorded.`);
    return volume.model.encrypted === true
      ? compliant(`EBS volume ${id} is encrypted${volume.model.kmsKeyId ? ` with ${volume.model.kmsKeyId}` : ''}.`)
      : nonCompliant(`EBS volume ${id} is not encrypted (encrypted: ${String(volume.model.encrypted ?? 'not recorded')}).`);
  },
});
