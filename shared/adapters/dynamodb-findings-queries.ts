/**
 * The findings API's reads on the findings table (the read side of DESIGN §4): every call is one
 * DynamoDB Query or GetItem on a key or an index, never a Scan, and reads at most
 * 2 × the page size + 1 items. Index layout: dynamodb-findings-queries-keys.ts.
 */
import { gunzipSync } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod.ts';
import type { FindingFilters, FindingsPage, FindingsReader, HistoryEntry, PagePosition, SummaryCounts } from '../app/api/ports.ts';
import { parseResource } from '../app/resource-schema.ts';
import { EvaluationStatus } from '../domain/evaluation.ts';
import { storedFindingSchema, type Finding } from '../domain/finding.ts';
import type { AnyResource, ResourceKey } from '../domain/resource.ts';
import { Severity } from '../domain/severity.ts';
import { readSummaryCounts } from './dynamodb-findings-queries-summary.ts';
import { planFindingsQuery } from './dynamodb-findings-queries-plan.ts';
import { HEARTBEAT_PK } from './dynamodb-heartbeats.ts';

/** What the api function calls on the table (its role grants exactly these). */
export const findingsQueriesIamActions = ['dynamodb:GetItem', 'dynamodb:Query'] as const;

const META = 'META';
const RULE = 'RULE#';
const HISTORY = 'HIST#';

export interface FindingsQueriesOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The deploy-time tag keys findings carry, in index-slot order (FINDING_TAG_KEYS). */
  readonly tagKeys?: readonly string[];
  /** The clock a change-feed walk starts at. */
  readonly now?: () => Date;
}

/** What a query reads of a finding item: the stored finding; keys and bookkeeping are left out. */
const findingItemSchema = storedFindingSchema;
const historyItemSchema = z.object({
  at: z.string(),
  from: z.optional(z.enum(EvaluationStatus)),
  to: z.enum(EvaluationStatus),
  severity: z.enum(Severity),
  reason: z.string(),
  suppressed: z.boolean(),
  ruleId: z.string(),
});

/** A stored item that does not read as what its key says it is. */
export class CorruptFindingItemError extends Error {
  override readonly name = 'CorruptFindingItemError';
}

/**
 * @example
 * const reader = createFindingsQueries({ client: new DynamoDBClient({}), tableName: 'vigil-prod-findings', tagKeys: ['team'] });
 * const page = await reader.listFindings({ severity: 'high' }, { limit: 50 });
 */
export function createFindingsQueries(options: FindingsQueriesOptions): FindingsReader {
  const doc = DynamoDBDocumentClient.from(options.client);
  const TableName = options.tableName;
  const tagKeys = options.tagKeys ?? [];
  const now = options.now ?? (() => new Date());

  const query = (input: Omit<QueryCommandInput, 'TableName'>) => doc.send(new QueryCommand({ ...input, TableName }));

  return {
    async listFindings(filters: FindingFilters, page): Promise<FindingsPage> {
      const plan = planFindingsQuery(filters, tagKeys, { now, extra: page.extra });
      if (plan.kind === 'unsupported') return plan;
      // One more than the page: a full page then says for sure whether more follow.
      const result = await query({ ...plan.input, Limit: page.limit + 1, ExclusiveStartKey: page.after, ScanIndexForward: false });
      const items = result.Items ?? [];
      const pageItems = items.slice(0, page.limit);
      const last = items.length > page.limit ? positionOf(pageItems.at(-1), plan.keyAttributes) : (result.LastEvaluatedKey as PagePosition | undefined);
      return { kind: 'page', items: pageItems.map(toFinding), last, extra: plan.extra, itemsRead: result.ScannedCount ?? items.length };
    },

    async getFinding(key, ruleId) {
      const result = await doc.send(new GetCommand({ TableName, Key: { pk: resourcePk(key), sk: `${RULE}${ruleId}` } }));
      return result.Item ? toFinding(result.Item) : undefined;
    },

    async findingHistory(key, ruleId, page) {
      // History items are keyed HIST#{ruleId}#{version}#{id}: one finding's history is one key
      // range, newest first. A retried or raced write can leave an item off the finding's chain
      // (its historyId, then each item's previousId); the walk follows the chain and skips those,
      // so a page reads at most 2 × its size + 1 items and may come out short, with a cursor.
      let expect = page.expect;
      if (page.after === undefined) {
        const head = await doc.send(new GetCommand({ TableName, Key: { pk: resourcePk(key), sk: `${RULE}${ruleId}` }, ProjectionExpression: 'historyId' }));
        expect = typeof head.Item?.['historyId'] === 'string' ? head.Item['historyId'] : undefined;
      }
      if (expect === undefined) return { items: [] };
      const result = await query({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': resourcePk(key), ':h': `${HISTORY}${ruleId}#` },
        ScanIndexForward: false,
        Limit: 2 * page.limit + 1,
        ExclusiveStartKey: page.after,
      });
      const items: HistoryEntry[] = [];
      let last: Record<string, unknown> | undefined;
      for (const item of result.Items ?? []) {
        if (items.length === page.limit) break;
        last = item;
        if (item['historyId'] !== expect) continue;
        items.push(toHistory(item));
        expect = typeof item['previousId'] === 'string' ? item['previousId'] : undefined;
        if (expect === undefined) break;
      }
      const more = expect !== undefined && (items.length === page.limit || result.LastEvaluatedKey !== undefined);
      const position = last && last !== result.Items?.at(-1) ? positionOf(last, {}) : (result.LastEvaluatedKey as PagePosition | undefined) ?? positionOf(last, {});
      return { items, ...(more && position && expect ? { last: position, expect } : {}) };
    },

    async getResource(key) {
      const pk = resourcePk(key);
      let resource: AnyResource | undefined;
      const findings: Finding[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      // One resource item and one finding per rule that judged it: a page or two at most.
      do {
        const result = await query({
          KeyConditionExpression: 'pk = :pk AND sk >= :meta',
          ExpressionAttributeValues: { ':pk': pk, ':meta': META },
          ExclusiveStartKey,
        });
        for (const item of result.Items ?? []) {
          const sk = String(item['sk']);
          if (sk === META) resource = decodeResource(item);
          else if (sk.startsWith(RULE)) findings.push(toFinding(item));
        }
        ExclusiveStartKey = result.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return resource ? { resource, findings } : undefined;
    },

    readSummary(): Promise<SummaryCounts> {
      return readSummaryCounts(doc, TableName);
    },

    async ping() {
      await doc.send(new GetCommand({ TableName, Key: { pk: HEARTBEAT_PK, sk: 'ping' } }));
    },
  };
}

/** The store's partition key of a resource (same as shared/adapters/dynamodb-findings-store.ts). */
export function resourcePk(key: ResourceKey): string {
  return `RES#${key.accountId}#${key.region}#${key.resourceType}#${key.resourceId}`;
}

function positionOf(item: Record<string, unknown> | undefined, keys: Readonly<Record<string, string>>): PagePosition | undefined {
  if (!item) return undefined;
  const position: Record<string, string> = { pk: String(item['pk']), sk: String(item['sk']) };
  for (const attribute of Object.values(keys)) position[attribute] = String(item[attribute]);
  return position;
}

function toFinding(item: Record<string, unknown>): Finding {
  const parsed = findingItemSchema.safeParse(item);
  if (!parsed.success) throw new CorruptFindingItemError(`findings table item ${String(item['pk'])} / ${String(item['sk'])} is not a finding`, { cause: parsed.error });
  return parsed.data;
}

function toHistory(item: Record<string, unknown>): HistoryEntry {
  const parsed = historyItemSchema.safeParse(item);
  if (!parsed.success) throw new CorruptFindingItemError(`findings table item ${String(item['pk'])} / ${String(item['sk'])} is not a history entry`, { cause: parsed.error });
  const { at, from, to, severity, reason, suppressed } = parsed.data;
  return { at, from, to, severity, reason, suppressed };
}

function decodeResource(item: Record<string, unknown>): AnyResource {
  const raw = item['resource'];
  const gz = item['resourceGz'];
  const json = typeof raw === 'string' ? raw : gz instanceof Uint8Array ? gunzipSync(gz).toString('utf8') : undefined;
  if (json === undefined) throw new CorruptFindingItemError(`findings table item ${String(item['pk'])} / META has no resource`);
  try {
    return parseResource(JSON.parse(json));
  } catch (error) {
    throw new CorruptFindingItemError(`findings table item ${String(item['pk'])} / META does not parse`, { cause: error });
  }
}


/** What the api function writes through the store: suppression items only (its role confines them to their partition). */
export const suppressionWritesIamActions = ['dynamodb:PutItem', 'dynamodb:DeleteItem'] as const;
