import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { FindingsStore, InventoryScope, RecordEvaluationInput, RecordOutcome } from '../app/ports.ts';
import { parseResource } from '../app/resource-schema.ts';
import { findingQueryKeys } from './dynamodb-findings-queries-keys.ts';
import { CollectedType } from '../domain/collected-types.ts';
import { EvaluationStatus } from '../domain/evaluation.ts';
import type { Finding, FindingInput, Transition } from '../domain/finding.ts';
import { ConfigItemStatus, isGone, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import { Severity } from '../domain/severity.ts';
import type { Suppression } from '../domain/suppression.ts';

/**
 * The IAM actions the store calls. TransactWriteItems has no action of its own: each of its
 * operations is authorized as PutItem or ConditionCheckItem. Queries of the indexes need the
 * `table/<name>/index/*` resource besides the table.
 */
export const findingsStoreIamActions = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
] as const;

export interface FindingsStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long history items live (TTL). Default 400 days: a year-over-year audit still finds them. */
  readonly historyRetentionDays?: number;
  /** How long a deleted resource's items stay readable before TTL removes them. Default 30 days. */
  readonly deletedRetentionDays?: number;
  /** How long listSuppressions answers from memory. Default 60 s: a new suppression applies within a minute. */
  readonly suppressionCacheMs?: number;
  /** Deploy-time tag keys copied onto findings for the API's tag filter (FINDING_TAG_KEYS), in index-slot order. */
  readonly tagKeys?: readonly string[];
}

/*
 * Item layout (infra/findings-table.yml declares the table and its indexes):
 *
 * | item        | pk                                   | sk                                 | index keys |
 * |-------------|--------------------------------------|------------------------------------|------------|
 * | resource    | RES#{account}#{region}#{type}#{id}   | META                               | invPk = INV#{account}#{type}, invSk = {region}#{id} |
 * | finding     | same                                 | RULE#{ruleId}                      | rulePk/ruleSk, typePk/typeSk; openPk/openSk while open |
 * | history     | same                                 | HIST#{at}#{ruleId}#{version}       | none (TTL) |
 * | suppression | SUPPRESSION                          | SUP#{id}                           | none |
 *
 * META sorts between HIST# and RULE#, so one query (sk >= "META") reads a resource's item and its
 * findings without its history.
 */
const META = 'META';
const RULE = 'RULE#';
const SUPPRESSION_PK = 'SUPPRESSION';
/** TransactWriteItems takes at most 100 operations; one of them is the resource item's. */
const MAX_TRANSACTION = 100;
/**
 * Configurations past 1 KB are stored gzipped: a write is billed per KB, normalized
 * configurations run to several KB and compress 3-5 times, and items stop at 400 KB.
 */
const GZIP_ABOVE_BYTES = 1_024;
const GLOBAL_REGIONS = new Set(['global', 'aws-global']);
/** Collected types have no Config version: their state id is the read time. */
const COLLECTED_TYPES: ReadonlySet<string> = new Set(Object.values(CollectedType));

const suppressionRefSchema = z.object({ id: z.string(), reason: z.string(), expiresAt: z.string().optional() });

const findingItemSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string().optional(),
  ruleId: z.string(),
  status: z.enum(EvaluationStatus),
  severity: z.enum(Severity),
  reason: z.string(),
  suppression: suppressionRefSchema.optional(),
  firstSeenAt: z.string(),
  lastChangedAt: z.string(),
  lastEvaluatedAt: z.string(),
  configurationStateId: z.number(),
  version: z.number(),
  ttl: z.number().optional(),
});
type FindingItem = z.infer<typeof findingItemSchema>;

const resourceItemSchema = z.object({
  resourceStatus: z.enum(ConfigItemStatus),
  configurationStateId: z.number(),
  contentHash: z.string(),
  version: z.number(),
  resource: z.string().optional(),
  resourceGz: z.instanceof(Uint8Array).optional(),
});
type ResourceItem = z.infer<typeof resourceItemSchema>;

const suppressionSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  resourcePattern: z.string().optional(),
  resourceType: z.string().optional(),
  accountId: z.string().optional(),
  region: z.string().optional(),
  tag: z.object({ key: z.string(), value: z.string().optional() }).optional(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  source: z.enum(['api', 'code']).optional(),
});

/** A stored item that does not read as what its key says it is. */
export class CorruptItemError extends Error {
  override readonly name = 'CorruptItemError';
  constructor(pk: string, sk: string, detail: string, options?: ErrorOptions) {
    super(`findings table item ${pk} / ${sk}: ${detail}`, options);
  }
}

/**
 * The findings store on one DynamoDB table (DESIGN §4).
 *
 * Writes follow one rule: read the resource's item and findings (one strongly consistent query),
 * compute what changed, and write only that, in one TransactWriteItems (or a single conditional
 * put when only the configuration changed) whose conditions pin what was read: the resource item's version (and, for a newer configuration, `configurationStateId <
 * :new`), each finding's version, or its absence. So a stale or duplicate event never writes
 * (the read shows the newer state id), and a race with another writer cannot slip an older
 * state in between read and write (the conditions fail, the caller re-reads). Steady state is
 * one query and no write.
 *
 * @example
 * const store = createFindingsStore({ client: new DynamoDBClient({}), tableName: 'vigil-prod-findings' });
 * const outcome = await store.recordEvaluation({ resource, findings, evaluatedAt: new Date() });
 */
export function createFindingsStore(options: FindingsStoreOptions): FindingsStore {
  const doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const TableName = options.tableName;
  const historySeconds = (options.historyRetentionDays ?? 400) * 86_400;
  const deletedSeconds = (options.deletedRetentionDays ?? 30) * 86_400;
  const suppressionCacheMs = options.suppressionCacheMs ?? 60_000;
  let suppressionCache: { readonly at: number; readonly value: Promise<Suppression[]> } | undefined;

  async function* queryPages(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<Record<string, unknown>[]> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ ...input, TableName, ExclusiveStartKey }));
      ExclusiveStartKey = page.LastEvaluatedKey;
      yield page.Items ?? [];
    } while (ExclusiveStartKey);
  }

  async function readCurrent(pk: string): Promise<{ meta: ResourceItem | undefined; findings: Map<string, FindingItem> }> {
    let meta: ResourceItem | undefined;
    const findings = new Map<string, FindingItem>();
    for await (const items of queryPages({
      KeyConditionExpression: 'pk = :pk AND sk >= :meta',
      ExpressionAttributeValues: { ':pk': pk, ':meta': META },
      ConsistentRead: true,
    })) {
      for (const item of items) {
        const sk = String(item['sk']);
        if (sk === META) meta = parseItem(resourceItemSchema, item);
        else if (sk.startsWith(RULE)) {
          const finding = parseItem(findingItemSchema, item);
          findings.set(finding.ruleId, finding);
        }
      }
    }
    return { meta, findings };
  }

  /** Resource items by key, eventually consistent (the inventory index they are listed from is too). */
  async function getMeta(pks: readonly string[]): Promise<AnyResource[]> {
    const unique = [...new Set(pks)];
    const out: AnyResource[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + 100).map((pk) => ({ pk, sk: META }));
      for (let round = 0; pending.length > 0; round++) {
        if (round === 6) throw new Error(`dynamodb:BatchGetItem left ${pending.length} key(s) of ${TableName} unprocessed`);
        if (round > 0) await sleep(50 * 2 ** round);
        const page = await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }));
        for (const item of page.Responses?.[TableName] ?? []) {
          out.push(decodeResource(String(item['pk']), parseItem(resourceItemSchema, item)));
        }
        pending = page.UnprocessedKeys?.[TableName]?.Keys ?? [];
      }
    }
    return out;
  }

  /** Live resource keys of a type in an account and region (global ones included), from the inventory index. */
  async function* inventoryItems(scope: InventoryScope): AsyncGenerator<Record<string, unknown>[]> {
    for await (const items of queryPages({
      IndexName: 'inventory',
      KeyConditionExpression: 'invPk = :p',
      ExpressionAttributeValues: { ':p': `INV#${scope.accountId}#${scope.resourceType}` },
    })) {
      yield items.filter((item) => {
        const region = String(item['region']);
        const status = item['resourceStatus'];
        const live = status === ConfigItemStatus.OK || status === ConfigItemStatus.ResourceDiscovered;
        return live && (region === scope.region || GLOBAL_REGIONS.has(region));
      });
    }
  }

  return {
    async recordEvaluation(input) {
      const pk = resourcePk(input.resource);
      const current = await readCurrent(pk);
      const plan = planRecord(pk, current, input, { tableName: TableName, historySeconds, deletedSeconds, tagKeys: options.tagKeys ?? [] });
      if (plan.kind !== 'write') return plan;
      const { resourcePut, resourceCheck, items } = plan;
      try {
        if (items.length === 0 && resourcePut) {
          // A new configuration that changes no verdict (Config's most common change): one
          // conditional put, at half a transaction's price.
          await doc.send(new PutCommand(resourcePut));
        } else {
          // More than 99 changed findings and history items (a type with ~50 rules all
          // transitioning) take several transactions; the resource item goes last, so an
          // interrupted sequence is re-planned from what did commit.
          const chunk = MAX_TRANSACTION - 1;
          for (let i = 0; i < items.length; i += chunk) {
            const last = i + chunk >= items.length;
            const pin = last && resourcePut ? { Put: resourcePut } : resourceCheck;
            await doc.send(new TransactWriteCommand({ TransactItems: [...items.slice(i, i + chunk), pin] }));
          }
        }
      } catch (error) {
        if (isConditionFailure(error)) return { kind: 'conflict' };
        throw error;
      }
      return {
        kind: 'written',
        resourceChanged: resourcePut !== undefined,
        previous: current.meta && resourcePut ? decodeResource(pk, current.meta) : undefined,
        transitions: plan.transitions,
      };
    },

    getResources(keys) {
      return getMeta(keys.map(resourcePk));
    },

    async listResources(scope) {
      const pks: string[] = [];
      for await (const items of inventoryItems(scope)) for (const item of items) pks.push(resourcePk(keyOfItem(item)));
      return getMeta(pks);
    },

    async *listResourceKeys(scope) {
      for await (const items of inventoryItems(scope)) {
        if (items.length === 0) continue;
        yield items.map(keyOfItem);
      }
    },

    async getFindings(key) {
      const out: Finding[] = [];
      const pk = resourcePk(key);
      for await (const items of queryPages({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rule)',
        ExpressionAttributeValues: { ':pk': pk, ':rule': RULE },
      })) {
        for (const item of items) out.push(toFinding(parseItem(findingItemSchema, item)));
      }
      return out;
    },

    listSuppressions() {
      const now = Date.now();
      if (!suppressionCache || now - suppressionCache.at >= suppressionCacheMs) {
        const value = (async () => {
          const out: Suppression[] = [];
          for await (const items of queryPages({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SUPPRESSION_PK } })) {
            for (const item of items) out.push(parseItem(suppressionSchema, item));
          }
          return out;
        })();
        // A failed read is not cached: the next call asks again.
        value.catch(() => (suppressionCache = undefined));
        suppressionCache = { at: now, value };
      }
      return suppressionCache.value;
    },

    async putSuppression(suppression) {
      await doc.send(new PutCommand({ TableName, Item: { pk: SUPPRESSION_PK, sk: `SUP#${suppression.id}`, kind: 'suppression', ...suppression } }));
      suppressionCache = undefined;
    },

    async deleteSuppression(id) {
      await doc.send(new DeleteCommand({ TableName, Key: { pk: SUPPRESSION_PK, sk: `SUP#${id}` } }));
      suppressionCache = undefined;
    },
  };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type PutInput = NonNullable<TransactItem['Put']>;

type Plan =
  | Extract<RecordOutcome, { kind: 'stale' | 'unchanged' }>
  | {
      readonly kind: 'write';
      /** The resource item, when its configuration is new. */
      readonly resourcePut: PutInput | undefined;
      /** A condition check pinning the resource item as read (with the findings, when it is not written). */
      readonly resourceCheck: TransactItem;
      /** Changed findings and their history items. */
      readonly items: readonly TransactItem[];
      readonly transitions: readonly Transition[];
    };

/**
 * What recording `input` over the `current` items takes. Pure: the writes and their conditions.
 */
function planRecord(
  pk: string,
  current: { meta: ResourceItem | undefined; findings: ReadonlyMap<string, FindingItem> },
  input: RecordEvaluationInput,
  settings: { tableName: string; historySeconds: number; deletedSeconds: number; tagKeys: readonly string[] },
): Plan {
  const { resource } = input;
  const { meta } = current;
  const stateId = stateIdOf(resource);
  if (meta && meta.configurationStateId > stateId) return { kind: 'stale', storedStateId: meta.configurationStateId };

  const at = input.evaluatedAt.toISOString();
  const epoch = Math.floor(input.evaluatedAt.getTime() / 1000);
  const gone = isGone(resource.status);
  const ttl = gone ? epoch + settings.deletedSeconds : undefined;
  const hash = contentHash(resource);
  // Config's state id is a version: a higher one is a new configuration, always recorded (which
  // keeps the stale guard exact). A collected type's id is only its read time, so a re-read is
  // recorded only when its content differs: a daily sweep of unchanged log groups writes nothing.
  const resourceChanged =
    !meta || (stateId > meta.configurationStateId && (!COLLECTED_TYPES.has(resource.resourceType) || hash !== meta.contentHash));

  const desired = new Map<string, FindingInput>(input.findings.map((f) => [f.ruleId, f]));
  for (const [ruleId, stored] of current.findings) {
    if (!desired.has(ruleId)) desired.set(ruleId, retiredRule(stored, resource));
  }

  const items: TransactItem[] = [];
  const transitions: Transition[] = [];
  for (const finding of desired.values()) {
    const prev = current.findings.get(finding.ruleId);
    // A rule that does not apply to a resource it never judged leaves nothing to record.
    if (!prev && finding.status === 'NOT_APPLICABLE') continue;
    if (prev && sameState(prev, finding) && (prev.ttl === undefined) === (ttl === undefined)) continue;
    const version = (prev?.version ?? 0) + 1;
    const statusChanged = prev?.status !== finding.status;
    const item = findingItem(pk, resource, finding, {
      version,
      at,
      stateId,
      ttl,
      firstSeenAt: prev?.firstSeenAt ?? at,
      lastChangedAt: statusChanged ? at : (prev?.lastChangedAt ?? at),
      tagKeys: settings.tagKeys,
    });
    items.push({
      Put: {
        TableName: settings.tableName,
        Item: item,
        ...(prev
          ? { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': prev.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    });
    if (statusChanged || Boolean(prev?.suppression) !== Boolean(finding.suppression)) {
      const transition: Transition = {
        accountId: resource.accountId,
        region: resource.region,
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        ruleId: finding.ruleId,
        from: prev?.status,
        to: finding.status,
        severity: finding.severity,
        reason: finding.reason,
        suppressed: finding.suppression !== undefined,
        at,
      };
      transitions.push(transition);
      items.push({
        Put: {
          TableName: settings.tableName,
          Item: {
            pk,
            sk: `HIST#${at}#${finding.ruleId}#${version}`,
            kind: 'history',
            ...transition,
            suppression: finding.suppression,
            configurationStateId: stateId,
            ttl: epoch + settings.historySeconds,
          },
        },
      });
    }
  }
  if (!resourceChanged && items.length === 0) return { kind: 'unchanged' };

  const resourceCheck: TransactItem = meta
    ? {
        ConditionCheck: {
          TableName: settings.tableName,
          Key: { pk, sk: META },
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': meta.version },
        },
      }
    : { ConditionCheck: { TableName: settings.tableName, Key: { pk, sk: META }, ConditionExpression: 'attribute_not_exists(pk)' } };
  const resourcePut: PutInput | undefined = resourceChanged
    ? {
        TableName: settings.tableName,
        Item: resourceItem(pk, resource, { stateId, hash, at, ttl, version: (meta?.version ?? 0) + 1 }),
        ...(meta
          ? {
              // The version pins what was read; the state id states the ordering rule itself.
              ConditionExpression: '#version = :version AND configurationStateId < :stateId',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': meta.version, ':stateId': stateId },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }
    : undefined;
  return { kind: 'write', resourcePut, resourceCheck, items, transitions };
}

function resourceItem(
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

function findingItem(
  pk: string,
  resource: AnyResource,
  finding: FindingInput,
  v: { version: number; at: string; stateId: number; ttl: number | undefined; firstSeenAt: string; lastChangedAt: string; tagKeys: readonly string[] },
): Record<string, unknown> {
  const open = finding.status === 'NON_COMPLIANT' && finding.suppression === undefined;
  return {
    pk,
    sk: `${RULE}${finding.ruleId}`,
    kind: 'finding',
    accountId: resource.accountId,
    region: resource.region,
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
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
    ttl: v.ttl,
    ...(open ? { openPk: `OPEN#${finding.severity}`, openSk: `${v.lastChangedAt}#${pk}#${finding.ruleId}` } : {}),
    rulePk: `RULE#${finding.ruleId}`,
    ruleSk: `${finding.status}#${pk}`,
    typePk: `TYPE#${resource.resourceType}`,
    typeSk: `${finding.status}#${pk}#${finding.ruleId}`,
    // The findings API's indexes (one Query per filter combination): dynamodb-findings-queries-keys.ts.
    ...findingQueryKeys(
      { ...resource, pk, ruleId: finding.ruleId, status: finding.status, suppressed: finding.suppression !== undefined, severity: finding.severity, lastChangedAt: v.lastChangedAt, lastEvaluatedAt: v.at },
      v.tagKeys,
    ),
  };
}

/** A stored finding of a rule the catalog no longer applies to this resource: resolved, not left open forever. */
function retiredRule(stored: FindingItem, resource: AnyResource): FindingInput {
  return {
    ruleId: stored.ruleId,
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName,
    accountId: resource.accountId,
    region: resource.region,
    status: 'NOT_APPLICABLE',
    severity: stored.severity,
    reason: `Rule ${stored.ruleId} no longer evaluates ${resource.resourceType} ${resource.resourceId}.`.slice(0, 256),
    equivalents: {},
  };
}

function sameState(stored: FindingItem, next: FindingInput): boolean {
  return (
    stored.status === next.status &&
    stored.severity === next.severity &&
    stored.reason === next.reason &&
    stored.suppression?.id === next.suppression?.id &&
    stored.suppression?.expiresAt === next.suppression?.expiresAt
  );
}

function toFinding(item: FindingItem): Finding {
  const { version: _version, ttl: _ttl, ...finding } = item;
  return finding;
}

function keyOfItem(item: Record<string, unknown>): ResourceKey {
  return {
    accountId: String(item['accountId']),
    region: String(item['region']),
    resourceType: String(item['resourceType']),
    resourceId: String(item['resourceId']),
  };
}

/** The store's partition key of a resource. */
export function resourcePk(key: ResourceKey): string {
  return `RES#${key.accountId}#${key.region}#${key.resourceType}#${key.resourceId}`;
}

/**
 * The ordering of a resource's configurations: Config's configurationStateId (epoch millis of
 * the capture), else the capture time, else 0 (a synthesized resource, e.g. the account
 * pseudo-resource before any collector ran).
 */
function stateIdOf(resource: AnyResource): number {
  if (resource.configurationStateId !== undefined) return resource.configurationStateId;
  const captured = resource.captureTime ? Date.parse(resource.captureTime) : Number.NaN;
  return Number.isFinite(captured) ? captured : 0;
}

/** What identifies a configuration's content, whatever its capture time. */
function contentHash(resource: AnyResource): string {
  const { captureTime: _captureTime, configurationStateId: _stateId, ...content } = resource;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

function decodeResource(pk: string, item: ResourceItem): AnyResource {
  const json = item.resource ?? (item.resourceGz ? gunzipSync(item.resourceGz).toString('utf8') : undefined);
  if (json === undefined) throw new CorruptItemError(pk, META, 'no resource attribute');
  try {
    return parseResource(JSON.parse(json));
  } catch (error) {
    throw new CorruptItemError(pk, META, `resource does not parse (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

function parseItem<T>(schema: z.ZodType<T>, item: Record<string, unknown>): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CorruptItemError(String(item['pk']), String(item['sk']), `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/**
 * A transaction cancelled because a condition failed (another writer moved the item since it
 * was read) or because it collided with a concurrent transaction on the same item.
 */
function isConditionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionConflictException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
