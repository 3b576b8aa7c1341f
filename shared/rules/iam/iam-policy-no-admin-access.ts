import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { isAllow, statementLabel } from './_helpers.ts';

/**
 * Matches iam-policy-no-statements-with-admin-access / FSBP IAM.1 exactly: only a statement with
 * Effect Allow, Action "*" and Resource "*" counts. An Allow with NotAction (everything except
 * a few actions) is nearly as broad, but AWS's rule does not count it and neither does this one;
 * Conditions are ignored, as AWS does.
 */
export default defineRule({
  id: 'iam-policy-no-admin-access',
  title: 'IAM customer managed policies do not allow all actions on all resources',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Policy'],
  category: RuleCategory.identity,
  checklist: '000 IAM least privilege',
  remediation: {
    text: 'Replace "Action": "*" on "Resource": "*" with the actions and resources the principals need, and publish that as the default policy version.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default',
    cloudformation:
      'PolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Action: [dynamodb:GetItem, dynamodb:PutItem]\n      Resource: !GetAtt Table.Arn',
  },
  params: {},
  equivalents: { awsConfigRule: 'iam-policy-no-statements-with-admin-access', fsbp: ['IAM.1'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'iam-policy-no-statements-with-admin-access',
    differences: [
      'Same: only an Allow of Action "*" on Resource "*" is full admin; NotAction grants such as PowerUserAccess (everything except iam:*) stay COMPLIANT.',
    ],
  },
  evaluate(policy) {
    const { policyName, defaultVersion, defaultVersionId } = policy.model;
    const version = defaultVersionId ? ` (default version ${defaultVersionId})` : '';
    if (!defaultVersion) {
      return notApplicable(`IAM policy ${policyName} has no readable default version document in its configuration item.`);
    }
    const index = defaultVersion.statements.findIndex((s) => isAllow(s) && s.actions.includes('*') && s.resources.includes('*'));
    const statement = defaultVersion.statements[index];
    return statement
      ? nonCompliant(`IAM policy ${policyName}${version} allows Action "*" on Resource "*" in ${statementLabel(statement, index)}.`)
      : compliant(`IAM policy ${policyName}${version} has no statement allowing Action "*" on Resource "*".`);
  },
});
