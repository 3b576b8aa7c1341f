import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no KmsMasterKeyId reads as no server-side encryption (SNS returns the attribute only
 * when a key is set). Source: ../shared/reference/managed-rules/sns-encrypted-kms.md ("NON_COMPLIANT
 * if the Amazon SNS topic is not encrypted with AWS KMS") and
 * ../shared/reference/config-resource-schema/AWS__SNS__Topic.properties.json (KmsMasterKeyId).
 */
export default defineRule({
  id: 'sns-topic-encrypted',
  title: 'SNS topics are encrypted at rest with KMS',
  severity: 'medium',
  resourceTypes: ['AWS::SNS::Topic'],
  category: RuleCategory.cost,
  checklist: '000 encryption',
  remediation: {
    text:
      'Set a KMS key on the topic (alias/aws/sns, or a customer managed key whose policy lets the publishing services, such as ' +
      'cloudwatch.amazonaws.com, use it) so messages are encrypted while SNS stores them.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value <kms-key-arn-or-alias/aws/sns>',
    cloudformation: 'KmsMasterKeyId: !Ref TopicKey',
  },
  params: {},
  equivalents: { awsConfigRule: 'sns-encrypted-kms', fsbp: ['SNS.1'] },
  evaluate(topic) {
    const name = topic.resourceName ?? topic.model.topicName;
    const key = topic.model.kmsMasterKeyId;
    return key
      ? compliant(`SNS topic ${name} is encrypted with KMS key ${key}.`)
      : nonCompliant(`SNS topic ${name} has no KMS key (KmsMasterKeyId unset): server-side encryption is off.`);
  },
});
