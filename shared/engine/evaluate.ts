import { MAX_REASON_LENGTH, type Evaluation, type EvaluationStatus } from '../domain/evaluation.ts';
import { ACCOUNT_RESOURCE_TYPE, displayName, isGone, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import type { Rule, RuleContext } from '../rules/rule.ts';
import { buildInventory, type InventoryView } from './inventory.ts';
import { resolveParams, type ResolvedParams } from './params.ts';

export interface EvaluateOptions {
  /** The evaluation time handed to rules (time-based rules compare against it). */
  readonly now: Date;
  /** From resolveParams; defaults when absent. */
  readonly params?: ResolvedParams;
  /** Defaults to an inventory of `resources` themselves, not complete. */
  readonly inventory?: InventoryView;
  /**
   * Where account-wide rules (Rule.accountWide) are evaluated, once per account. Default, and
   * whenever the account has no resource there: the first region, alphabetically, among the
   * account's account pseudo-resources (the pipeline holds only its own region's).
   */
  readonly homeRegion?: string;
}

/** Rules that evaluate the account itself (GuardDuty on, a multi-region trail, root MFA). */
export function isAccountLevel(rule: Rule): boolean {
  return rule.resourceTypes.includes(ACCOUNT_RESOURCE_TYPE);
}

/** Rules not evaluated at all, and why (not a verdict: nothing was judged). */
export interface SkippedRules {
  readonly ruleIds: readonly string[];
  readonly reason: string;
}

/**
 * The account-level rules a partial inventory cannot run: "no GuardDuty detector" said of a
 * list that was never meant to hold detectors would be a finding that is not there. Undefined
 * when nothing is skipped.
 *
 * @example
 * skippedRules(catalog, buildInventory(resources)); // { ruleIds: ['guardduty-enabled', …], reason: '…' }
 */
export function skippedRules(catalog: readonly Rule[], inventory: InventoryView): SkippedRules | undefined {
  if (inventory.complete) return undefined;
  const ruleIds = catalog.filter(isAccountLevel).map((rule) => rule.id);
  return ruleIds.length === 0 ? undefined : { ruleIds, reason: 'account-level rules need a whole account: the input is not a complete inventory' };
}

/** The region where an account's account-wide rules run (see EvaluateOptions.homeRegion). */
export function homeRegionOf(accountId: string, inventory: InventoryView, configured: string | undefined, evaluating?: string): string | undefined {
  const regions = inventory.derive(`engine/account-regions/${accountId}`, (inv) => new Set(inv.list(ACCOUNT_RESOURCE_TYPE, { accountId }).map((a) => a.region)));
  if (configured !== undefined && (regions.has(configured) || configured === evaluating)) return configured;
  let first = evaluating;
  for (const region of regions) if (first === undefined || region < first) first = region;
  return first;
}

/** Rules by the resource types they apply to, built once per catalog. */
const rulesByTypeCache = new WeakMap<readonly Rule[], Map<string, Rule[]>>();

export function rulesFor(catalog: readonly Rule[], resourceType: string): readonly Rule[] {
  let index = rulesByTypeCache.get(catalog);
  if (!index) {
    index = new Map();
    for (const rule of catalog) {
      for (const type of rule.resourceTypes) {
        let list = index.get(type);
        if (!list) index.set(type, (list = []));
        list.push(rule);
      }
    }
    rulesByTypeCache.set(catalog, index);
  }
  return index.get(resourceType) ?? [];
}

/** Evaluates one resource against every rule of its type, appending to `out`. */
export type Evaluator = (resource: AnyResource, out: Evaluation[]) => void;

/**
 * Builds an evaluator for a catalog, bound to one time, one set of parameters and one
 * inventory: per-rule contexts are made once, not once per resource. Deleted and not-recorded
 * resources are NOT_APPLICABLE for every rule of their type (decided here, once). A rule that
 * throws yields one ERROR evaluation for that rule and resource; the rest go on.
 *
 * @example
 * const evaluateOne = createEvaluator(catalog, { now, params, inventory });
 * for (const resource of resources) evaluateOne(resource, evaluations);
 */
export function createEvaluator(catalog: readonly Rule[], options: EvaluateOptions & { readonly inventory: InventoryView }): Evaluator {
  const params = options.params ?? resolveParams(catalog);
  const { now, inventory, homeRegion } = options;
  // One context per rule, shared by every resource it evaluates (rules keep no state); each
  // type's rules are paired with their contexts once, not looked up per resource and rule.
  const contexts = new Map<Rule, RuleContext<Readonly<Record<string, unknown>>>>();
  for (const rule of catalog) contexts.set(rule, { now, params: params.get(rule.id) ?? {}, inventory });
  const byType = new Map<string, readonly Bound[]>();
  const boundFor = (type: string): readonly Bound[] => {
    let bound = byType.get(type);
    if (bound === undefined) {
      bound = rulesFor(catalog, type).map((rule) => ({ rule, context: contexts.get(rule) ?? { now, params: {}, inventory } }));
      byType.set(type, bound);
    }
    return bound;
  };
  return (resource, out) => {
    const rules = boundFor(resource.resourceType);
    if (rules.length === 0) return;
    let atHome = true;
    if (resource.resourceType === ACCOUNT_RESOURCE_TYPE) {
      // Account-level rules judge what the account lacks: only a whole account can show it (skippedRules).
      if (!inventory.complete) return;
      atHome = homeRegionOf(resource.accountId, inventory, homeRegion, resource.region) === resource.region;
    }
    const gone = isGone(resource.status) ? goneReason(resource) : undefined;
    for (const { rule, context } of rules) {
      if (rule.accountWide && !atHome) continue;
      let status: EvaluationStatus;
      let reason: string;
      if (gone !== undefined) {
        status = 'NOT_APPLICABLE';
        reason = gone;
      } else {
        try {
          const verdict = rule.evaluate(resource, context);
          status = verdict.status;
          reason = verdict.reason;
        } catch (error) {
          status = 'ERROR';
          reason = `Rule ${rule.id} failed on ${displayName(resource)}: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      out.push({
        ruleId: rule.id,
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        resourceName: resource.resourceName,
        accountId: resource.accountId,
        region: resource.region,
        status,
        severity: rule.severity,
        reason: reason.length <= MAX_REASON_LENGTH ? flat(reason) : truncate(reason),
        equivalents: rule.equivalents,
        configurationStateId: resource.configurationStateId,
      });
    }
  };
}

/** A rule with the context it is evaluated in. */
interface Bound {
  readonly rule: Rule;
  readonly context: RuleContext<Readonly<Record<string, unknown>>>;
}

/**
 * Evaluates resources against a catalog (see createEvaluator).
 *
 * @example
 * const evaluations = evaluate(resources, catalog, { now: new Date() });
 */
export function evaluate(resources: readonly AnyResource[], catalog: readonly Rule[], options: EvaluateOptions): Evaluation[] {
  const evaluateOne = createEvaluator(catalog, { ...options, inventory: options.inventory ?? buildInventory(resources) });
  const out: Evaluation[] = [];
  for (const resource of resources) evaluateOne(resource, out);
  return out;
}

/** Resource types some rule of the catalog reads from the inventory (its `dependsOn`). */
export function dependencyTypes(catalog: readonly Rule[]): ReadonlySet<string> {
  return new Set(catalog.flatMap((rule) => rule.dependsOn ?? []));
}

function goneReason(resource: AnyResource): string {
  const what = resource.status === 'ResourceNotRecorded' ? 'is not recorded by AWS Config' : 'was deleted';
  return `${resource.resourceType} ${displayName(resource)} ${what}.`;
}

/**
 * The same text as one string rather than a tree of concatenations. Rules build reasons from
 * template literals, which V8 keeps as such a tree (about 20 parts a reason on bench's account);
 * an evaluation held back (createScan holds 2,000) is copied part by part at each garbage
 * collection it survives. A substring of a concatenation is taken from its flattened copy, and
 * the tree dies young; the flattening would happen anyway when the reason is written out.
 */
function flat(text: string): string {
  return ` ${text}`.substring(1);
}

function truncate(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

/**
 * Which resources must be re-evaluated when `changed` changes: for every rule that depends on
 * its type, the resources the rule names through `affectedBy`, or else every live resource of the
 * rule's types in the same account and region. The changed resource itself is not included.
 *
 * @example
 * dependentsOf(newAlarm, catalog, inventory); // the Lambda functions whose error-alarm rule may resolve
 */
export function dependentsOf(changed: AnyResource, catalog: readonly Rule[], inventory: InventoryView): ResourceKey[] {
  const out = new Map<string, ResourceKey>();
  const add = (key: ResourceKey): void => {
    const id = `${key.accountId}#${key.region}#${key.resourceType}#${key.resourceId}`;
    if (!out.has(id)) out.set(id, key);
  };
  for (const rule of catalog) {
    if (!rule.dependsOn?.includes(changed.resourceType)) continue;
    if (rule.affectedBy) {
      for (const key of rule.affectedBy(changed, inventory)) add(key);
      continue;
    }
    for (const type of rule.resourceTypes) {
      if (type === ACCOUNT_RESOURCE_TYPE) {
        // The account pseudo-resource may be synthesized rather than stored: name it directly.
        add({ accountId: changed.accountId, region: changed.region, resourceType: type, resourceId: changed.accountId });
        continue;
      }
      for (const r of inventory.list(type, { accountId: changed.accountId, region: changed.region })) add(r);
    }
  }
  return [...out.values()].map(({ accountId, region, resourceType, resourceId }) => ({
    accountId,
    region,
    resourceType,
    resourceId,
  }));
}
