import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no kmsKeyId reads as no KMS encryption. Source:
 * ../shared/reference/managed-rules/cloud-trail-encryption-enabled.md ("COMPLIANT if the KmsKeyId
 * is defined").
 */
export default defineRule({
  id: 'cloudtrail-trail-encrypted',
  title: 'CloudTrail trails encrypt log files with a KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  category: RuleCategory.monitoring,
  checklist: '000 audit logging',
  remediation: {
    text: 'Encrypt the trail\'s log files with a customer managed KMS key (SSE-KMS) whose key policy lets CloudTrail encrypt and only auditors decrypt.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>',
    cloudformation: 'Type: AWS::CloudTrail::Trail\nProperties:\n  KMSKeyId: !GetAtt TrailKey.Arn',
  },
  params: {},
  equivalents: {
    awsConfigRule: 'cloud-trail-encryption-enabled',
    fsbp: ['CloudTrail.2'],
    prowler: 'cloudtrail_kms_encryption_enabled',
  },
  evaluate(trail) {
    const { name, kmsKeyId } = trail.model;
    return kmsKeyId
      ? compliant(`CloudTrail trail ${name} encrypts log files with KMS key ${kmsKeyId}.`)
      : nonCompliant(`CloudTrail trail ${name} has no KMS key (log files only get S3 default encryption).`);
  },
});
