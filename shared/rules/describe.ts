import * as z from '../zod.ts';
import { descriptionOf } from './params.ts';
import type { RuleMetadata } from './rule.ts';

export interface ParamDescription {
  readonly name: string;
  /** The default value, or undefined for optional parameters without one. */
  readonly default: unknown;
  readonly description: string;
}

/** A rule's parameters with their defaults, for `vigil rules` and the rule reference. */
export function describeParams(rule: Pick<RuleMetadata, 'params'>): ParamDescription[] {
  const defaults = z.object(rule.params).parse({}) as Record<string, unknown>;
  return Object.entries(rule.params).map(([name, schema]) => ({
    name,
    default: defaults[name],
    description: descriptionOf(schema) ?? '',
  }));
}

/** The catalog as plain data (what `vigil rules --format json` prints). */
export function describeRule(rule: RuleMetadata) {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    resourceTypes: rule.resourceTypes,
    checklist: rule.checklist,
    params: describeParams(rule),
    equivalents: rule.equivalents,
    dependsOn: rule.dependsOn ?? [],
    timeBased: rule.timeBased ?? false,
    remediation: rule.remediation,
  };
}
