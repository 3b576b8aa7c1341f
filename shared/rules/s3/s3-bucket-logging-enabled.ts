import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 's3-bucket-logging-enabled',
  title: 'S3 buckets have server access logging enabled',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 access logging',
  remediation: {
    text: 'Turn on server access logging to a dedicated log bucket in the same region and account, so requests to the bucket can be audited.',
    cli: 'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    cloudformation: 'LoggingConfiguration:\n  DestinationBucketName: <log-bucket>\n  LogFilePrefix: <bucket>/',
  },
  params: {},
  equivalents: { awsConfigRule: 's3-bucket-logging-enabled', fsbp: ['S3.9'], prowler: 's3_bucket_server_access_logging_enabled' },
  evaluate(bucket) {
    const { bucketName, logging } = bucket.model;
    if (bucket.model.unrecorded.includes('BucketLoggingConfiguration')) {
      return notApplicable(`S3 bucket ${bucketName}: server access logging not recorded.`);
    }
    return logging
      ? compliant(`S3 bucket ${bucketName} logs requests to s3://${logging.targetBucket}/${logging.targetPrefix ?? ''}.`)
      : nonCompliant(`S3 bucket ${bucketName} has server access logging off (no destination bucket).`);
  },
});
