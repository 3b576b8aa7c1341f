import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no BucketReplicationConfiguration reads as no replication rule (Config writes the
 * entry only for a bucket that has one). Source:
 * ../shared/reference/managed-rules/s3-bucket-replication-enabled.md ("NON_COMPLIANT if an S3 bucket
 * does not have a replication rule").
 */
export default defineRule({
  id: 's3-bucket-replication-enabled',
  title: 'S3 buckets replicate to another bucket with every replication rule enabled',
  severity: 'low',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 cross-region replication, 003 off-site backup',
  remediation: {
    text: 'Configure replication to a versioned bucket in another region (or account) and keep every replication rule enabled; a disabled rule leaves the objects it covers without an off-site copy.',
    cli: 'aws s3api put-bucket-replication --bucket <bucket> --replication-configuration file://replication.json',
    cloudformation:
      'ReplicationConfiguration:\n  Role: <replication-role-arn>\n  Rules:\n    - Id: offsite\n      Status: Enabled\n      Priority: 1\n      Filter: {}\n      DeleteMarkerReplication:\n        Status: Enabled\n      Destination:\n        Bucket: arn:aws:s3:::<replica-bucket>',
  },
  params: {},
  // As the managed rule: non-compliant without a rule, or with any rule not enabled (the
  // checklist's "≥ 1 enabled rule", tightened to match AWS's documented semantics).
  equivalents: { awsConfigRule: 's3-bucket-replication-enabled', fsbp: ['S3.7'], prowler: 's3_bucket_cross_region_replication' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 's3-bucket-replication-enabled',
    differences: [
      'Same: every replication rule must be enabled; a configuration with one disabled rule is NON_COMPLIANT (stricter than the checklist\'s "at least one enabled rule").',
    ],
  },
  evaluate(bucket) {
    const { bucketName, replication } = bucket.model;
    const rules = replication?.rules ?? [];
    if (rules.length === 0) return nonCompliant(`S3 bucket ${bucketName} has no replication rule.`);
    const disabled = rules.filter((r) => r.status !== 'Enabled');
    if (disabled.length > 0) {
      const names = disabled.map((r) => r.id ?? '(unnamed)').join(', ');
      return nonCompliant(`S3 bucket ${bucketName} has replication rule(s) not enabled: ${names}.`);
    }
    const destinations = [...new Set(rules.map((r) => r.destinationBucketArn).filter((d) => d !== undefined))];
    return compliant(`S3 bucket ${bucketName} replicates to ${destinations.join(', ') || 'its destination'} (${rules.length} rule(s) enabled).`);
  },
});
