import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import {
  ACCOUNT_BLOCK,
  bucketsOfAccount,
  effectivePublicAccessBlock,
  isFixedValue,
  publicStatements,
  statementLabel,
} from './_helpers.ts';

/** A condition value as a reason quotes it (policy values can be long). */
function short(value: string): string {
  return value.length <= 40 ? `"${value}"` : `"${value.slice(0, 39)}…"`;
}

/** Grantee groups that mean "anyone" (AuthenticatedUsers is any AWS account, not yours). */
const PUBLIC_GROUPS = new Set(['AllUsers', 'AuthenticatedUsers']);

export default defineRule({
  id: 's3-bucket-no-public-grants',
  title: 'S3 buckets grant no access to the public through ACLs or bucket policy',
  severity: 'critical',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 bucket policy review',
  remediation: {
    text: 'Remove ACL grants to AllUsers/AuthenticatedUsers (or disable ACLs with BucketOwnerEnforced) and give every policy statement that allows "*" a condition pinning it to your VPC endpoint, source ARN/account or organization; serve public content through CloudFront with origin access control.',
    cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
    cloudformation: 'OwnershipControls:\n  Rules:\n    - ObjectOwnership: BucketOwnerEnforced',
  },
  params: {},
  // Judges effective exposure as s3-bucket-public-read-prohibited and -write-prohibited do
  // (IgnorePublicAcls voids public ACLs, RestrictPublicBuckets voids public policies), but any
  // public permission counts (READ_ACP, WRITE_ACP too): NON_COMPLIANT where either managed rule
  // would be, and for public ACP grants; no single managed rule matches, so none is claimed.
  equivalents: { fsbp: ['S3.2', 'S3.3'], prowler: 's3_bucket_public_access' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 's3-bucket-public-read-prohibited',
    differences: [
      'Same: Block Public Access neutralises public grants: IgnorePublicAcls (bucket or account) voids public ACL grants, RestrictPublicBuckets voids public policies.',
      'Stricter: any public permission counts, including READ_ACP and WRITE_ACP, so it is NON_COMPLIANT wherever s3-bucket-public-read-prohibited or s3-bucket-public-write-prohibited would be, and for public ACP grants.',
      'Same: a condition restricts a "*" principal only with fixed values of aws:SourceVpc, aws:SourceVpce, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceIp (a CIDR that is not open) and the like; a value holding *, ? or a policy variable (vpc-*, o-*, ${aws:username}) restricts nothing, as S3 defines "public".',
    ],
  },
  dependsOn: [ACCOUNT_BLOCK],
  affectedBy: (block, inventory) => bucketsOfAccount(block.accountId, inventory),
  evaluate(bucket, { inventory }) {
    const { bucketName: name, aclGrants = [], policy = [] } = bucket.model;
    const unknown = bucket.model.unrecorded.filter((entry) => entry !== 'BucketLoggingConfiguration');
    const block = effectivePublicAccessBlock(bucket, inventory);
    const grant = aclGrants.find((g) => g.group !== undefined && PUBLIC_GROUPS.has(g.group));
    const statement = publicStatements(policy)[0];
    if (grant && !block.on.ignorePublicAcls) {
      return nonCompliant(`S3 bucket ${name} ACL grants ${grant.permission} to ${grant.group}.`);
    }
    if (statement && !block.on.restrictPublicBuckets) {
      const listed = statement.actions.slice(0, 3).join(', ') + (statement.actions.length > 3 ? ` (+${statement.actions.length - 3})` : '');
      const actions = listed || 'all but its NotAction';
      const condition = statement.conditions.find((c) => c.values.some((v) => !isFixedValue(v))) ?? statement.conditions[0];
      const loose = condition?.values.find((v) => !isFixedValue(v));
      const why = !condition
        ? 'with no condition'
        : loose !== undefined
          ? `its condition ${condition.operator} ${condition.key} = ${short(loose)} ${/[*?]|\$\{/.test(loose) ? 'is no fixed value' : 'admits every address'}`
          : `its condition ${condition.operator} ${condition.key} does not pin the caller`;
      return nonCompliant(
        `S3 bucket ${name} policy statement ${statementLabel(policy, statement)} allows ${actions} to any principal, ${why}.`,
      );
    }
    if (grant || statement) {
      const voided = [grant ? 'public ACL grant (IgnorePublicAcls)' : '', statement ? 'public policy (RestrictPublicBuckets)' : '']
        .filter(Boolean)
        .join(' and ');
      return compliant(`S3 bucket ${name} has a ${voided} that Block Public Access voids.`);
    }
    // A grant found is a finding either way; finding none proves nothing when the ACL or the policy is not recorded.
    if (unknown.length > 0) return notApplicable(`S3 bucket ${name}: no public grant seen, but ${unknown.join(' and ')} not recorded.`);
    return compliant(`S3 bucket ${name} grants nothing to the public in its ACL or policy.`);
  },
});
