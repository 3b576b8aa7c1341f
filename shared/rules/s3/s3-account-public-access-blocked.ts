import { ACCOUNT_RESOURCE_TYPE, type ResourceKey } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { ACCOUNT_BLOCK, accountPublicAccessBlock, settingsOff } from './_helpers.ts';

export default defineRule({
  id: 's3-account-public-access-blocked',
  title: 'S3 Block Public Access is on for the whole account',
  severity: 'medium',
  resourceTypes: [ACCOUNT_RESOURCE_TYPE],
  // Global to the account: one verdict per account, in its home region, not one per region.
  accountWide: true,
  category: RuleCategory.dataStores,
  checklist: '000 public access block',
  remediation: {
    text: 'Turn on all four account-level Block Public Access settings; buckets that must be public belong in a separate account.',
    cli: 'aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  params: {},
  // Same verdicts as s3-account-level-public-access-blocks with its defaults (all four True) for a
  // recorded AccountPublicAccessBlock. Where none is recorded (never configured), the managed rule
  // is not invoked at all (INSUFFICIENT_DATA); this rule reports the account NON_COMPLIANT.
  // Absent data: no AccountPublicAccessBlock item reads as Block Public Access not enabled. Source:
  // ../shared/reference/managed-rules/s3-account-level-public-access-blocks.md ("it will not be
  // invoked unless S3 Block Public Access is enabled": no item is recorded until it is). Right for
  // a whole-account inventory only (issue 11 §3).
  equivalents: { awsConfigRule: 's3-account-level-public-access-blocks', fsbp: ['S3.1'], prowler: 's3_account_level_public_access_blocks' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 's3-account-level-public-access-blocks',
    differences: [
      'Stricter: an account with no AccountPublicAccessBlock recorded (never configured) is NON_COMPLIANT; the managed rule is not invoked there.',
      'Evaluated once per account, in its home region, and only on a whole account (a Config snapshot file, --live or --complete).',
    ],
  },
  dependsOn: [ACCOUNT_BLOCK],
  // The setting is account-wide: every region's account resource may read it.
  affectedBy: (block, inventory) => {
    const own: ResourceKey = { accountId: block.accountId, region: block.region, resourceType: ACCOUNT_RESOURCE_TYPE, resourceId: block.accountId };
    const others = inventory
      .list(ACCOUNT_RESOURCE_TYPE, { accountId: block.accountId })
      .filter((a) => a.region !== block.region)
      .map(({ accountId, region, resourceType, resourceId }) => ({ accountId, region, resourceType, resourceId }));
    return [own, ...others];
  },
  evaluate(account, { inventory }) {
    const id = account.resourceId;
    const block = accountPublicAccessBlock(inventory, account.accountId, account.region);
    if (!block) {
      return nonCompliant(`Account ${id} has no account-level S3 Block Public Access configuration recorded.`);
    }
    const off = settingsOff(block.model);
    return off.length === 0
      ? compliant(`Account ${id} blocks S3 public access account-wide (all four settings on).`)
      : nonCompliant(`Account ${id} has account-level S3 Block Public Access settings off: ${off.join(', ')}.`);
  },
});
