import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/**
 * Absent data: no LifecyclePolicy reads as none (ECR returns a lifecycle policy only for a
 * repository that has one). Source: ../shared/reference/config-resource-schema/AWS__ECR__Repository.properties.json
 * (LifecyclePolicy.LifecyclePolicyText, present only when set).
 */
export default defineRule({
  id: 'ecr-repository-lifecycle-policy',
  title: 'ECR repositories have a lifecycle policy that expires old images',
  severity: 'medium',
  resourceTypes: ['AWS::ECR::Repository'],
  category: RuleCategory.cost,
  checklist: '000 storage optimization',
  remediation: {
    text: 'Add a lifecycle policy that expires untagged images after a few days and keeps only the last N tagged images, so storage does not grow with every build.',
    cli: 'aws ecr put-lifecycle-policy --repository-name <repository> --lifecycle-policy-text \'{"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}\'',
    cloudformation:
      'LifecyclePolicy:\n  LifecyclePolicyText: |\n    {"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}',
  },
  params: {},
  equivalents: { fsbp: ['ECR.3'] },
  evaluate(repo) {
    const name = repo.resourceName ?? repo.model.repositoryName;
    const { lifecyclePolicyText, lifecycleRuleCount } = repo.model;
    if (lifecyclePolicyText === undefined) return nonCompliant(`ECR repository ${name} has no lifecycle policy.`);
    if (lifecycleRuleCount === 0) return nonCompliant(`ECR repository ${name} has a lifecycle policy with no rules.`);
    return compliant(
      `ECR repository ${name} has a lifecycle policy${lifecycleRuleCount === undefined ? '' : ` with ${lifecycleRuleCount} rule${lifecycleRuleCount === 1 ? '' : 's'}`}.`,
    );
  },
});
