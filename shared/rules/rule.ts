import type * as z from '../zod.ts';
import type { Equivalents, Verdict } from '../domain/evaluation.ts';
import type { AnyResource, Resource, ResourceKey } from '../domain/resource.ts';
import type { Severity } from '../domain/severity.ts';
import type { InventoryView } from '../engine/inventory.ts';

/** The checklist sections of ../shared/reference/checklist.md, as a closed set. */
export const RuleCategory = {
  dataStores: 'data-stores',
  network: 'network',
  identity: 'identity-secrets',
  monitoring: 'monitoring',
  availability: 'availability',
  cost: 'cost-ownership',
} as const;
export type RuleCategory = (typeof RuleCategory)[keyof typeof RuleCategory];

export interface Remediation {
  /** What to change, in a sentence or two. */
  readonly text: string;
  /** An AWS CLI command that fixes it, with placeholders in <angle brackets>. */
  readonly cli?: string;
  /** A CloudFormation property snippet (YAML) that fixes it. */
  readonly cloudformation?: string;
}

export interface ManagedRuleComparison {
  /** The managed rule's identifier, e.g. "restricted-ssh". */
  readonly rule: string;
  /** One sentence each, starting with what the user would see ("Stricter: …", "Looser: …", "Same: …"). */
  readonly differences: readonly string[];
}

export interface RuleContext<P> {
  /** The evaluation time: rules never read the clock. */
  readonly now: Date;
  readonly params: P;
  /** Other resources of the account, for cross-resource and account-level rules. */
  readonly inventory: InventoryView;
}

export type ParamShape = Readonly<Record<string, z.ZodMiniType>>;
export type ParamsOf<S extends ParamShape> = { readonly [K in keyof S]: z.output<S[K]> };

export interface RuleDefinition<T extends string, S extends ParamShape> {
  /** kebab-case; equals the file name. */
  readonly id: string;
  /** States the compliant condition ("DynamoDB tables have point-in-time recovery enabled"). */
  readonly title: string;
  readonly severity: Severity;
  readonly resourceTypes: readonly T[];
  readonly category: RuleCategory;
  /** The checklist line(s) this rule enforces, e.g. "000 DynamoDB PITR". */
  readonly checklist: string;
  readonly remediation: Remediation;
  /** Parameter schemas, each with its default (see params.ts). */
  readonly params: S;
  readonly equivalents: Equivalents;
  /**
   * The AWS Config managed rule that checks the same thing, and every way this rule's verdicts
   * differ from it (stricter, looser, another scope), or a reading that agrees with it but is easy
   * to get wrong. docs/rules.md lists them; users coming from AWS Config read them first.
   */
  readonly managedRule?: ManagedRuleComparison;
  /** Resource types whose changes can change this rule's verdicts (cross-resource rules). */
  readonly dependsOn?: readonly string[];
  /**
   * Which resources to re-evaluate when a dependency changes. Default: every resource of this
   * rule's types in the dependency's account and region.
   */
  readonly affectedBy?: (dependency: AnyResource, inventory: InventoryView) => readonly ResourceKey[];
  /**
   * An account-level rule (resource type AWS::::Account) whose setting is global to the account
   * (root MFA, the account's S3 Block Public Access, a multi-region trail): the engine evaluates
   * it once per account, on the account pseudo-resource of the account's home region, instead of
   * once per region with the same verdict.
   */
  readonly accountWide?: boolean;
  /** Verdicts change with time alone (expiry, rotation age): the sweep re-runs them. */
  readonly timeBased?: boolean;
  evaluate(resource: Resource<T>, ctx: RuleContext<ParamsOf<S>>): Verdict;
}

/** A rule with its types erased, as the catalog holds it. */
export interface Rule extends Omit<RuleDefinition<string, ParamShape>, 'evaluate'> {
  evaluate(resource: AnyResource, ctx: RuleContext<Readonly<Record<string, unknown>>>): Verdict;
}

/**
 * What the functions that never evaluate read of a rule (the API, notify, redeliver, counters,
 * sweep): its declaration without its code, from the generated catalog-metadata.ts.
 */
export type RuleMetadata = Pick<
  Rule,
  'id' | 'title' | 'severity' | 'resourceTypes' | 'category' | 'checklist' | 'remediation' | 'params' | 'equivalents' | 'dependsOn' | 'accountWide' | 'timeBased'
>;

/** What a sweep reads of a rule: the types it evaluates and reads. */
export type RuleScope = Pick<Rule, 'id' | 'resourceTypes' | 'dependsOn' | 'accountWide' | 'timeBased'>;

/**
 * Declares a rule with its types checked: `evaluate` receives the typed model of its resource
 * types and its parsed parameters.
 *
 * @example
 * export default defineRule({
 *   id: 'dynamodb-table-pitr-enabled',
 *   resourceTypes: ['AWS::DynamoDB::Table'],
 *   params: {},
 *   evaluate: (table) => table.model.pointInTimeRecovery === 'ENABLED' ? compliant(…) : nonCompliant(…),
 *   …
 * });
 */
export function defineRule<const T extends string, S extends ParamShape>(definition: RuleDefinition<T, S>): Rule {
  return definition as unknown as Rule;
}

export function compliant(reason: string): Verdict {
  return { status: 'COMPLIANT', reason };
}
export function nonCompliant(reason: string): Verdict {
  return { status: 'NON_COMPLIANT', reason };
}
export function notApplicable(reason: string): Verdict {
  return { status: 'NOT_APPLICABLE', reason };
}
