import {
  BatchGetResourceConfigCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  SelectResourceConfigCommand,
  type BaseConfigurationItem,
  type ConfigServiceClient,
  type ConfigurationItem,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { ConfigReader } from '../app/ports.ts';
import { isObject, objs, pick, str, tagMap, tryJson } from '../config-items/decode.ts';
import { normalizeConfigurationItem } from '../config-items/normalize.ts';
import type { AnyResource, Relationship, ResourceKey } from '../domain/resource.ts';

/** The IAM actions the Config reader calls. */
export const configReaderIamActions = [
  'config:BatchGetResourceConfig',
  'config:GetResourceConfigHistory',
  'config:ListDiscoveredResources',
  'config:SelectResourceConfig',
] as const;

/** BatchGetResourceConfig takes at most 100 keys; ListDiscoveredResources returns at most 100 a page. */
const MAX_KEYS = 100;
/** Rounds of BatchGetResourceConfig for keys Config left unprocessed (it does so under load). */
const UNPROCESSED_ROUNDS = 5;
/**
 * GetResourceConfigHistory answers at most seven days a call and pages further back with a
 * token, possibly through empty pages: four pages reach a month before the capture time.
 */
const HISTORY_PAGES = 4;
/** SelectResourceConfig expressions stop at 4,096 characters. */
const MAX_EXPRESSION = 4_096;

export interface ConfigReaderOptions {
  /** A client for the account and region to read. */
  readonly client: ConfigServiceClient;
  /**
   * The account the client reads (listed keys carry it). When omitted, it is learnt from the first
   * items Config returns: ListDiscoveredResources does not say which account it lists.
   */
  readonly accountId?: string;
  /** Waits between rounds for unprocessed keys (tests pass 0). */
  readonly retryDelayMs?: number;
}

/** Config left keys unprocessed round after round. */
export class UnprocessedKeysError extends Error {
  override readonly name = 'UnprocessedKeysError';
  readonly keys: readonly { resourceType: string; resourceId: string }[];
  constructor(keys: readonly { resourceType: string; resourceId: string }[]) {
    super(`config:BatchGetResourceConfig left ${keys.length} key(s) unprocessed after ${UNPROCESSED_ROUNDS} rounds (first: ${keys[0]?.resourceType} ${keys[0]?.resourceId})`);
    this.keys = keys;
  }
}

/** The account a client reads, once known (given, or learnt from the first items Config returns). */
interface AccountState {
  id: string | undefined;
}

/**
 * The keys of every discovered resource, and nothing else of the reader: the sweep's whole use
 * of Config. It never normalizes an item, so a bundle of it alone (the sweep function) carries no
 * resource models.
 *
 * @example
 * const lister = createConfigLister({ client, accountId });
 * for await (const keys of lister.listResourceKeys(['AWS::S3::Bucket'])) queue(keys);
 */
export function createConfigLister(options: ConfigReaderOptions, account: AccountState = { id: options.accountId }): Pick<ConfigReader, 'listResourceKeys'> {
  const { client } = options;
  const retryDelayMs = options.retryDelayMs ?? 200;
  let region: string | undefined;
  return {
    async *listResourceKeys(resourceTypes) {
      const regionName = (region ??= await client.config.region());
      for (const resourceType of resourceTypes) {
        let nextToken: string | undefined;
        do {
          const page = await client.send(
            new ListDiscoveredResourcesCommand({ resourceType: resourceType as ResourceType, limit: MAX_KEYS, nextToken }),
          );
          nextToken = page.nextToken || undefined;
          const ids = (page.resourceIdentifiers ?? []).flatMap((r) => (r.resourceId ? [r.resourceId] : []));
          if (ids.length === 0) continue;
          // ListDiscoveredResources does not say which account it lists; the items do.
          if (account.id === undefined) account.id = (await batchGetItems(client, ids.map((resourceId) => ({ resourceType, resourceId })), retryDelayMs))[0]?.accountId;
          // Still unknown: every listed resource vanished before it could be read; nothing to yield.
          if (account.id === undefined) continue;
          const accountId = account.id;
          yield ids.map((resourceId): ResourceKey => ({ accountId, region: regionName, resourceType, resourceId }));
        } while (nextToken);
      }
    },
  };
}

/** BatchGetResourceConfig for up to 100 keys, unprocessed keys retried with backoff; items in the API form. */
async function batchGetItems(
  client: ConfigServiceClient,
  keys: readonly { resourceType: string; resourceId: string }[],
  retryDelayMs: number,
): Promise<BaseConfigurationItem[]> {
  const out: BaseConfigurationItem[] = [];
  let pending = keys.map(({ resourceType, resourceId }) => ({ resourceType: resourceType as ResourceType, resourceId }));
  for (let round = 0; pending.length > 0; round++) {
    if (round === UNPROCESSED_ROUNDS) throw new UnprocessedKeysError(pending.map((k) => ({ resourceType: k.resourceType, resourceId: k.resourceId })));
    if (round > 0) await sleep(retryDelayMs * 2 ** (round - 1));
    const page = await client.send(new BatchGetResourceConfigCommand({ resourceKeys: pending }));
    out.push(...(page.baseConfigurationItems ?? []));
    pending = (page.unprocessedResourceKeys ?? []).flatMap((k) => (k.resourceType && k.resourceId ? [{ resourceType: k.resourceType, resourceId: k.resourceId }] : []));
  }
  return out;
}

/**
 * AWS Config's inventory of one account and region, read through the Config API. Items come
 * back in the API form (`configuration` as a JSON string, `accountId`, `arn`, `version`) and are
 * normalized like every other form.
 *
 * Mind the gap in BatchGetResourceConfig: its `BaseConfigurationItem` carries neither `tags` nor
 * `relationships`, so batchGet results read as untagged and unrelated. completeItems fills them
 * in with advanced queries naming the items (SelectResourceConfig, one query per type and up to
 * ~100 ids), far cheaper than GetResourceConfigHistory per item, which pages back seven days a
 * call.
 *
 * @example
 * const reader = createConfigReader({ client: new ConfigServiceClient({ region: 'eu-west-1' }), accountId });
 * for await (const keys of reader.listResourceKeys(['AWS::DynamoDB::Table'])) await reader.batchGet(keys);
 */
export function createConfigReader(options: ConfigReaderOptions): ConfigReader {
  const { client } = options;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const account: AccountState = { id: options.accountId };

  async function batchGetPage(keys: readonly { resourceType: string; resourceId: string }[]): Promise<AnyResource[]> {
    const out = (await batchGetItems(client, keys, retryDelayMs)).map(normalizeApiItem);
    account.id ??= out[0]?.accountId;
    return out;
  }

  return {
    async getItemAt(key, captureTime) {
      try {
        let nextToken: string | undefined;
        for (let page = 0; page < HISTORY_PAGES; page++) {
          const out = await client.send(
            new GetResourceConfigHistoryCommand({
              resourceType: key.resourceType as ResourceType,
              resourceId: key.resourceId,
              // History is newest first: the first item at or before the capture time is the one notified.
              ...(captureTime ? { laterTime: new Date(captureTime) } : {}),
              limit: 1,
              nextToken,
            }),
          );
          const item = out.configurationItems?.[0];
          if (item) return normalizeApiItem(item);
          nextToken = out.nextToken || undefined;
          if (!nextToken) return undefined;
        }
        return undefined;
      } catch (error) {
        if (error instanceof Error && error.name === 'ResourceNotDiscoveredException') return undefined;
        throw error;
      }
    },

    listResourceKeys: createConfigLister(options, account).listResourceKeys,

    async batchGet(keys) {
      const out: AnyResource[] = [];
      for (let i = 0; i < keys.length; i += MAX_KEYS) out.push(...(await batchGetPage(keys.slice(i, i + MAX_KEYS))));
      return out;
    },

    async completeItems(items) {
      const found = new Map<string, { tags: Readonly<Record<string, string>>; relationships: Relationship[] }>();
      for (const expression of selectExpressions(items)) {
        let nextToken: string | undefined;
        do {
          const page = await client.send(new SelectResourceConfigCommand({ Expression: expression.text, Limit: 100, NextToken: nextToken }));
          nextToken = page.NextToken || undefined;
          for (const row of page.Results ?? []) {
            const result = tryJson(row);
            const id = isObject(result) ? str(result['resourceId']) : undefined;
            if (!isObject(result) || id === undefined) continue;
            found.set(`${expression.resourceType}|${id}`, { tags: tagMap(result['tags']), relationships: selectedRelationships(result['relationships']) });
          }
        } while (nextToken);
      }
      return items.map((item) => {
        const extra = found.get(`${item.resourceType}|${item.resourceId}`);
        if (!extra) return item;
        // The query supplied the tags BatchGetResourceConfig lacks: they are known now.
        const { tagsRecorded: _unknownUntilNow, ...rest } = item;
        return { ...rest, tags: extra.tags, relationships: extra.relationships };
      });
    },
  };
}

/**
 * Advanced queries naming the items by id, per type, each within the expression limit. Ids that
 * cannot be quoted safely (a quote in the id) are left out: those items stay incomplete.
 */
function selectExpressions(items: readonly AnyResource[]): { resourceType: string; text: string }[] {
  const byType = new Map<string, string[]>();
  for (const item of items) {
    if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(item.resourceType) || item.resourceId.includes("'")) continue;
    const ids = byType.get(item.resourceType) ?? [];
    ids.push(item.resourceId);
    byType.set(item.resourceType, ids);
  }
  const out: { resourceType: string; text: string }[] = [];
  for (const [resourceType, ids] of byType) {
    const head = `SELECT resourceId, tags, relationships WHERE resourceType = '${resourceType}' AND resourceId IN (`;
    let chunk: string[] = [];
    const flush = (): void => {
      if (chunk.length > 0) out.push({ resourceType, text: `${head}${chunk.join(', ')})` });
      chunk = [];
    };
    for (const id of ids) {
      const quoted = `'${id}'`;
      if (head.length + [...chunk, quoted].join(', ').length + 1 > MAX_EXPRESSION) flush();
      chunk.push(quoted);
    }
    flush();
  }
  return out;
}

/** Advanced-query relationships: `resourceType`, `resourceId`, `resourceName`, and the name as `relationshipName` or `name`. */
function selectedRelationships(value: unknown): Relationship[] {
  return objs(value).flatMap((r) => {
    const resourceType = str(r['resourceType']);
    return resourceType
      ? [{ resourceType, resourceId: str(r['resourceId']), resourceName: str(r['resourceName']), name: str(pick(r, 'relationshipName', 'name')) ?? '' }]
      : [];
  });
}

/**
 * The SDK hands the API form back with its timestamps parsed into Date objects; the normalizer
 * reads the wire form (ISO strings), as notifications and snapshots carry it.
 */
function normalizeApiItem(item: ConfigurationItem | BaseConfigurationItem): AnyResource {
  const wire: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) wire[name] = value instanceof Date ? value.toISOString() : value;
  return normalizeConfigurationItem(wire);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
