import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'ecr-repository-immutable-tags',
  title: 'ECR repositories have immutable image tags',
  severity: 'medium',
  resourceTypes: ['AWS::ECR::Repository'],
  category: RuleCategory.availability,
  checklist: '003/004 image hygiene',
  remediation: {
    text:
      'Make tags immutable so a tag deployed to production (v1.4.2, a commit SHA) always names the same image: a re-pushed tag ' +
      'silently changes what the next task launch or rollback runs.',
    cli: 'aws ecr put-image-tag-mutability --repository-name <repository> --image-tag-mutability IMMUTABLE',
    cloudformation: 'ImageTagMutability: IMMUTABLE',
  },
  params: {},
  equivalents: { fsbp: ['ECR.2'] },
  evaluate(repo) {
    const name = repo.resourceName ?? repo.model.repositoryName;
    const mutability = repo.model.imageTagMutability;
    if (mutability === 'IMMUTABLE') return compliant(`ECR repository ${name} has immutable image tags.`);
    // IMMUTABLE_WITH_EXCLUSION: immutable except tags matching the repository's exclusion filters (e.g. latest).
    if (mutability === 'IMMUTABLE_WITH_EXCLUSION') {
      return compliant(`ECR repository ${name} has immutable image tags, except tags matching its exclusion filters.`);
    }
    return nonCompliant(`ECR repository ${name} has image tag mutability ${mutability ?? 'not recorded (MUTABLE by default)'}.`);
  },
});
