import { CollectedType, NOT_RECORDED_BY_CONFIG } from '../domain/collected-types.ts';
import type { FindingInput, Transition } from '../domain/finding.ts';
import {
  ACCOUNT_RESOURCE_TYPE,
  ConfigItemStatus,
  isGone,
  resourceKeyString,
  type AnyResource,
  type ResourceKey,
} from '../domain/resource.ts';
import { needsFirstSight, suppressionFor, type Suppression } from '../domain/suppression.ts';
import { dependentsOf, evaluate, rulesFor } from '../engine/evaluate.ts';
import { accountResources, buildInventory, type InventoryView } from '../engine/inventory.ts';
import type { ResolvedParams } from '../engine/params.ts';
import type { Rule } from '../rules/rule.ts';
import { goneResource } from './gone-resource.ts';
import { ItemNotYetInHistoryError, MalformedMessageError, RecordConflictError } from './evaluation-errors.ts';
import { isConfigItemError } from '../config-items/errors.ts';
import { parseEvaluationMessage, type EvaluationMessage } from './evaluation-message.ts';
import type { ConfigReader, EvaluationQueue, EvaluationSource, FindingsStore, LogGroupReader } from './ports.ts';

export { isMalformedMessageError, MalformedMessageError } from './evaluation-errors.ts';

export interface EvaluationDeps {
  readonly store: FindingsStore;
  /** AWS Config of an account and region (oversized items, `evaluate` messages). */
  readonly configReader: (accountId: string, region: string) => ConfigReader;
  /** Reads one log group (CloudTrail log-group events); required when those events are routed here. */
  readonly logGroups?: LogGroupReader;
  readonly queue: EvaluationQueue;
  readonly catalog: readonly Rule[];
  readonly params: ResolvedParams;
  readonly now: () => Date;
}

export interface ProcessResult {
  readonly message: EvaluationMessage['kind'];
  /** Resources evaluated and recorded. */
  readonly evaluated: number;
  /** Of those: written (something changed), unchanged, stale (an older configuration than stored). */
  readonly written: number;
  readonly unchanged: number;
  readonly stale: number;
  /** Resources of types no rule reads, and calls that changed nothing: not evaluated. */
  readonly ignored: number;
  readonly transitions: readonly Transition[];
  /** Resources queued for re-evaluation because a resource their rules read changed. */
  readonly dependentsEnqueued: number;
}

/** Evaluate-and-record attempts when other writers keep moving the same resource. */
const MAX_ATTEMPTS = 5;
/** First pause after a conflict (doubled each time, jittered): another writer's few puts take milliseconds. */
const CONFLICT_PAUSE_MS = 10;
/** Well past the inventory index's propagation delay (DynamoDB GSIs: typically under a second). */
const RECHECK_DELAY_SECONDS = 30;

/**
 * Processes one evaluation-queue message: reads the resources it names at their current
 * configuration, evaluates them against the catalog with an inventory from the findings store,
 * records what changed, and queues the dependents of resources whose configuration changed.
 *
 * - Config change event: the item it carries; an oversized one is read from Config's history
 *   (GetResourceConfigHistory, laterTime = capture time).
 * - CloudTrail log-group call: the log group as it is now (read again, so the order in which
 *   calls arrive does not matter); absent = deleted.
 * - `evaluate` keys: from Config (`source: config`, the sweep and on-demand requests) or from
 *   the store (`source: store`, dependents, whose own configuration did not change).
 * - `observed` resources: as a collector read them.
 *
 * Dependents go through the queue rather than being evaluated inline: a change can reach every
 * function of a region (a new alarm), so inline work and its failure domain would grow with the
 * fan-out, and a failing dependent would replay the original event. Queued, each batch is
 * bounded, retried and dead-lettered on its own, for one SQS hop of latency.
 *
 * @throws MalformedMessageError when the body is not an evaluation message (permanent: dead-letter it).
 * @throws ItemNotYetInHistoryError, RecordConflictError, SDK errors: transient, let SQS retry.
 * @example
 * const result = await processEvaluationMessage(JSON.parse(record.body), deps);
 */
export async function processEvaluationMessage(body: unknown, deps: EvaluationDeps): Promise<ProcessResult> {
  const message = parseEvaluationMessage(body);
  const run = new EvaluationRun(deps, deps.now(), sweepIdOf(message));
  const { resources, ignored } = await resourcesOf(message, deps, run.now).catch((error: unknown) => {
    // An item Config served without the documented shape will not improve on a retry: dead-letter
    // the message with the field, as for a malformed body.
    if (isConfigItemError(error)) throw new MalformedMessageError(`configuration item ${error.field}`, error.message, { cause: error });
    throw error;
  });
  for (const resource of resources) await run.evaluateAndRecord(resource);
  const dependents = await run.enqueueDependents(correlationIdOf(message));
  return { message: message.kind, ...run.counts, ignored: ignored + run.counts.ignored, transitions: run.transitions, dependentsEnqueued: dependents };
}

async function resourcesOf(message: EvaluationMessage, deps: EvaluationDeps, now: Date): Promise<{ resources: AnyResource[]; ignored: number }> {
  switch (message.kind) {
    case 'config-change': {
      const { change } = message;
      if (change.kind === 'item') return { resources: [change.resource], ignored: 0 };
      // No Config call for a type no rule reads (the EventBridge rule may match more types).
      if (!relevantTypes(deps.catalog).has(change.key.resourceType)) return { resources: [], ignored: 1 };
      const item = await deps.configReader(change.key.accountId, change.key.region).getItemAt(change.key, change.captureTime);
      const wanted = change.configurationStateId;
      if (!item || (wanted !== undefined && item.configurationStateId !== undefined && item.configurationStateId < wanted)) {
        // Config's history lags its notifications; deletions may leave no item at all.
        if (!item && change.status && change.status !== ConfigItemStatus.OK && change.status !== ConfigItemStatus.ResourceDiscovered) {
          return { resources: [goneResource(change.key, now, { status: change.status, stateId: wanted })], ignored: 0 };
        }
        throw new ItemNotYetInHistoryError(label(change.key), wanted, item?.configurationStateId);
      }
      return { resources: [item], ignored: 0 };
    }
    case 'log-group-call': {
      if (message.errorCode) return { resources: [], ignored: 1 };
      return { resources: [await readLogGroup(message.key, deps, now)], ignored: 0 };
    }
    case 'evaluate':
      return { resources: await readKeys(message.keys, message.source, deps, now), ignored: 0 };
    case 'observed':
      return { resources: [...message.resources], ignored: 0 };
  }
}

async function readLogGroup(key: ResourceKey, deps: EvaluationDeps, now: Date): Promise<AnyResource> {
  if (!deps.logGroups) throw new Error(`no log group reader configured: cannot read log group ${key.resourceId} (deps.logGroups)`);
  const group = await deps.logGroups.collectOne({ accountId: key.accountId, region: key.region }, key.resourceId);
  return group ?? goneResource(key, now);
}

/**
 * Current configurations for keys. From Config, BatchGetResourceConfig answers 100 keys a call
 * but leaves out tags and relationships: an item whose configurationStateId equals the stored
 * one is the stored configuration (complete, and the common case of a sweep), the others are
 * completed by the reader (one advanced query per type). A key Config no longer has, but the
 * store holds live, was deleted.
 */
async function readKeys(keys: readonly ResourceKey[], source: EvaluationSource, deps: EvaluationDeps, now: Date): Promise<AnyResource[]> {
  const stored = new Map((await deps.store.getResources(keys)).map((r) => [resourceKeyString(r), r]));
  const out: AnyResource[] = [];
  const fromConfig: ResourceKey[] = [];
  for (const key of keys) {
    if (source === 'config' && key.resourceType === CollectedType.logGroup && deps.logGroups) {
      out.push(await readLogGroup(key, deps, now));
    } else if (source === 'config' && !NOT_RECORDED_BY_CONFIG.has(key.resourceType)) {
      fromConfig.push(key);
    } else {
      // Dependents, and what only collectors read: the stored copy (the account: synthesized when never collected).
      const resource = stored.get(resourceKeyString(key)) ?? (key.resourceType === ACCOUNT_RESOURCE_TYPE ? syntheticAccount(key) : undefined);
      if (resource) out.push(resource);
    }
  }
  for (const { scope, keys: scoped } of groupByScope(fromConfig)) {
    const reader = deps.configReader(scope.accountId, scope.region);
    // Matched by type and id: global resources (IAM) come back in region "global", whatever the
    // region that listed them, and are stored under it.
    const items = new Map((await reader.batchGet(scoped)).map((r) => [`${r.resourceType}|${r.resourceId}`, r]));
    const missing = [...items.values()].filter((item) => !stored.has(resourceKeyString(item)));
    for (const r of missing.length > 0 ? await deps.store.getResources(missing) : []) stored.set(resourceKeyString(r), r);
    const incomplete: AnyResource[] = [];
    for (const key of scoped) {
      const item = items.get(`${key.resourceType}|${key.resourceId}`);
      const known = stored.get(resourceKeyString(item ?? key));
      if (!item) {
        if (known && !isGone(known.status)) out.push(goneResource(key, now, { known }));
      } else if (known && known.configurationStateId === item.configurationStateId) {
        out.push(known);
      } else {
        incomplete.push(item);
      }
    }
    if (incomplete.length > 0) out.push(...(reader.completeItems ? await reader.completeItems(incomplete) : incomplete));
  }
  return out;
}

/** One message's evaluations: the inventory it loaded, the suppressions, the dependents found, the counts. */
class EvaluationRun {
  readonly now: Date;
  readonly counts = { evaluated: 0, written: 0, unchanged: 0, stale: 0, ignored: 0 };
  readonly transitions: Transition[] = [];
  private readonly deps: EvaluationDeps;
  private readonly relevant: ReadonlySet<string>;
  private readonly loaded = new Map<string, Promise<AnyResource[]>>();
  private readonly dependents = new Map<string, ResourceKey>();
  /** Changed resources whose rules read other resources: evaluated again after RECHECK_DELAY_SECONDS. */
  private readonly rechecks = new Map<string, ResourceKey>();
  private suppressions: Promise<Suppression[]> | undefined;
  /** The sweep this message belongs to: recorded on the findings it writes, passed on to its dependents. */
  private readonly sweepId: string | undefined;

  constructor(deps: EvaluationDeps, now: Date, sweepId: string | undefined) {
    this.deps = deps;
    this.now = now;
    this.sweepId = sweepId;
    this.relevant = relevantTypes(deps.catalog);
  }

  async evaluateAndRecord(resource: AnyResource): Promise<void> {
    const { catalog, params, store } = this.deps;
    if (!this.relevant.has(resource.resourceType)) {
      this.counts.ignored++;
      return;
    }
    const { rules, dependencyTypes } = typePlan(catalog, resource.resourceType);
    // What is evaluated: the resource, or, once it proved stale, the newer configuration stored.
    let subject = resource;
    let stale = false;
    for (let attempt = 1; ; attempt++) {
      const inventory = await this.inventory(subject, dependencyTypes);
      const suppressions = await (this.suppressions ??= store.listSuppressions());
      // A `vigil:exempt` tag without a date lasts 90 days from the finding's first sight: read
      // only for such resources (shared/domain/suppression.ts).
      const firstSeen = needsFirstSight(subject.tags) ? new Map((await store.getFindings(subject)).map((f) => [f.ruleId, f.firstSeenAt])) : undefined;
      // The type's rules only: the same evaluations, without setting up all the catalog's rules for one resource.
      const findings: FindingInput[] = evaluate([subject], rules, { now: this.now, params, inventory }).map((evaluation) => {
        // Only an open finding can be suppressed: marking compliant ones would rewrite them for nothing.
        if (evaluation.status !== 'NON_COMPLIANT') return { ...evaluation, suppression: undefined };
        const { suppression, note } = suppressionFor(suppressions, evaluation.ruleId, subject, this.now, firstSeen?.get(evaluation.ruleId));
        // An exemption tag that cannot be honoured fails open, and the alert says so.
        return { ...evaluation, suppression, ...(note ? { reason: `${evaluation.reason} (${note})`.slice(0, 256) } : {}) };
      });
      const outcome = await store.recordEvaluation({ resource: subject, findings, evaluatedAt: this.now, sweepId: this.sweepId });
      if (outcome.kind === 'conflict' || (outcome.kind === 'stale' && outcome.latest)) {
        if (attempt === MAX_ATTEMPTS) throw new RecordConflictError(label(resource), attempt);
        this.loaded.clear();
        if (outcome.kind === 'stale' && outcome.latest) {
          // Writes are per item: a writer of this older configuration that was overtaken (or
          // died) part way may have left findings of it under the newer one. Evaluating the newer
          // configuration as stored puts them right, and writes nothing when there is nothing to
          // put right. Its dependents were its own writer's to queue.
          stale = true;
          subject = outcome.latest;
        } else {
          // Another writer moved the items, or is writing a newer configuration: let it finish.
          await sleep(CONFLICT_PAUSE_MS * 2 ** (attempt - 1) * (0.5 + Math.random()));
        }
        continue;
      }
      this.counts.evaluated++;
      if (stale || outcome.kind === 'stale') {
        this.counts.stale++;
        if (outcome.kind === 'written') this.transitions.push(...outcome.transitions);
        return;
      }
      this.counts[outcome.kind]++;
      if (outcome.kind === 'written') {
        this.transitions.push(...outcome.transitions);
        if (outcome.resourceChanged) {
          await this.collectDependents(resource, outcome.previous);
          if (dependencyTypes.size > 0 && !isGone(resource.status)) this.rechecks.set(resourceKeyString(resource), keyOf(resource));
        }
      }
      return;
    }
  }

  async enqueueDependents(correlationId: string | undefined): Promise<number> {
    const keys = [...this.dependents.values()];
    if (keys.length > 0) await this.deps.queue.enqueue(keys, { source: 'store', correlationId, sweepId: this.sweepId });
    // The inventory is read from an index DynamoDB updates asynchronously (a GSI, typically within
    // a second). A function and its alarm created together (one stack) can each be evaluated
    // before the other is visible, and each miss the other as a dependent. Evaluating such a
    // resource again once the burst has settled closes that gap; steady state never gets here.
    const rechecks = [...this.rechecks.values()];
    if (rechecks.length > 0) await this.deps.queue.enqueue(rechecks, { source: 'store', correlationId, sweepId: this.sweepId, delaySeconds: RECHECK_DELAY_SECONDS });
    return keys.length;
  }

  /** Resources whose rules read `changed`'s type, as it is now and as it was (an alarm moved from one function to another). */
  private async collectDependents(changed: AnyResource, previous: AnyResource | undefined): Promise<void> {
    const { readers: rules, readersTypes: types } = typePlan(this.deps.catalog, changed.resourceType);
    if (rules.length === 0) return;
    const inventory = await this.inventory(changed, types);
    const self = resourceKeyString(changed);
    for (const version of previous ? [changed, previous] : [changed]) {
      for (const key of dependentsOf(version, this.deps.catalog, inventory)) {
        const id = resourceKeyString(key);
        if (id !== self) this.dependents.set(id, key);
      }
    }
  }

  /** The stored resources of `types` in the resource's account and region, with the resource itself as it is now. */
  private async inventory(resource: AnyResource, types: ReadonlySet<string>): Promise<InventoryView> {
    // The account pseudo-resource last, as its own key (it has no inventory listing).
    const listed = [...types].filter((type) => type !== ACCOUNT_RESOURCE_TYPE);
    const lists = await this.load({ accountId: resource.accountId, region: resource.region }, types.has(ACCOUNT_RESOURCE_TYPE) ? [...listed, ACCOUNT_RESOURCE_TYPE] : listed);
    const byKey = new Map<string, AnyResource>();
    for (const list of lists) for (const r of list) byKey.set(resourceKeyString(r), r);
    byKey.set(resourceKeyString(resource), resource);
    const all = [...byKey.values()];
    // Complete: the store holds this account's inventory as the sweep reconciles it (every type
    // the catalog reads, listed from Config and the collectors, deletions recorded), so a type
    // with no stored resource has none in the account. Until the first sweep has run it may still
    // be filling; the sweep re-evaluates everything once it has, so any early verdict is corrected.
    return buildInventory([...all, ...accountResources(all)], { complete: true });
  }

  /** The stored resources of each type (in the order given), read once per message. */
  private load(scope: { accountId: string; region: string }, types: readonly string[]): Promise<AnyResource[][]> {
    const id = (type: string): string => `${scope.accountId}#${scope.region}#${type}`;
    const missing = types.filter((type) => !this.loaded.has(id(type)));
    if (missing.length > 0) {
      const read = this.read(scope, missing);
      missing.forEach((type, i) => this.loaded.set(id(type), read.then((lists) => lists[i] ?? [])));
    }
    return Promise.all(types.map((type) => this.loaded.get(id(type)) ?? Promise.resolve([])));
  }

  /**
   * The keys of each type from the inventory index, then their items in one read: BatchGetItem
   * takes 100 keys a call whatever their type, so a rule reading three types costs one read
   * rather than three (each request is a round trip and a signature).
   */
  private async read(scope: { accountId: string; region: string }, types: readonly string[]): Promise<AnyResource[][]> {
    const keyLists = await Promise.all(
      types.map(async (resourceType): Promise<ResourceKey[]> => {
        if (resourceType === ACCOUNT_RESOURCE_TYPE) return [{ ...scope, resourceType, resourceId: scope.accountId }];
        const keys: ResourceKey[] = [];
        for await (const page of this.deps.store.listResourceKeys({ ...scope, resourceType })) keys.push(...page);
        return keys;
      }),
    );
    const byType = new Map<string, AnyResource[]>();
    for (const r of await this.deps.store.getResources(keyLists.flat())) {
      let list = byType.get(r.resourceType);
      if (!list) byType.set(r.resourceType, (list = []));
      list.push(r);
    }
    return types.map((type) => byType.get(type) ?? []);
  }
}

/** What one resource type's evaluations use from a catalog, worked out once per catalog and type (once per cold start). */
interface TypePlan {
  /** The rules of the type (the same array as rulesFor's). */
  readonly rules: readonly Rule[];
  /** The types those rules read from the inventory. */
  readonly dependencyTypes: ReadonlySet<string>;
  /** The rules that read this type (its dependents' rules), and every type those rules evaluate or read. */
  readonly readers: readonly Rule[];
  readonly readersTypes: ReadonlySet<string>;
}

const typePlans = new WeakMap<readonly Rule[], Map<string, TypePlan>>();

function typePlan(catalog: readonly Rule[], resourceType: string): TypePlan {
  let plans = typePlans.get(catalog);
  if (!plans) typePlans.set(catalog, (plans = new Map()));
  let plan = plans.get(resourceType);
  if (!plan) {
    const rules = rulesFor(catalog, resourceType);
    const readers = catalog.filter((rule) => rule.dependsOn?.includes(resourceType));
    plan = {
      rules,
      dependencyTypes: new Set(rules.flatMap((rule) => rule.dependsOn ?? [])),
      readers,
      readersTypes: new Set(readers.flatMap((rule) => [...rule.resourceTypes, ...(rule.dependsOn ?? [])])),
    };
    plans.set(resourceType, plan);
  }
  return plan;
}

/** What relevantTypes reads of a rule (the sweep passes the catalog's metadata, not its code). */
type RuleTypes = Pick<Rule, 'resourceTypes' | 'dependsOn'>;
const relevantCache = new WeakMap<readonly RuleTypes[], ReadonlySet<string>>();

/** Types a catalog evaluates or reads: the only ones worth storing. */
export function relevantTypes(catalog: readonly RuleTypes[]): ReadonlySet<string> {
  let types = relevantCache.get(catalog);
  if (!types) {
    types = new Set(catalog.flatMap((rule) => [...rule.resourceTypes, ...(rule.dependsOn ?? [])]));
    relevantCache.set(catalog, types);
  }
  return types;
}

/** The account pseudo-resource before any collector described it (as accountResources synthesizes it). */
function syntheticAccount(key: ResourceKey): AnyResource {
  return { ...key, resourceName: undefined, status: ConfigItemStatus.OK, tags: {}, relationships: [], model: {} };
}

function groupByScope(keys: readonly ResourceKey[]): { scope: { accountId: string; region: string }; keys: ResourceKey[] }[] {
  const byScope = new Map<string, { scope: { accountId: string; region: string }; keys: ResourceKey[] }>();
  for (const key of keys) {
    const id = `${key.accountId}#${key.region}`;
    let group = byScope.get(id);
    if (!group) byScope.set(id, (group = { scope: { accountId: key.accountId, region: key.region }, keys: [] }));
    group.keys.push(key);
  }
  return [...byScope.values()];
}

function keyOf({ accountId, region, resourceType, resourceId }: ResourceKey): ResourceKey {
  return { accountId, region, resourceType, resourceId };
}

function correlationIdOf(message: EvaluationMessage): string | undefined {
  return 'eventId' in message ? message.eventId : message.correlationId;
}

function sweepIdOf(message: EvaluationMessage): string | undefined {
  return message.kind === 'evaluate' || message.kind === 'observed' ? message.sweepId : undefined;
}

function label(key: ResourceKey): string {
  return `${key.resourceType} ${key.resourceId} (${key.accountId}/${key.region})`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
