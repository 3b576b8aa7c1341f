/**
 * The ports use-cases depend on. Adapters in shared/adapters implement them with the AWS SDK v3
 * (or HTTP) and export the IAM actions they need, so serverless.yml grants only those.
 */
import type { Finding, FindingInput, Transition } from '../domain/finding.ts';
import type { AnyResource, ResourceKey } from '../domain/resource.ts';
import type { Suppression } from '../domain/suppression.ts';

/** Reads AWS Config's inventory for one account and region. */
export interface ConfigReader {
  /**
   * The configuration item current at `captureTime` (GetResourceConfigHistory with
   * laterTime = captureTime, limit 1): how oversized notifications are completed.
   * Undefined when Config has no item for the resource.
   */
  getItemAt(key: ResourceKey, captureTime?: string): Promise<AnyResource | undefined>;
  /** Keys of every discovered resource of the given types (ListDiscoveredResources, all pages), page by page. */
  listResourceKeys(resourceTypes: readonly string[]): AsyncIterable<readonly ResourceKey[]>;
  /** Current items for keys (BatchGetResourceConfig, 100 keys a call; unprocessed keys retried). */
  batchGet(keys: readonly ResourceKey[]): Promise<AnyResource[]>;
  /**
   * batchGet's items with their tags and relationships, which BatchGetResourceConfig leaves out
   * (SelectResourceConfig); items it cannot complete come back unchanged.
   */
  completeItems?(items: readonly AnyResource[]): Promise<AnyResource[]>;
}

/**
 * Reads what AWS Config does not record (log groups, the IAM credential report, WAF
 * associations, the account summary) and returns it as normalized resources, in the same models
 * rules read. One collector per source.
 */
export interface Collector {
  readonly name: string;
  /** IAM actions the collector calls, e.g. `logs:DescribeLogGroups`. */
  readonly iamActions: readonly string[];
  /**
   * The resource types it emits, when it always returns every resource of them: the sweep then
   * resolves the stored resources of these types a collection no longer returns.
   */
  readonly resourceTypes?: readonly string[];
  /**
   * The collected resources; also Config resources completed with what Config does not record
   * (Lambda functions with their on-failure destinations), whose keys make them replace Config's.
   */
  collect(scope: { readonly accountId: string; readonly region: string }): Promise<AnyResource[]>;
}

/** What recording one resource's evaluation came to. */
export type RecordOutcome =
  /**
   * The store holds a newer configuration of the resource (higher configurationStateId): nothing
   * written. `latest` is that configuration: evaluating and recording it completes what a writer
   * interrupted or overtaken part way may have left (and writes nothing when the findings agree).
   */
  | { readonly kind: 'stale'; readonly storedStateId: number; readonly latest?: AnyResource | undefined }
  /** Same configuration, same verdicts: nothing written. */
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'written';
      /** The resource item was written: a new configuration, or the resource seen for the first time. */
      readonly resourceChanged: boolean;
      /** The resource as stored before this write (undefined when first seen). */
      readonly previous: AnyResource | undefined;
      readonly transitions: readonly Transition[];
    }
  /**
   * Another writer changed the resource or its findings meanwhile, or is writing a newer
   * configuration right now: re-read, re-evaluate, record again (after a short pause).
   */
  | { readonly kind: 'conflict' };

export interface RecordEvaluationInput {
  readonly resource: AnyResource;
  /** Every evaluation of the resource against the catalog (findings of rules absent here are resolved). */
  readonly findings: readonly FindingInput[];
  readonly evaluatedAt: Date;
}

/**
 * The findings store (DESIGN §4): per resource, its latest normalized configuration, one finding
 * per rule, and one history item per transition.
 */
export interface FindingsStore {
  /**
   * Writes what changed and nothing else: the resource item when its configuration is newer, the
   * findings whose status, severity, reason or suppression changed, and a history item per
   * transition. Each item is written on its own (no transaction), in an order that lets a retry
   * complete an interrupted write. Ordering by configurationStateId is enforced by the store's
   * conditions.
   */
  recordEvaluation(input: RecordEvaluationInput): Promise<RecordOutcome>;
  /** Stored resources for keys (absent keys are left out). */
  getResources(keys: readonly ResourceKey[]): Promise<AnyResource[]>;
  /** Live stored resources of a type in an account and region (global resources included). */
  listResources(scope: InventoryScope): Promise<AnyResource[]>;
  /** Keys of the live stored resources of a type in an account and region, page by page. */
  listResourceKeys(scope: InventoryScope): AsyncIterable<readonly ResourceKey[]>;
  /** The findings recorded for a resource. */
  getFindings(key: ResourceKey): Promise<Finding[]>;
  listSuppressions(): Promise<Suppression[]>;
  putSuppression(suppression: Suppression): Promise<void>;
  deleteSuppression(id: string): Promise<void>;
}

export interface InventoryScope {
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
}

/** Where an evaluation reads a resource's current configuration. */
export type EvaluationSource =
  /** AWS Config (or the collector of a type Config does not record): the sweep, on-demand evaluations. */
  | 'config'
  /** The findings store's copy: dependents, whose own configuration did not change. */
  | 'store';

/** The SQS evaluation queue every producer feeds (Vigil's own messages; EventBridge sends its events directly). */
export interface EvaluationQueue {
  /** Sends `{"kind":"evaluate","keys":[…],"source","correlationId"}` messages, at most 100 keys each. */
  enqueue(keys: readonly ResourceKey[], options?: EnqueueOptions): Promise<void>;
  /**
   * Sends resources a collector has just read (`{"kind":"observed","resources":[…]}`), so they
   * are evaluated without being read again.
   */
  enqueueObserved(resources: readonly AnyResource[], options?: Pick<EnqueueOptions, 'correlationId'>): Promise<void>;
}

export interface EnqueueOptions {
  /** Default `config`. */
  readonly source?: EvaluationSource;
  /** Ties the messages to what caused them in the logs (the event id of a change, the sweep's id). */
  readonly correlationId?: string | undefined;
  /** Delivers the messages this many seconds later (SQS DelaySeconds, at most 900). */
  readonly delaySeconds?: number;
}

/** Reads one log group by name: the CloudTrail fast path (shared/adapters/collectors/log-groups.ts). */
export interface LogGroupReader {
  /** The log group as a resource; undefined when it does not exist. */
  collectOne(scope: { readonly accountId: string; readonly region: string }, logGroupName: string): Promise<AnyResource | undefined>;
}

/** The heartbeats GET /health reports: the last sweep that went through every unit, the last alert delivered. */
export const HeartbeatKind = { sweep: 'sweep', alert: 'alert' } as const;
export type HeartbeatKind = (typeof HeartbeatKind)[keyof typeof HeartbeatKind];

/**
 * Records when the sweep and the alert senders last did their job (read back by the api's
 * `Heartbeats`). One write per invocation, never one per resource or alert.
 */
export interface HeartbeatRecorder {
  /**
   * Moves the heartbeat to `at`, only forward: invocations run side by side and finish in any
   * order, so an older time than the recorded one changes nothing (and is no error).
   */
  record(kind: HeartbeatKind, at: Date): Promise<void>;
}
