import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { bucketArn, insecureTransportDeny, statementLabel } from './_helpers.ts';

export default defineRule({
  id: 's3-bucket-ssl-requests-only',
  title: 'S3 bucket policies deny requests made without TLS',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 bucket policy review, 004 TLS',
  remediation: {
    text: 'Add a bucket policy statement that denies s3:* to every principal on the bucket and its objects when aws:SecureTransport is false.',
    cloudformation:
      'PolicyDocument:\n  Statement:\n    - Sid: DenyInsecureTransport\n      Effect: Deny\n      Principal: "*"\n      Action: s3:*\n      Resource:\n        - arn:aws:s3:::<bucket>\n        - arn:aws:s3:::<bucket>/*\n      Condition:\n        Bool:\n          aws:SecureTransport: "false"',
  },
  params: {},
  equivalents: { awsConfigRule: 's3-bucket-ssl-requests-only', fsbp: ['S3.5'], prowler: 's3_bucket_secure_transport_policy' },
  evaluate(bucket) {
    const { bucketName: name, policy } = bucket.model;
    if (bucket.model.unrecorded.includes('BucketPolicy')) return notApplicable(`S3 bucket ${name}: bucket policy not recorded.`);
    if (!policy) return nonCompliant(`S3 bucket ${name} has no bucket policy, so plain HTTP requests are allowed.`);
    const deny = insecureTransportDeny(bucket.model, bucketArn(bucket));
    return deny
      ? compliant(`S3 bucket ${name} policy statement ${statementLabel(policy, deny)} denies requests without TLS.`)
      : nonCompliant(
          `S3 bucket ${name} policy has no statement denying s3:* on the bucket and all objects to everyone when aws:SecureTransport is false.`,
        );
  },
});
