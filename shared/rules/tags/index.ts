import type { Rule } from '../rule.ts';
import resourceEnvironmentTagValid from './resource-environment-tag-valid.ts';
import resourceRequiredTags from './resource-required-tags.ts';

export const tagsRules: readonly Rule[] = [resourceRequiredTags, resourceEnvironmentTagValid];
