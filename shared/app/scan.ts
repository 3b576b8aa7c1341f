import { gunzipSync } from 'node:zlib';
import { compareVersions, type ItemVersion } from '../config-items/current.ts';
import { isObject, tryJson } from '../config-items/decode.ts';
import { SnapshotError } from '../config-items/errors.ts';
import { ItemSplitter, SplitError } from '../config-items/item-splitter.ts';
import { normalizeItem, type SnapshotForm } from '../config-items/snapshot.ts';
import type { Evaluation, EvaluationStatus } from '../domain/evaluation.ts';
import { ACCOUNT_RESOURCE_TYPE, resourceKeyString, type AnyResource } from '../domain/resource.ts';
import { SEVERITIES, type Severity, atOrAbove } from '../domain/severity.ts';
import { createEvaluator, dependencyTypes, skippedRules, type Evaluator, type SkippedRules } from '../engine/evaluate.ts';
import { createUnreadTypeTally, typesReadBy, type UnreadTypes } from '../config-items/unread-types.ts';
import { accountResources, buildInventory } from '../engine/inventory.ts';
import { resolveParams, type ParamOverrides } from '../engine/params.ts';
import type { Rule } from '../rules/rule.ts';

export interface ScanSummary {
  readonly resources: number;
  readonly rules: number;
  readonly evaluations: number;
  readonly byStatus: Readonly<Record<EvaluationStatus, number>>;
  /** NON_COMPLIANT evaluations per severity. */
  readonly nonCompliantBySeverity: Readonly<Record<Severity, number>>;
  /** Older versions of a resource dropped in favour of its newest item (0 when none). */
  readonly droppedVersions: number;
  /** Rules not evaluated at all, and why (account-level rules on a partial inventory). */
  readonly skipped?: SkippedRules | undefined;
  /** Items of types no rule reads, by type (a mis-cased type with the spelling it matches). */
  readonly unreadTypes?: UnreadTypes | undefined;
}

export interface ScanReport {
  readonly summary: ScanSummary;
  readonly evaluations: readonly Evaluation[];
}

export interface ScanOptions {
  readonly now: Date;
  readonly params?: ParamOverrides;
  /**
   * The input is a whole account (InventoryView.complete): account-level rules run, and
   * cross-resource rules take a missing type as missing resources. Default: true for a Config
   * snapshot file only (the form finish() is told); scanResources: false (the live read passes true).
   */
  readonly complete?: boolean;
  /** Where account-wide rules run, once per account (EvaluateOptions.homeRegion). */
  readonly homeRegion?: string | undefined;
  /**
   * Types some rule of the whole catalog reads, when `catalog` is a selection (`--rules`): their
   * items are skipped unreported, since a rule the user left out reads them. Default: the types
   * the selected rules read, so every other type is reported.
   */
  readonly knownTypes?: ReadonlySet<string> | undefined;
}

/** Where a streaming scan hands each final evaluation (a formatter, a collector). */
export type EvaluationSink = (evaluation: Evaluation) => void;

/** A resource type as AWS spells them; anything else is normalized so the normalizer names the problem. */
const WELL_FORMED_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/;

/** At most this many input errors are kept (all are counted). */
export const MAX_INPUT_ERRORS = 20;

/**
 * Evaluations are held back this long (in evaluations, about 350 items of a typical account)
 * before they are handed on, so that an older version of a resource listed just before its newer
 * one (a resource's history, oldest first) can still be withdrawn. Kept short on purpose: an
 * evaluation held across garbage collections is copied and promoted, and a longer hold cost a
 * large scan about 6% of its CPU; anything listed further apart is refused with a clear error.
 */
const HOLD_BACK = 2_000;

/** The input errors of a file: every one up to MAX_INPUT_ERRORS, each naming the item and the field. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';
  readonly errors: readonly SnapshotError[];
  readonly total: number;
  constructor(errors: readonly SnapshotError[], total: number) {
    const more = total > errors.length ? `\n… and ${total - errors.length} more input errors` : '';
    super(`${errors.map((e) => e.message).join('\n')}${more}`);
    this.errors = errors;
    this.total = total;
  }
}

export function isInputErrors(error: unknown): error is InputErrors {
  return error instanceof InputErrors;
}

/** One scan fed item by item (see createScan). */
export interface StreamingScan {
  /** A parsed configuration item, with its 0-based index in the input. */
  item(raw: unknown, index: number): void;
  /**
   * Two passes over a large file (bounded memory): the first feeds only the items of the types
   * rules read from the inventory (preloadWants decides which to parse), then beginMainPass; the
   * second feeds every item as usual and nothing but the account pseudo-resources waits.
   */
  preloadWants(resourceType: string): boolean;
  preload(raw: unknown): void;
  beginMainPass(form: SnapshotForm): void;
  /** An already normalized resource (a live read). */
  resource(resource: AnyResource, index: number): void;
  /** An item whose bytes are not JSON. */
  badItem(error: SnapshotError): void;
  /** Whether items of this type need to be parsed at all (false: no selected rule reads them). */
  wants(resourceType: string): boolean;
  /** False when every item must be parsed anyway (account-level rules need every item's scope). */
  readonly mayskip: boolean;
  /** An item left unparsed because no selected rule reads its type. */
  skipped(resourceType: string, index: number): void;
  /**
   * Evaluates what had to wait for the whole input (cross-resource and account-level rules),
   * hands on every held evaluation and returns the summary.
   *
   * @param form how the input held its items; a Config snapshot file is a complete inventory
   *   unless ScanOptions.complete says otherwise.
   * @throws InputErrors when any item was unreadable (nothing more is handed on after the first).
   */
  finish(form?: SnapshotForm): ScanSummary;
}

/**
 * A scan in one pass over items as they are read, holding only what must wait:
 *
 * - items of the types some rule reads from the inventory (`dependsOn`: alarms, queues, backup
 *   selections, …) are kept, normalized, for the inventory;
 * - items of the types whose rules read that inventory (and the account pseudo-resources) are
 *   kept and evaluated at the end, once the inventory is complete;
 * - every other item is normalized, evaluated and let go at once; its evaluations go to `sink`.
 *
 * Only the newest item of a resource is judged (see compareVersions); older ones are counted in
 * `droppedVersions`. Items of types no rule reads are not normalized. Input errors are collected
 * (the first MAX_INPUT_ERRORS) and reported together by finish().
 *
 * @throws ParamError when a parameter override is unknown or invalid.
 * @example
 * const scan = createScan(catalog, { now }, 'snapshot.json', (e) => write(e));
 * for (const [i, item] of items.entries()) scan.item(item, i);
 * const summary = scan.finish();
 */
export function createScan(catalog: readonly Rule[], options: ScanOptions, fileName: string, sink: EvaluationSink): StreamingScan {
  const params = resolveParams(catalog, options.params);
  const inventoryTypes = new Set(dependencyTypes(catalog));
  inventoryTypes.add(ACCOUNT_RESOURCE_TYPE);
  const deferredTypes = new Set<string>([ACCOUNT_RESOURCE_TYPE]);
  const readTypes = new Set<string>(inventoryTypes);
  for (const rule of catalog) {
    for (const type of rule.resourceTypes) {
      readTypes.add(type);
      if (rule.dependsOn?.length) deferredTypes.add(type);
    }
  }
  // Account-level rules need every (account, region) of the input, so then every item is parsed.
  const unreadTally = createUnreadTypeTally(typesReadBy(catalog), options.knownTypes);
  const needsScopes = catalog.some((r) => r.resourceTypes.includes(ACCOUNT_RESOURCE_TYPE));
  /** Items of this type are counted but not normalized: no selected rule reads them. */
  const unread = (type: string): boolean => !readTypes.has(type) && WELL_FORMED_TYPE.test(type);
  let immediate: Evaluator = createEvaluator(catalog, { now: options.now, params, inventory: buildInventory([]) });
  /** Set by beginMainPass: the inventory was read in a first pass, so nothing but accounts waits. */
  let preloaded = false;

  // Keyed by the resource's Version (one object per resource, see current).
  const inventory = new Map<Version, AnyResource>();
  const deferred = new Map<Version, AnyResource>();
  /** The inventory read by a first pass (preload), by resource key. */
  const preloadedInventory = new Map<string, AnyResource>();
  const scopes = new Map<string, Pick<AnyResource, 'accountId' | 'region' | 'resourceType'>>();
  /**
   * Resource id → the current item of the resource (or of each resource: account
   * pseudo-resources of several regions share an id). By id rather than by a key string built per
   * item: the id is already a string, and 100,000 keys built, hashed and kept were a few percent
   * of a large scan.
   */
  const current = new Map<string, Version | Version[]>();
  const errors: SnapshotError[] = [];
  let errorCount = 0;
  let items = 0;
  let dropped = 0;
  let outOfOrder: SnapshotError | undefined;

  // Held-back evaluations and the item each came from.
  let held: Evaluation[] = [];
  let heldFrom: number[] = [];
  let committedThrough = -1;
  const byStatus: Record<EvaluationStatus, number> = { COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0, ERROR: 0 };
  const nonCompliantBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let evaluations = 0;

  const handOn = (e: Evaluation): void => {
    byStatus[e.status]++;
    if (e.status === 'NON_COMPLIANT') nonCompliantBySeverity[e.severity]++;
    evaluations++;
    sink(e);
  };

  const commit = (): void => {
    if (errorCount === 0) for (const e of held) handOn(e);
    if (heldFrom.length > 0) committedThrough = Math.max(committedThrough, heldFrom[heldFrom.length - 1] ?? -1);
    held = [];
    heldFrom = [];
  };

  const addError = (error: SnapshotError): void => {
    errorCount++;
    if (errors.length < MAX_INPUT_ERRORS) errors.push(error);
  };

  let lastAccount: unknown;
  let lastRegion: unknown;
  const addScope = (accountId: unknown, region: unknown, resourceType: unknown): void => {
    if (typeof accountId !== 'string' || typeof region !== 'string' || typeof resourceType !== 'string') return;
    const isAccount = resourceType === ACCOUNT_RESOURCE_TYPE;
    // Most items are of the scope the previous one was.
    if (!isAccount) {
      if (accountId === lastAccount && region === lastRegion) return;
      lastAccount = accountId;
      lastRegion = region;
    }
    const key = `${accountId}#${region}#${isAccount ? 'a' : ''}`;
    if (!scopes.has(key)) scopes.set(key, { accountId, region, resourceType: isAccount ? resourceType : '' });
  };

  /**
   * The resource's Version when `resource` (item `index`) is its current version so far (and
   * withdraws an older one's evaluations); undefined when an item seen before is newer.
   */
  const currentVersion = (resource: AnyResource, index: number): Version | undefined => {
    const id = resource.resourceId;
    const found = current.get(id);
    const seen = found === undefined ? undefined : Array.isArray(found) ? found.find((v) => isVersionOf(v, resource)) : isVersionOf(found, resource) ? found : undefined;
    if (seen === undefined) {
      const version: Version = {
        accountId: resource.accountId,
        region: resource.region,
        resourceType: resource.resourceType,
        index,
        configurationStateId: resource.configurationStateId,
        captureTime: resource.captureTime,
      };
      if (found === undefined) current.set(id, version);
      else if (Array.isArray(found)) found.push(version);
      else current.set(id, [found, version]);
      return version;
    }
    dropped++;
    if (compareVersions(resource, seen) <= 0) return undefined;
    // A newer version after an older one: withdraw the older one's evaluations if still held.
    const seenIndex = seen.index;
    seen.index = index;
    seen.configurationStateId = resource.configurationStateId;
    seen.captureTime = resource.captureTime;
    const evaluatedAtOnce = !deferredTypes.has(resource.resourceType) || (preloaded && resource.resourceType !== ACCOUNT_RESOURCE_TYPE);
    if (seenIndex <= committedThrough && evaluatedAtOnce) {
      outOfOrder ??= new SnapshotError(
        fileName,
        index,
        undefined,
        `a newer version of ${resource.resourceType} ${resource.resourceId} than item ${seenIndex}, whose evaluations were already written; list each resource's versions newest first (as GetResourceConfigHistory does)`,
      );
      return seen;
    }
    const keep = heldFrom.map((from) => from !== seenIndex);
    held = held.filter((_, i) => keep[i]);
    heldFrom = heldFrom.filter((_, i) => keep[i]);
    return seen;
  };

  const accept = (resource: AnyResource, index: number): void => {
    const type = resource.resourceType;
    addScope(resource.accountId, resource.region, type);
    if (!readTypes.has(type)) return;
    const version = currentVersion(resource, index);
    if (version === undefined) return;
    if (inventoryTypes.has(type) && !preloaded) inventory.set(version, resource);
    if (deferredTypes.has(type) && (!preloaded || type === ACCOUNT_RESOURCE_TYPE)) {
      deferred.set(version, resource);
      return;
    }
    if (errorCount > 0) return;
    const before = held.length;
    immediate(resource, held);
    for (let i = before; i < held.length; i++) heldFrom.push(index);
    if (held.length >= HOLD_BACK) commit();
  };

  return {
    item(value, index) {
      items++;
      // SelectResourceConfig returns each row as a JSON string.
      const raw = typeof value === 'string' && value.startsWith('{') ? (tryJson(value) ?? value) : value;
      if (isObject(raw)) {
        const type = raw['resourceType'];
        if (typeof type === 'string') unreadTally.add(type);
        if (typeof type === 'string' && unread(type)) {
          addScope(raw['awsAccountId'] ?? raw['accountId'], raw['awsRegion'], type);
          return;
        }
      }
      let resource: AnyResource;
      try {
        resource = normalizeItem(raw, index, fileName);
      } catch (error) {
        if (error instanceof SnapshotError) {
          addError(error);
          return;
        }
        throw error;
      }
      accept(resource, index);
    },
    preloadWants(type) {
      return inventoryTypes.has(type) || !WELL_FORMED_TYPE.test(type);
    },
    preload(value) {
      const raw = typeof value === 'string' && value.startsWith('{') ? (tryJson(value) ?? value) : value;
      if (!isObject(raw) || typeof raw['resourceType'] !== 'string' || !inventoryTypes.has(raw['resourceType'])) return;
      let resource: AnyResource;
      try {
        resource = normalizeItem(raw, 0, fileName);
      } catch {
        return; // reported, with its item number, by the main pass
      }
      const key = resourceKeyString(resource);
      const seen = preloadedInventory.get(key);
      if (seen === undefined || compareVersions(resource, seen) > 0) preloadedInventory.set(key, resource);
    },
    beginMainPass(form) {
      preloaded = true;
      const complete = options.complete ?? form === 'config-snapshot';
      immediate = createEvaluator(catalog, {
        now: options.now,
        params,
        inventory: buildInventory(preloadedInventory.values(), { complete }),
        homeRegion: options.homeRegion,
      });
    },
    resource(resource, index) {
      items++;
      unreadTally.add(resource.resourceType);
      accept(resource, index);
    },
    badItem(error) {
      items++;
      addError(error);
    },
    wants(type) {
      return needsScopes || !unread(type);
    },
    mayskip: !needsScopes,
    skipped(type) {
      items++;
      unreadTally.add(type);
    },
    finish(form) {
      if (errorCount > 0) throw new InputErrors(errors, errorCount);
      commit();
      const accounts = accountResources([...scopes.values()]);
      const complete = options.complete ?? form === 'config-snapshot';
      // One of the two is empty: the inventory was read in a first pass, or along the way.
      const view = buildInventory([...inventory.values(), ...preloadedInventory.values(), ...accounts], { complete });
      const late = createEvaluator(catalog, { now: options.now, params, inventory: view, homeRegion: options.homeRegion });
      // No item comes after these, so nothing can withdraw their evaluations: each resource's are
      // handed on at once rather than held (an evaluation held across garbage collections is
      // copied and promoted).
      const out: Evaluation[] = [];
      const lateOne = (resource: AnyResource): void => {
        late(resource, out);
        for (const e of out) handOn(e);
        out.length = 0;
      };
      for (const resource of deferred.values()) lateOne(resource);
      for (const account of accounts) lateOne(account);
      if (outOfOrder) throw new InputErrors([outOfOrder], 1);
      return {
        resources: items - dropped,
        rules: catalog.length,
        evaluations,
        byStatus,
        nonCompliantBySeverity,
        droppedVersions: dropped,
        skipped: skippedRules(catalog, view),
        unreadTypes: unreadTally.result(),
      };
    },
  };
}

/**
 * What the scan keeps of every resource's current item, to recognise an older or newer one: which
 * resource it is, and the item (updated in place when a newer item of it comes).
 */
interface Version extends ItemVersion {
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
  index: number;
  configurationStateId?: number | undefined;
  captureTime?: string | undefined;
}

function isVersionOf(version: Version, resource: AnyResource): boolean {
  return version.resourceType === resource.resourceType && version.accountId === resource.accountId && version.region === resource.region;
}

/** Feeds a splitter's items to a scan. */
export function splitterFor(scan: StreamingScan, fileName: string): ItemSplitter {
  return new ItemSplitter({
    item: (value, index) => scan.item(value, index),
    badItem: (error) => scan.badItem(new SnapshotError(fileName, error.item, undefined, error.message, { cause: error })),
    // Reading an item's type from its bytes costs a search: only when some item may be skipped.
    ...(scan.mayskip ? { wants: (type: string) => scan.wants(type), skipped: (type: string, index: number) => scan.skipped(type, index) } : {}),
  });
}

/** A SplitError of the document as a whole, as the SnapshotError a user reads. */
export function documentError(error: unknown, fileName: string): unknown {
  if (error instanceof SplitError) return new SnapshotError(fileName, error.item, undefined, error.message, { cause: error });
  return error;
}

/**
 * Evaluates an account's resources (a live read, or resources already in memory) against a
 * catalog: adds the account pseudo-resources account-level rules need, keeps the newest item of
 * each resource, validates parameters, and summarizes.
 *
 * @throws ParamError when a parameter override is unknown or invalid.
 * @example
 * const report = scanResources(resources, catalog, { now: new Date() });
 */
export function scanResources(resources: readonly AnyResource[], catalog: readonly Rule[], options: ScanOptions): ScanReport {
  const evaluations: Evaluation[] = [];
  const scan = createScan(catalog, options, '<resources>', (e) => evaluations.push(e));
  resources.forEach((r, i) => scan.resource(r, i));
  return { summary: scan.finish(), evaluations };
}

/**
 * Scans a whole file's bytes in memory (any form the CLI reads: snapshot, array, NDJSON, gzip,
 * a UTF-8 byte-order mark). The CLI streams instead (cli/commands/scan.ts); this is for tests
 * and callers that already hold the bytes.
 *
 * @throws InputErrors naming the file, the items and the fields; ParamError for bad parameters.
 */
export function scanSnapshot(bytes: Uint8Array, fileName: string, catalog: readonly Rule[], options: ScanOptions): ScanReport {
  const evaluations: Evaluation[] = [];
  const scan = createScan(catalog, options, fileName, (e) => evaluations.push(e));
  let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) buffer = gunzipSync(buffer);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) buffer = buffer.subarray(3);
  const splitter = splitterFor(scan, fileName);
  try {
    splitter.push(buffer);
    splitter.end();
  } catch (error) {
    throw documentError(error, fileName);
  }
  return { summary: scan.finish(splitter.form), evaluations };
}

/** True when a NON_COMPLIANT evaluation is at or above the threshold (the `--fail-on` gate). */
export function failsGate(report: ScanReport, threshold: Severity): boolean {
  return report.evaluations.some((e) => e.status === 'NON_COMPLIANT' && atOrAbove(e.severity, threshold));
}

/** The same gate from a summary's counts (a streamed scan keeps no list of evaluations). */
export function summaryFailsGate(summary: ScanSummary, threshold: Severity): boolean {
  return SEVERITIES.some((s) => atOrAbove(s, threshold) && summary.nonCompliantBySeverity[s] > 0);
}
