import type { Rule } from '../rule.ts';
import ecrRepositoryImmutableTags from './ecr-repository-immutable-tags.ts';
import ecrRepositoryLifecyclePolicy from './ecr-repository-lifecycle-policy.ts';
import ecrRepositoryScanOnPush from './ecr-repository-scan-on-push.ts';

export const ecrRules: readonly Rule[] = [ecrRepositoryScanOnPush, ecrRepositoryImmutableTags, ecrRepositoryLifecyclePolicy];
