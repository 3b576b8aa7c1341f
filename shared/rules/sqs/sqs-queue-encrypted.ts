import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

/**
 * Absent data: no KmsMasterKeyId reads as no KMS key (SQS returns the attribute only when a key is
 * set); SqsManagedSseEnabled must then be recorded false for a finding. Source:
 * ../shared/reference/config-resource-schema/AWS__SQS__Queue.properties.json (KmsMasterKeyId,
 * SqsManagedSseEnabled).
 */
export default defineRule({
  id: 'sqs-queue-encrypted',
  title: 'SQS queues are encrypted at rest',
  severity: 'medium',
  resourceTypes: ['AWS::SQS::Queue'],
  category: RuleCategory.cost,
  checklist: '000 encryption',
  remediation: {
    text:
      'Turn on server-side encryption: SSE-SQS (SQS-owned keys, no extra cost) or SSE-KMS with a key whose policy lets the producers use it.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true',
    cloudformation: 'SqsManagedSseEnabled: true\n# or\nKmsMasterKeyId: !Ref QueueKey',
  },
  params: {},
  equivalents: { fsbp: ['SQS.1'] },
  evaluate(queue) {
    const name = queue.resourceName ?? queue.model.queueName;
    if (queue.model.kmsMasterKeyId) return compliant(`SQS queue ${name} is encrypted with KMS key ${queue.model.kmsMasterKeyId}.`);
    if (queue.model.sqsManagedSse) return compliant(`SQS queue ${name} is encrypted with SQS-managed keys (SSE-SQS).`);
    if (queue.model.sqsManagedSse === undefined) return notApplicable(`SQS queue ${name}: no KMS key, and SSE-SQS not recorded.`);
    return nonCompliant(`SQS queue ${name} has neither SSE-SQS nor a KMS key: server-side encryption is off.`);
  },
});
