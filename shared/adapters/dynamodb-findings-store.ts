import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { FindingsStore, InventoryScope } from '../app/ports.ts';
import type { Finding } from '../domain/finding.ts';
import { ConfigItemStatus, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import { storedSuppressionSchema, type Suppression } from '../domain/suppression.ts';
import {
  decodeResource,
  findingItemSchema,
  keyOfItem,
  META,
  parseItem,
  resourceItemSchema,
  resourcePk,
  RULE,
  SUPPRESSION_PK,
  toFinding,
  type FindingItem,
  type ResourceItem,
} from './dynamodb-findings-items.ts';
import { planRecord } from './dynamodb-findings-plan.ts';
import { fromItem, toItem, type WireItem } from './dynamodb-attribute-values.ts';

export { CorruptItemError, linkedHistory, resourcePk } from './dynamodb-findings-items.ts';

/**
 * The IAM actions the store calls. Queries of the indexes need the `table/<name>/index/*`
 * resource besides the table.
 */
export const findingsStoreIamActions = [
  'dynamodb:BatchGetItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
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

/** Writes of one phase in flight at once: a first-seen resource has ~10 findings and as many history items. */
const WRITE_CONCURRENCY = 10;
const GLOBAL_REGIONS = new Set(['global', 'aws-global']);

const suppressionSchema = storedSuppressionSchema;

/**
 * The findings store on one DynamoDB table (DESIGN §4).
 *
 * Writes need no transaction (dynalite has none, and a transactional write costs twice the units):
 * each item is its own unit of consistency. Read the resource's item and findings (one strongly
 * consistent query), compute what changed, and write only that, one conditional PutItem per item,
 * in three phases: the transitions' history items (keyed by what they record, so a retry
 * overwrites rather than adds), the changed findings (each pinned to the version read and to
 * `configurationStateId <= new`), then the resource item (pinned to its version and to
 * `configurationStateId < new`) or, when its configuration did not change, a read of its version.
 * A process that dies part way leaves items that the retry re-plans from; a writer overtaken part
 * way gets a conflict, re-reads, and finds its event stale with the newer configuration to
 * evaluate, which repairs what it wrote. Stale and duplicate events write nothing; steady state is
 * one query and no write. docs/architecture.md has the argument in full.
 *
 * @example
 * const store = createFindingsStore({ client: new DynamoDBClient({}), tableName: 'vigil-prod-findings' });
 * const outcome = await store.recordEvaluation({ resource, findings, evaluatedAt: new Date() });
 */
export function createFindingsStore(options: FindingsStoreOptions): FindingsStore {
  // The low-level client, items converted here (dynamodb-attribute-values.ts: why not the document client).
  const client = options.client;
  const TableName = options.tableName;
  const historySeconds = (options.historyRetentionDays ?? 400) * 86_400;
  const deletedSeconds = (options.deletedRetentionDays ?? 30) * 86_400;
  const suppressionCacheMs = options.suppressionCacheMs ?? 60_000;
  let suppressionCache: { readonly at: number; readonly value: Promise<Suppression[]> } | undefined;

  /** Query pages, items as records; `values` are the expression attribute values as plain values. */
  async function* queryPages(input: Omit<QueryCommandInput, 'TableName' | 'ExpressionAttributeValues'>, values: Record<string, unknown>): AsyncGenerator<Record<string, unknown>[]> {
    const ExpressionAttributeValues = toItem(values);
    let ExclusiveStartKey: WireItem | undefined;
    do {
      const page = await client.send(new QueryCommand({ ...input, ExpressionAttributeValues, TableName, ExclusiveStartKey }));
      ExclusiveStartKey = page.LastEvaluatedKey;
      yield (page.Items ?? []).map(fromItem);
    } while (ExclusiveStartKey);
  }

  const put = (input: PutCommandInput) =>
    client.send(
      new PutItemCommand({
        TableName: input.TableName,
        Item: toItem(input.Item ?? {}),
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: input.ExpressionAttributeNames,
        ExpressionAttributeValues: input.ExpressionAttributeValues ? toItem(input.ExpressionAttributeValues) : undefined,
      }),
    );

  async function readCurrent(pk: string): Promise<{ meta: ResourceItem | undefined; findings: Map<string, FindingItem> }> {
    let meta: ResourceItem | undefined;
    const findings = new Map<string, FindingItem>();
    for await (const items of queryPages({ KeyConditionExpression: 'pk = :pk AND sk >= :meta', ConsistentRead: true }, { ':pk': pk, ':meta': META })) {
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

  /**
   * Resource items by key, eventually consistent (the inventory index they are listed from is
   * too), in the order of the keys: BatchGetItem answers in any order, and a rule that names the
   * first of several matches (a backup selection, an alarm) would otherwise change its reason,
   * and rewrite the finding, from one evaluation to the next.
   */
  async function getMeta(pks: readonly string[]): Promise<AnyResource[]> {
    const unique = [...new Set(pks)];
    const byPk = new Map<string, AnyResource>();
    for (let i = 0; i < unique.length; i += 100) {
      let pending: WireItem[] = unique.slice(i, i + 100).map((pk) => ({ pk: { S: pk }, sk: { S: META } }));
      for (let round = 0; pending.length > 0; round++) {
        if (round === 6) throw new Error(`dynamodb:BatchGetItem left ${pending.length} key(s) of ${TableName} unprocessed`);
        if (round > 0) await sleep(50 * 2 ** round);
        const page = await client.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: pending } } }));
        for (const wire of page.Responses?.[TableName] ?? []) {
          const item = fromItem(wire);
          const pk = String(item['pk']);
          byPk.set(pk, decodeResource(pk, parseItem(resourceItemSchema, item)));
        }
        pending = page.UnprocessedKeys?.[TableName]?.Keys ?? [];
      }
    }
    return unique.flatMap((pk) => byPk.get(pk) ?? []);
  }

  /** Live resource keys of a type in an account and region (global ones included), from the inventory index. */
  async function* inventoryItems(scope: InventoryScope): AsyncGenerator<Record<string, unknown>[]> {
    for await (const items of queryPages({ IndexName: 'inventory', KeyConditionExpression: 'invPk = :p' }, { ':p': `INV#${scope.accountId}#${scope.resourceType}` })) {
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
      if ((await sendAll(put, plan.history)) === 'conflict' || (await sendAll(put, plan.findings)) === 'conflict') {
        return { kind: 'conflict' };
      }
      if (plan.resource) {
        if ((await sendAll(put, [plan.resource])) === 'conflict') return { kind: 'conflict' };
      } else if (plan.checkVersion !== undefined) {
        // What the transaction's condition check on the resource item did, after the fact: if a
        // newer configuration landed meanwhile, the findings just written may be stale, and the
        // re-read (stale, with that configuration) repairs them.
        const { Item } = await client.send(
          new GetItemCommand({ TableName, Key: { pk: { S: pk }, sk: { S: META } }, ConsistentRead: true, ProjectionExpression: '#version', ExpressionAttributeNames: { '#version': 'version' } }),
        );
        if ((Item ? fromItem(Item)['version'] : undefined) !== plan.checkVersion) return { kind: 'conflict' };
      }
      return {
        kind: 'written',
        resourceChanged: plan.resource !== undefined,
        previous: current.meta && plan.resource ? decodeResource(pk, current.meta) : undefined,
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
      for await (const items of queryPages({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rule)' }, { ':pk': pk, ':rule': RULE })) {
        for (const item of items) out.push(toFinding(parseItem(findingItemSchema, item)));
      }
      return out;
    },

    listSuppressions() {
      const now = Date.now();
      if (!suppressionCache || now - suppressionCache.at >= suppressionCacheMs) {
        const value = (async () => {
          const out: Suppression[] = [];
          for await (const items of queryPages({ KeyConditionExpression: 'pk = :pk' }, { ':pk': SUPPRESSION_PK })) {
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
      await put({ TableName, Item: { pk: SUPPRESSION_PK, sk: `SUP#${suppression.id}`, kind: 'suppression', ...suppression } });
      suppressionCache = undefined;
    },

    async deleteSuppression(id) {
      await client.send(new DeleteItemCommand({ TableName, Key: { pk: { S: SUPPRESSION_PK }, sk: { S: `SUP#${id}` } } }));
      suppressionCache = undefined;
    },
  };
}

/**
 * Sends one phase's writes, a few at a time, and waits for all of them: a later phase never
 * starts while an earlier one is incomplete. A failed condition anywhere makes the phase a
 * conflict (after the others settle); any other error is thrown.
 */
async function sendAll(send: (input: PutCommandInput) => Promise<unknown>, inputs: readonly PutCommandInput[]): Promise<'ok' | 'conflict'> {
  let next = 0;
  let conflict = false;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < inputs.length; i = next++) {
      const input = inputs[i];
      if (!input) continue;
      try {
        await send(input);
      } catch (error) {
        if (isConditionFailure(error)) conflict = true;
        else failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, inputs.length) }, worker));
  if (failure) throw failure.error;
  return conflict ? 'conflict' : 'ok';
}

/** A conditional write refused because another writer moved the item since it was read. */
function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
