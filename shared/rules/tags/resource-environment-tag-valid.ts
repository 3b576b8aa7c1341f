import { displayName } from '../../domain/resource.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { TAGGABLE_RESOURCE_TYPES, untaggableReason } from './_taggable-types.ts';

const ENVIRONMENT_TAG = 'Environment';

/**
 * Values are compared exactly: "Production" and "prod" are different values to cost reports,
 * tag-based IAM conditions and backup selections, which is the point of a fixed set.
 * Resources without the tag are left to resource-required-tags.
 */
export default defineRule({
  id: 'resource-environment-tag-valid',
  title: 'Environment tags hold one of the allowed environment names',
  severity: 'low',
  resourceTypes: TAGGABLE_RESOURCE_TYPES,
  category: RuleCategory.cost,
  checklist: '000 environment separation',
  remediation: {
    text: 'Set the Environment tag to one of the allowed names, spelled exactly (lower case by default), so cost reports and tag-based policies see one environment, not several spellings.',
    cli: 'aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> --tags Environment=production',
    cloudformation: 'Tags:\n  - { Key: Environment, Value: production }',
  },
  params: {
    allowed: param.stringList(['dev', 'staging', 'production'], 'Allowed values of the Environment tag (case-sensitive).'),
  },
  equivalents: {},
  evaluate(resource, { params }) {
    const label = `${resource.resourceType} ${displayName(resource)}`;
    const untaggable = untaggableReason(resource);
    if (untaggable) return notApplicable(`${label} ${untaggable}.`);
    // An item without a `tags` field (BatchGetResourceConfig's have none) says nothing of its tags.
    if (resource.tagsRecorded === false) return notApplicable(`${label}: tags not recorded in the input.`);
    const value = resource.tags[ENVIRONMENT_TAG];
    if (value === undefined) return notApplicable(`${label} has no ${ENVIRONMENT_TAG} tag.`);
    return params.allowed.includes(value)
      ? compliant(`${label} has ${ENVIRONMENT_TAG}=${value}.`)
      : nonCompliant(`${label} has ${ENVIRONMENT_TAG}="${value}", not one of ${params.allowed.join(', ')}.`);
  },
});
