import type { Ec2Volume } from '../../config-items/models/ec2.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/** Attachment states in which the volume serves an instance (`busy` = attached, instance busy). */
const ATTACHED_STATES = new Set(['attaching', 'attached', 'busy']);

export default defineRule({
  id: 'ec2-volume-attached',
  title: 'EBS volumes are attached to an instance',
  severity: 'low',
  resourceTypes: ['AWS::EC2::Volume'],
  category: RuleCategory.cost,
  checklist: '000 unused resource cleanup',
  remediation: {
    text: 'Delete volumes nobody uses (snapshot them first if the data may be needed), or attach them to the instance they belong to. Unattached volumes are billed in full.',
    cli: 'aws ec2 create-snapshot --volume-id <vol-id> --description "before cleanup"\naws ec2 delete-volume --volume-id <vol-id>',
    cloudformation: 'Type: AWS::EC2::VolumeAttachment\nProperties:\n  InstanceId: !Ref Instance\n  VolumeId: !Ref Volume\n  Device: /dev/sdf',
  },
  params: {},
  // ec2-volume-inuse-check without its optional deleteOnTermination parameter.
  equivalents: { awsConfigRule: 'ec2-volume-inuse-check' },
  evaluate(volume) {
    const id = volume.model.volumeId;
    const instances = attachedInstances(volume.model);
    if (instances.length > 0) return compliant(`EBS volume ${id} is attached to ${instances.join(', ')}.`);
    if (volume.model.state === 'in-use') return compliant(`EBS volume ${id} is in use.`);
    return nonCompliant(`EBS volume ${id} is not attached to any instance (state: ${volume.model.state ?? 'not recorded'}).`);
  },
});

function attachedInstances(volume: Ec2Volume): string[] {
  return volume.attachments
    .filter((a) => a.state === undefined || ATTACHED_STATES.has(a.state))
    .map((a) => a.instanceId ?? 'an instance');
}
