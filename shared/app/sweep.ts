import { randomUUID } from 'node:crypto';
import { NOT_RECORDED_BY_CONFIG } from '../domain/collected-types.ts';
import { ACCOUNT_RESOURCE_TYPE, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import type { RuleScope } from '../rules/rule.ts';
import { goneResource } from './gone-resource.ts';
import { recordHeartbeat } from './heartbeat.ts';
import { HeartbeatKind, type Collector, type ConfigReader, type EvaluationQueue, type FindingsStore, type HeartbeatRecorder } from './ports.ts';
import { relevantTypes } from './process-evaluation-message.ts';

export interface SweepDeps {
  /** The account and region this deployment watches. */
  readonly accountId: string;
  readonly region: string;
  /** Config's keys of each type; the sweep reads nothing else of Config (the evaluate function reads the items). */
  readonly configReader: Pick<ConfigReader, 'listResourceKeys'>;
  /** Readers of what Config does not record (log groups, the credential report, the account summary). */
  readonly collectors?: readonly Collector[];
  readonly store: FindingsStore;
  readonly queue: EvaluationQueue;
  readonly catalog: readonly RuleScope[];
  readonly now?: () => Date;
  /** Types to sweep: default, every type the catalog evaluates or reads (see timeBasedResourceTypes). */
  readonly resourceTypes?: readonly string[];
  /** Milliseconds left in the invocation (Lambda's context.getRemainingTimeInMillis); default unbounded. */
  readonly remainingTimeMs?: () => number;
  /**
   * Where a sweep leaves the time it finished, for GET /health: only a sweep that went through
   * every unit without a failure (the last invocation of a continued one). Absent: not recorded.
   */
  readonly heartbeats?: HeartbeatRecorder | undefined;
}

/** Where an interrupted sweep resumes: the units not yet done. */
export interface SweepCursor {
  readonly sweepId: string;
  readonly pending: readonly string[];
  /** Units that failed in the sweep's earlier invocations (the last one then records no heartbeat). */
  readonly failed?: number | undefined;
}

export interface SweepSummary {
  readonly sweepId: string;
  /** False when the time budget ran out: `cursor` resumes it. */
  readonly complete: boolean;
  readonly cursor?: SweepCursor | undefined;
  /** Keys listed by Config and queued for evaluation. */
  readonly listed: number;
  /** Resources read by collectors and queued with their configuration. */
  readonly collected: number;
  /** Stored resources no longer listed or collected, queued to be resolved. */
  readonly vanished: number;
  /** Units (a resource type, a collector) that failed; the others went on. */
  readonly failures: readonly { readonly unit: string; readonly message: string }[];
  readonly durationMs: number;
  /** Why the sweep heartbeat could not be recorded (the sweep itself is done). */
  readonly heartbeatError?: string | undefined;
}

/**
 * The longest unit: 100,000 keys of one type are ~1,000 ListDiscoveredResources pages and 100
 * SendMessageBatch calls, about two minutes at Config's throttled rate. A unit starts only with
 * at least this much time left.
 */
const UNIT_RESERVE_MS = 180_000;
/** Keys sent per enqueue call: 10 messages of 100 keys, one SendMessageBatch. */
const ENQUEUE_CHUNK = 1_000;

/**
 * The full reconcile (DESIGN §1, §9): lists the inventory through the Config API and the
 * collectors and queues every resource for evaluation (which re-runs the time-based rules and
 * catches changes whose events were lost: EventBridge delivers Config events best effort), and
 * queues the stored resources that are no longer there, so their findings resolve.
 *
 * It fans out and does not evaluate: the sweep only lists and sends, 100 keys a message and 10
 * messages a call, and the evaluate function's concurrency does the work. Listing 100,000
 * resources is ~1,000 Config calls and ~100 SendMessageBatch calls, a few minutes in one
 * invocation. The work is split in units (one Config type, one collector, the account) and a
 * unit starts only with UNIT_RESERVE_MS left; when the budget runs out, the summary's cursor
 * resumes the sweep (the handler passes it back, e.g. in an asynchronous self-invocation).
 *
 * @example
 * const summary = await runSweep({ accountId, region, configReader, collectors, store, queue, catalog });
 */
export async function runSweep(deps: SweepDeps, options: { readonly cursor?: SweepCursor } = {}): Promise<SweepSummary> {
  const started = performance.now();
  const now = deps.now ?? (() => new Date());
  const sweepId = options.cursor?.sweepId ?? randomUUID();
  const pending = [...(options.cursor?.pending ?? sweepUnits(deps))];
  const scope = { accountId: deps.accountId, region: deps.region };
  const counts = { listed: 0, collected: 0, vanished: 0 };
  const failures: { unit: string; message: string }[] = [];
  const failedBefore = options.cursor?.failed ?? 0;

  while (pending.length > 0) {
    if (deps.remainingTimeMs && deps.remainingTimeMs() < UNIT_RESERVE_MS) {
      const failed = failedBefore + failures.length;
      return summary(false, { sweepId, pending: [...pending], ...(failed > 0 ? { failed } : {}) });
    }
    const unit = pending.shift() ?? '';
    try {
      const [kind, name = ''] = splitUnit(unit);
      if (kind === 'config') await sweepConfigType(name);
      else if (kind === 'collector') await sweepCollector(name);
      else await deps.queue.enqueue([{ ...scope, resourceType: ACCOUNT_RESOURCE_TYPE, resourceId: deps.accountId }], { source: 'store', correlationId: sweepId, sweepId });
    } catch (error) {
      failures.push({ unit, message: error instanceof Error ? error.message : String(error) });
    }
  }
  // A sweep with failed units is not a sweep done: Lambda retries it, and /health keeps the last good one.
  const heartbeatError = failedBefore + failures.length === 0 ? await recordHeartbeat(deps.heartbeats, HeartbeatKind.sweep, now()) : undefined;
  return { ...summary(true, undefined), ...(heartbeatError ? { heartbeatError } : {}) };

  async function sweepConfigType(resourceType: string): Promise<void> {
    const listed = new Set<string>();
    let buffer: ResourceKey[] = [];
    const flush = async (): Promise<void> => {
      if (buffer.length > 0) await deps.queue.enqueue(buffer, { source: 'config', correlationId: sweepId, sweepId });
      buffer = [];
    };
    for await (const page of deps.configReader.listResourceKeys([resourceType])) {
      for (const key of page) {
        listed.add(key.resourceId);
        buffer.push({ ...scope, resourceType, resourceId: key.resourceId });
      }
      if (buffer.length >= ENQUEUE_CHUNK) await flush();
    }
    await flush();
    counts.listed += listed.size;
    // Evaluated from Config too: a key BatchGetResourceConfig no longer answers is recorded deleted.
    const vanished = await storedKeysNotIn({ ...scope, resourceType }, listed);
    if (vanished.length > 0) await deps.queue.enqueue(vanished, { source: 'config', correlationId: sweepId, sweepId });
    counts.vanished += vanished.length;
  }

  async function sweepCollector(name: string): Promise<void> {
    const collector = deps.collectors?.find((c) => c.name === name);
    if (!collector) throw new Error(`no collector named "${name}"`);
    const resources = await collector.collect(scope);
    await deps.queue.enqueueObserved(resources, { correlationId: sweepId, sweepId });
    counts.collected += resources.length;
    // Only a collector that answers for whole types can say a resource is gone.
    const foundAt = now();
    const gone: AnyResource[] = [];
    for (const resourceType of collector.resourceTypes ?? []) {
      const seen = new Set(resources.filter((r) => r.resourceType === resourceType).map((r) => r.resourceId));
      for (const key of await storedKeysNotIn({ ...scope, resourceType }, seen)) gone.push(goneResource(key, foundAt));
    }
    if (gone.length > 0) await deps.queue.enqueueObserved(gone, { correlationId: sweepId, sweepId });
    counts.vanished += gone.length;
  }

  async function storedKeysNotIn(inventoryScope: { accountId: string; region: string; resourceType: string }, present: ReadonlySet<string>): Promise<ResourceKey[]> {
    const out: ResourceKey[] = [];
    for await (const page of deps.store.listResourceKeys(inventoryScope)) {
      // Global resources (IAM) are listed under their own region: judge only this region's.
      for (const key of page) if (key.region === inventoryScope.region && !present.has(key.resourceId)) out.push(key);
    }
    return out;
  }

  function summary(complete: boolean, cursor: SweepCursor | undefined): SweepSummary {
    return { sweepId, complete, cursor, ...counts, failures, durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * The sweep's units of work: each Config type of the catalog, each collector, then the account
 * pseudo-resource (account-level rules re-read the fresh inventory).
 */
function sweepUnits(deps: SweepDeps): string[] {
  const types = deps.resourceTypes ?? [...relevantTypes(deps.catalog)].sort();
  const units = types.filter((t) => !NOT_RECORDED_BY_CONFIG.has(t)).map((t) => `config:${t}`);
  const collected = new Set(types.filter((t) => NOT_RECORDED_BY_CONFIG.has(t)));
  for (const collector of deps.collectors ?? []) {
    // A collector of types the sweep does not cover has nothing to do (a time-based-only sweep).
    if (!collector.resourceTypes || collector.resourceTypes.some((t) => collected.has(t))) units.push(`collector:${collector.name}`);
  }
  if (deps.catalog.some((rule) => rule.resourceTypes.includes(ACCOUNT_RESOURCE_TYPE)) && collected.has(ACCOUNT_RESOURCE_TYPE)) units.push('account');
  return units;
}

function splitUnit(unit: string): [string, string | undefined] {
  const at = unit.indexOf(':');
  return at < 0 ? [unit, undefined] : [unit.slice(0, at), unit.slice(at + 1)];
}

/**
 * Types with a time-based rule (certificate expiry, rotation age) and the types those rules read:
 * what a frequent, light sweep re-evaluates between full ones.
 *
 * @example
 * await runSweep({ ...deps, resourceTypes: timeBasedResourceTypes(catalog) });
 */
export function timeBasedResourceTypes(catalog: readonly RuleScope[]): string[] {
  const types = new Set<string>();
  for (const rule of catalog.filter((r) => r.timeBased)) for (const t of [...rule.resourceTypes, ...(rule.dependsOn ?? [])]) types.add(t);
  return [...types].sort();
}
