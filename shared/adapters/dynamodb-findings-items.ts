/**
 * The findings table's items: their keys, their schemas, and how each is built from the domain.
 * Pure (no SDK calls): shared by the store's reads (dynamodb-findings-store.ts) and its write
 * planner (dynamodb-findings-plan.ts).
 *
 * | item        | pk                                   | sk                                        | index keys |
 * |-------------|--------------------------------------|-------------------------------------------|------------|
 * | resource    | RES#{account}#{region}#{type}#{id}   | META                                      | invPk = INV#{account}#{type}, invSk = {region}#{id} |
 * | finding     | same                                 | RULE#{ruleId}                             | the findings API's (dynamodb-findings-queries-keys.ts) |
 * | history     | same                                 | HIST#{ruleId}#{version:8}#{historyId}     | none (TTL) |
 * | suppression | SUPPRESSION                          | SUP#{id}                                  | none |
 *
 * META sorts between HIST# and RULE#, so one query (sk >= "META") reads a resource's item and its
 * findings without its history. A history item's key is derived from the transition it records
 * (rule, the finding version it produced, and a hash of its content), never from the clock: a
 * retried write lands on the same key instead of adding a second item.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from '../zod.ts';
import { parseResource } from '../app/resource-schema.ts';
import { storedFindingSchema, type Finding, type FindingInput, type Transition } from '../domain/finding.ts';
import { ConfigItemStatus, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import { findingQueryKeys } from './dynamodb-findings-queries-keys.ts';

export const META = 'META';
export const RULE = 'RULE#';
export const HIST = 'HIST#';
export const SUPPRESSION_PK = 'SUPPRESSION';
/**
 * Configurations past 1 KB are stored gzipped: a write is billed per KB, normalized
 * configurations run to several KB and compress 3-5 times, and items stop at 400 KB.
 */
const GZIP_ABOVE_BYTES = 1_024;

export const findingItemSchema = z.extend(storedFindingSchema, {
  version: z.number(),
  /** The history item of the transition that produced this state (see linkedHistory). */
  historyId: z.optional(z.string()),
  ttl: z.optional(z.number()),
});
export type FindingItem = z.infer<typeof findingItemSchema>;

export const resourceItemSchema = z.object({
  resourceStatus: z.enum(ConfigItemStatus),
  configurationStateId: z.number(),
  contentHash: z.string(),
  version: z.number(),
  resource: z.optional(z.string()),
  resourceGz: z.optional(z.instanceof(Uint8Array)),
});
export type ResourceItem = z.infer<typeof resourceItemSchema>;

/** A stored item that does not read as what its key says it is. */
export class CorruptItemError extends Error {
  override readonly name = 'CorruptItemError';
  constructor(pk: string, sk: string, detail: string, options?: ErrorOptions) {
    super(`findings table item ${pk} / ${sk}: ${detail}`, options);
  }
}

/** The store's partition key of a resource. */
export function resourcePk(key: ResourceKey): string {
  return `RES#${key.accountId}#${key.region}#${key.resourceType}#${key.resourceId}`;
}

export function resourceItem(
  pk: string,
  resource: AnyResource,
  v: { stateId: number; hash: string; at: string; ttl: number | undefined; version: number },
): Record<string, unknown> {
  const json = JSON.stringify(resource);
  return {
    pk,
    sk: META,
    kind: 'resource',
    accountId: resource.accountId,
    region: resource.region,
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
    arn: resource.arn,
    resourceStatus: resource.status,
    configurationStateId: v.stateId,
    captureTime: resource.captureTime,
    tags: resource.tags,
    contentHash: v.hash,
    ...(json.length > GZIP_ABOVE_BYTES ? { resourceGz: gzipSync(json) } : { resource: json }),
    recordedAt: v.at,
    version: v.version,
    invPk: `INV#${resource.accountId}#${resource.resourceType}`,
    invSk: `${resource.region}#${resource.resourceId}`,
    ttl: v.ttl,
  };
}

/**
 * A finding item: everything an alert about it needs (rule, status, severity, reason, the
 * resource's identity, name, ARN and tags at the time of the write, suppression, first seen, last
 * changed, version), so the stream consumer reads no other item. Always written whole (PutItem):
 * the open index's keys are present only while the finding is open, and a whole-item put removes
 * them when it closes.
 */
export function findingItem(
  pk: string,
  resource: AnyResource,
  finding: FindingInput,
  v: { version: number; at: string; stateId: number; ttl: number | undefined; firstSeenAt: string; lastChangedAt: string; historyId: string | undefined; tagKeys?: readonly string[]; sweepId?: string | undefined },
): Record<string, unknown> {
  const item: Record<string, unknown> = {
    pk,
    sk: `${RULE}${finding.ruleId}`,
    kind: 'finding',
    accountId: resource.accountId,
    region: resource.region,
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
    arn: resource.arn,
    ruleId: finding.ruleId,
    status: finding.status,
    severity: finding.severity,
    reason: finding.reason,
    suppression: finding.suppression,
    firstSeenAt: v.firstSeenAt,
    lastChangedAt: v.lastChangedAt,
    lastEvaluatedAt: v.at,
    configurationStateId: v.stateId,
    version: v.version,
    historyId: v.historyId,
    ttl: v.ttl,
    // The indexes (open findings by severity, findings by rule, by type, …; one Query per API
    // filter combination): dynamodb-findings-queries-keys.ts.
    ...findingQueryKeys(
      { ...resource, pk, ruleId: finding.ruleId, status: finding.status, suppressed: finding.suppression !== undefined, severity: finding.severity, lastChangedAt: v.lastChangedAt, lastEvaluatedAt: v.at },
      v.tagKeys,
    ),
  };
  // Tags ride along only while the item stays within 1 KB: a write costs 1 WRU per KB, again in
  // each index that holds the item, so many tags would double every finding write's price.
  // An alert that needs tags past that reads the resource item.
  if (Object.keys(resource.tags).length > 0 && approximateBytes({ ...item, tags: resource.tags }) <= 1_024) item['tags'] = resource.tags;
  // The sweep that caused this write (absent for a change event): notify holds its alert for the
  // sweep's one digest. Only on items written anyway (a sweep that changes nothing writes
  // nothing), added after the size check so it never costs a finding its tags (team routing);
  // the next write without a sweep drops it.
  if (v.sweepId !== undefined) item['sweepId'] = v.sweepId;
  return item;
}

/** An item's size as DynamoDB counts it, near enough: attribute names plus values (numbers ~8 bytes). */
function approximateBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return 8;
  if (value === undefined) return 0;
  if (typeof value !== 'object' || value === null) return 1;
  let bytes = 3;
  for (const [name, v] of Object.entries(value)) if (v !== undefined) bytes += Buffer.byteLength(name) + approximateBytes(v);
  return bytes;
}

/**
 * A history item: one transition of one finding. Its id hashes what it records and the history
 * item before it, so the same transition computed again (a retry) has the same key, and two
 * writers racing for the same finding version write two different items, of which only the
 * winner's is linked from the finding (`historyId`) and its successors (`previousId`).
 */
export function historyItem(
  pk: string,
  transition: Transition,
  v: { version: number; stateId: number; previousId: string | undefined; suppression: FindingInput['suppression']; ttl: number },
): { readonly id: string; readonly item: Record<string, unknown> } {
  const { at: _at, ...what } = transition;
  const id = createHash('sha256')
    .update(JSON.stringify([what, v.version, v.stateId, v.previousId ?? null, v.suppression?.id ?? null]))
    .digest('base64url')
    .slice(0, 12);
  return {
    id,
    item: {
      pk,
      sk: `${HIST}${transition.ruleId}#${String(v.version).padStart(8, '0')}#${id}`,
      kind: 'history',
      ...transition,
      version: v.version,
      historyId: id,
      previousId: v.previousId,
      suppression: v.suppression,
      configurationStateId: v.stateId,
      ttl: v.ttl,
    },
  };
}

/**
 * A finding's history, newest first: the chain of history items from the finding's `historyId`
 * back through each item's `previousId`. Items off the chain (written by a writer that then lost
 * the race for that finding version, or that died before writing the finding) are left out;
 * TTL removes them with the rest.
 */
export function linkedHistory<T extends { historyId?: unknown; previousId?: unknown }>(
  head: string | undefined,
  items: readonly T[],
): T[] {
  const byId = new Map(items.map((item) => [String(item.historyId), item]));
  const out: T[] = [];
  for (let id = head; id !== undefined && out.length < items.length; ) {
    const item = byId.get(id);
    if (!item) break;
    out.push(item);
    id = typeof item.previousId === 'string' ? item.previousId : undefined;
  }
  return out;
}

export function toFinding(item: FindingItem): Finding {
  const { version: _version, ttl: _ttl, historyId: _historyId, ...finding } = item;
  return finding;
}

export function keyOfItem(item: Record<string, unknown>): ResourceKey {
  return {
    accountId: String(item['accountId']),
    region: String(item['region']),
    resourceType: String(item['resourceType']),
    resourceId: String(item['resourceId']),
  };
}

/**
 * The ordering of a resource's configurations: Config's configurationStateId (epoch millis of
 * the capture), else the capture time, else 0 (a synthesized resource, e.g. the account
 * pseudo-resource before any collector ran).
 */
export function stateIdOf(resource: AnyResource): number {
  if (resource.configurationStateId !== undefined) return resource.configurationStateId;
  const captured = resource.captureTime ? Date.parse(resource.captureTime) : Number.NaN;
  return Number.isFinite(captured) ? captured : 0;
}

/** What identifies a configuration's content, whatever its capture time. */
export function contentHash(resource: AnyResource): string {
  const { captureTime: _captureTime, configurationStateId: _stateId, ...content } = resource;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

export function decodeResource(pk: string, item: ResourceItem): AnyResource {
  const json = item.resource ?? (item.resourceGz ? gunzipSync(item.resourceGz).toString('utf8') : undefined);
  if (json === undefined) throw new CorruptItemError(pk, META, 'no resource attribute');
  try {
    return parseResource(JSON.parse(json));
  } catch (error) {
    throw new CorruptItemError(pk, META, `resource does not parse (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

export function parseItem<T>(schema: z.ZodMiniType<T>, item: Record<string, unknown>): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CorruptItemError(String(item['pk']), String(item['sk']), `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}
