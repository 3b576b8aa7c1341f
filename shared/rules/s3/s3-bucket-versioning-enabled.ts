import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 's3-bucket-versioning-enabled',
  title: 'S3 buckets have versioning enabled',
  severity: 'low',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 S3 versioning',
  remediation: {
    text: 'Enable versioning so overwritten and deleted objects can be recovered; pair it with a lifecycle rule that expires noncurrent versions.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
    cloudformation: 'VersioningConfiguration:\n  Status: Enabled',
  },
  params: {},
  equivalents: { awsConfigRule: 's3-bucket-versioning-enabled', fsbp: ['S3.14'], prowler: 's3_bucket_object_versioning' },
  evaluate(bucket) {
    const { bucketName, versioning } = bucket.model;
    if (versioning.status === 'Enabled') return compliant(`S3 bucket ${bucketName} has versioning enabled.`);
    return nonCompliant(
      versioning.status === 'Suspended'
        ? `S3 bucket ${bucketName} has versioning suspended.`
        : `S3 bucket ${bucketName} has never had versioning enabled (status Off).`,
    );
  },
});
