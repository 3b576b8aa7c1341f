import { MAX_REASON_LENGTH, type Evaluation, type EvaluationStatus } from '../domain/evaluation.ts';
import { ACCOUNT_RESOURCE_TYPE, displayName, isGone, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import type { Rule } from '../rules/rule.ts';
import { buildInventory, type InventoryView } from './inventory.ts';
import { resolveParams, type ResolvedParams } from './params.ts';

export interface EvaluateOptions {
  /** The evaluation time handed to rules (time-based rules compare against it). */
  readonly now: Date;
  /** From resolveParams; defaults when absent. */
  readonly params?: ResolvedParams;
  /** Defaults to an inventory of `resources` themselves. */
  readonly inventory?: InventoryView;
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

/**
 * Evaluates resources against a catalog. Deleted and not-recorded resources are NOT_APPLICABLE
 * for every rule of their type (decided here, once). A rule that throws yields one ERROR
 * evaluation for that rule and resource; the rest go on.
 *
 * @example
 * const evaluations = evaluate(resources, catalog, { now: new Date() });
 */
export function evaluate(resources: readonly AnyResource[], catalog: readonly Rule[], options: EvaluateOptions): Evaluation[] {
  const params = options.params ?? resolveParams(catalog);
  const inventory = options.inventory ?? buildInventory(resources);
  const out: Evaluation[] = [];
  for (const resource of resources) {
    const rules = rulesFor(catalog, resource.resourceType);
    if (rules.length === 0) continue;
    const gone = isGone(resource.status) ? goneReason(resource) : undefined;
    for (const rule of rules) {
      let status: EvaluationStatus;
      let reason: string;
      if (gone !== undefined) {
        status = 'NOT_APPLICABLE';
        reason = gone;
      } else {
        try {
          const verdict = rule.evaluate(resource, { now: options.now, params: params.get(rule.id) ?? {}, inventory });
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
        reason: truncate(reason),
        equivalents: rule.equivalents,
        configurationStateId: resource.configurationStateId,
      });
    }
  }
  return out;
}

function goneReason(resource: AnyResource): string {
  const what = resource.status === 'ResourceNotRecorded' ? 'is not recorded by AWS Config' : 'was deleted';
  return `${resource.resourceType} ${displayName(resource)} ${what}.`;
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
