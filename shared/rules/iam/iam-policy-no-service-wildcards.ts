import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { isAllow, listSome } from './_helpers.ts';

/** `s3:*` grants a whole service; `s3:Get*` does not (the managed rule's own example). */
const SERVICE_WILDCARD = /^[A-Za-z0-9-]+:\*$/;

/**
 * Matches iam-policy-no-statements-with-full-access / FSBP IAM.21: an Allow of `service:*`
 * fails on any resource. `"*"` is counted too: it grants full access to every service, the
 * strongest case of what the managed rule describes ("full access to at least 1 AWS service").
 */
export default defineRule({
  id: 'iam-policy-no-service-wildcards',
  title: 'IAM customer managed policies do not allow every action of a service',
  severity: 'low',
  resourceTypes: ['AWS::IAM::Policy'],
  category: RuleCategory.identity,
  checklist: '000 IAM least privilege',
  remediation: {
    text: 'List the actions the principals need (a prefix such as "ec2:Describe*" is fine) instead of "service:*", and publish that as the default policy version.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://scoped-actions.json --set-as-default',
    cloudformation:
      'PolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Action: [s3:GetObject, s3:PutObject]\n      Resource: !Sub "${Bucket.Arn}/*"',
  },
  params: {},
  equivalents: { awsConfigRule: 'iam-policy-no-statements-with-full-access', fsbp: ['IAM.21'] },
  evaluate(policy) {
    const { policyName, defaultVersion, defaultVersionId } = policy.model;
    const version = defaultVersionId ? ` (default version ${defaultVersionId})` : '';
    if (!defaultVersion) {
      return notApplicable(`IAM policy ${policyName} has no readable default version document in its configuration item.`);
    }
    // Plain loops with a cheap suffix test first: policies run to hundreds of actions, and nearly
    // none end in ":*", so the pattern is tried on those few only.
    const wildcards = new Set<string>();
    for (const statement of defaultVersion.statements) {
      if (!isAllow(statement)) continue;
      for (const action of statement.actions) {
        if (action === '*' || (action.endsWith(':*') && SERVICE_WILDCARD.test(action))) wildcards.add(action);
      }
    }
    return wildcards.size > 0
      ? nonCompliant(`IAM policy ${policyName}${version} allows every action of a service: ${listSome([...wildcards].map((a) => `"${a}"`))}.`)
      : compliant(`IAM policy ${policyName}${version} allows no "service:*" wildcard action.`);
  },
});
