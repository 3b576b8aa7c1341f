import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { listSome } from './_helpers.ts';

export default defineRule({
  id: 'iam-user-no-direct-policies',
  title: 'IAM users get permissions only through groups or roles',
  severity: 'low',
  resourceTypes: ['AWS::IAM::User'],
  category: RuleCategory.identity,
  checklist: '004 service accounts',
  remediation: {
    text: 'Move the permissions to a group the user belongs to (or a role workloads assume), then detach the managed policies and delete the inline ones from the user.',
    cli: 'aws iam add-user-to-group --group-name <group> --user-name <user> && aws iam detach-user-policy --user-name <user> --policy-arn <policy-arn> && aws iam delete-user-policy --user-name <user> --policy-name <inline-policy>',
    cloudformation: 'Type: AWS::IAM::User\nProperties:\n  Groups: [!Ref DeployersGroup]\n  # no Policies, no ManagedPolicyArns',
  },
  params: {},
  equivalents: { awsConfigRule: 'iam-user-no-policies-check', fsbp: ['IAM.2'], prowler: 'iam_policy_attached_only_to_group_or_roles' },
  evaluate(user) {
    const { userName, inlinePolicyNames, attachedManagedPolicies } = user.model;
    const direct = [
      ...inlinePolicyNames.map((n) => `inline ${n}`),
      ...attachedManagedPolicies.map((p) => `managed ${p.policyName}`),
    ];
    return direct.length > 0
      ? nonCompliant(`IAM user ${userName} has ${direct.length === 1 ? 'a policy' : `${direct.length} policies`} of its own: ${listSome(direct)}.`)
      : compliant(`IAM user ${userName} has no inline or attached policies.`);
  },
});
