import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no BucketLifecycleConfiguration reads as no lifecycle rule (Config writes the entry
 * only for a bucket that has one). Source: ../shared/reference/managed-rules/s3-lifecycle-policy-check.md
 * ("NON_COMPLIANT if there is no active lifecycle configuration rules").
 */
export default defineRule({
  id: 's3-bucket-lifecycle-configured',
  title: 'S3 buckets have at least one enabled lifecycle rule',
  severity: 'low',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 lifecycle policies',
  remediation: {
    text: 'Add a lifecycle rule that transitions or expires objects (and noncurrent versions, and incomplete multipart uploads) so storage does not grow without bound.',
    cli: 'aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration \'{"Rules":[{"ID":"expire-noncurrent","Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":90},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}\'',
    cloudformation:
      'LifecycleConfiguration:\n  Rules:\n    - Id: expire-noncurrent\n      Status: Enabled\n      NoncurrentVersionExpiration:\n        NoncurrentDays: 90\n      AbortIncompleteMultipartUpload:\n        DaysAfterInitiation: 7',
  },
  params: {},
  equivalents: { awsConfigRule: 's3-lifecycle-policy-check', fsbp: ['S3.13'], prowler: 's3_bucket_lifecycle_enabled' },
  evaluate(bucket) {
    const { bucketName, lifecycleRules } = bucket.model;
    const enabled = lifecycleRules.filter((r) => r.status === 'Enabled');
    if (enabled.length > 0) {
      return compliant(`S3 bucket ${bucketName} has ${enabled.length} enabled lifecycle rule(s).`);
    }
    return nonCompliant(
      lifecycleRules.length === 0
        ? `S3 bucket ${bucketName} has no lifecycle configuration.`
        : `S3 bucket ${bucketName} has ${lifecycleRules.length} lifecycle rule(s), none enabled.`,
    );
  },
});
