import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { bucketArn, statementLabel, unencryptedUploadDeny } from './_helpers.ts';

const KMS = new Set(['aws:kms', 'aws:kms:dsse']);

/**
 * Absent data: no ServerSideEncryptionConfiguration reads as no default encryption (Config wrote
 * the entry only for buckets that had one, before S3 encrypted every bucket by default in 2023).
 * Source: ../shared/reference/managed-rules/s3-bucket-server-side-encryption-enabled.md
 * ("NON_COMPLIANT if your Amazon S3 bucket is not encrypted by default").
 */
export default defineRule({
  id: 's3-bucket-encryption-enabled',
  title: 'S3 buckets have default encryption configured',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 S3 encryption, 003 backups encrypted',
  remediation: {
    text: 'Configure default encryption on the bucket (SSE-KMS with a bucket key when requireKms is on, so key usage is auditable and revocable).',
    cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
    cloudformation:
      'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: <key-arn>\n      BucketKeyEnabled: true',
  },
  params: {
    requireKms: param.bool(false, 'Require SSE-KMS (aws:kms or aws:kms:dsse); SSE-S3 (AES256) alone is then non-compliant.'),
  },
  // The managed rule also accepts a bucket policy that denies unencrypted PutObject, as this rule
  // does. FSBP S3.17 is the KMS variant: it matches with requireKms=true.
  equivalents: { awsConfigRule: 's3-bucket-server-side-encryption-enabled', fsbp: ['S3.17'], prowler: 's3_bucket_default_encryption' },
  evaluate(bucket, { params }) {
    const { bucketName, encryptionRules, policy } = bucket.model;
    const algorithm = encryptionRules[0]?.sseAlgorithm;
    if (algorithm !== undefined) {
      if (!params.requireKms || KMS.has(algorithm)) {
        return compliant(`S3 bucket ${bucketName} has default encryption ${algorithm}.`);
      }
      return nonCompliant(`S3 bucket ${bucketName} has default encryption ${algorithm} (SSE-S3), not SSE-KMS as requireKms asks.`);
    }
    const deny = unencryptedUploadDeny(bucket.model, bucketArn(bucket), params.requireKms);
    if (deny && policy) {
      return compliant(`S3 bucket ${bucketName} has no default encryption, but policy statement ${statementLabel(policy, deny)} denies unencrypted uploads.`);
    }
    return nonCompliant(`S3 bucket ${bucketName} has no default encryption configuration.`);
  },
});
