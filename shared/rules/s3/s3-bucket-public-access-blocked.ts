import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { ACCOUNT_BLOCK, bucketsOfAccount, effectivePublicAccessBlock, settingsOff } from './_helpers.ts';

/**
 * Absent data: no PublicAccessBlockConfiguration reads as no bucket-level block (Config writes the
 * entry only for a bucket that has one); the account-level settings still count. Source:
 * ../shared/reference/managed-rules/s3-bucket-level-public-access-prohibited.md (NON_COMPLIANT when
 * "bucket level settings are public").
 */
export default defineRule({
  id: 's3-bucket-public-access-blocked',
  title: 'S3 buckets block public access at the bucket or account level',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 public access block',
  remediation: {
    text: 'Turn on all four Block Public Access settings on the bucket, or once for the whole account (s3-account-public-access-blocked).',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    cloudformation:
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  IgnorePublicAcls: true\n  BlockPublicPolicy: true\n  RestrictPublicBuckets: true',
  },
  params: {
    excludedBuckets: param.stringList([], 'Names of buckets that are public on purpose (e.g. a static website origin); they are not evaluated.'),
  },
  // s3-bucket-level-public-access-prohibited looks at the bucket's own settings only; this rule
  // also accepts the account-level block (S3 enforces the most restrictive of the two), so a bucket
  // covered only by the account block is COMPLIANT here and NON_COMPLIANT there: not claimed.
  equivalents: { fsbp: ['S3.8'], prowler: 's3_bucket_level_public_access_block' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 's3-bucket-level-public-access-prohibited',
    differences: [
      'Looser: the account-level block counts too (S3 enforces the most restrictive of the two), so a bucket covered only by the account block is COMPLIANT here and NON_COMPLIANT there.',
    ],
  },
  dependsOn: [ACCOUNT_BLOCK],
  affectedBy: (block, inventory) => bucketsOfAccount(block.accountId, inventory),
  evaluate(bucket, { params, inventory }) {
    const name = bucket.model.bucketName;
    if (params.excludedBuckets.includes(name)) {
      return notApplicable(`S3 bucket ${name} is listed in excludedBuckets (public on purpose).`);
    }
    const block = effectivePublicAccessBlock(bucket, inventory);
    const off = settingsOff(block.on);
    if (off.length === 0) {
      const source =
        settingsOff(block.bucket).length === 0
          ? 'bucket-level settings'
          : settingsOff(block.account).length === 0
            ? 'account-level settings'
            : 'bucket and account settings combined';
      return compliant(`S3 bucket ${name} blocks public access (${source}).`);
    }
    const accountNote = block.account ? '' : ' (no account-level block is recorded)';
    return nonCompliant(`S3 bucket ${name} does not block public access: ${off.join(', ')} off at both bucket and account level${accountNote}.`);
  },
});
