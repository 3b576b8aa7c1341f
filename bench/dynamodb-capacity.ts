/**
 * What DynamoDB would bill for the requests a client sends, in on-demand request units, from the
 * items on the wire (dynalite's ConsumedCapacity leaves out index writes, so it is not used: see
 * test/integration/dynalite-parity.test.ts). It reads requests and answers in the JSON wire form
 * (`{ "S": … }`), as the metering proxy in front of dynalite sees them (bench/pipeline-services.ts),
 * so it costs the client process nothing.
 *
 * Rules applied (DynamoDB developer guide, "Read/write capacity mode", "Global secondary
 * indexes: provisioned throughput considerations" and "Transactions"):
 * - a write is 1 WRU per KB of the larger of the item written and the item it replaces, rounded
 *   up; a write refused by its condition still costs the item's units;
 * - each global secondary index costs the same for the projected size (ALL, except the inventory
 *   index's keys and status) when the item enters it, leaves it, or changes in it; when its index
 *   key changes, twice (the old entry deleted, the new one put). The old item comes from
 *   ReturnValues ALL_OLD, which the proxy adds to every put (and removes from the answer when the
 *   client did not ask for it);
 * - a strongly consistent read is 1 RRU per 4 KB, rounded up (a Query sums its items; a GetItem
 *   counts the whole item, whatever its projection: taken as 1); eventually consistent reads
 *   (indexes, BatchGetItem) half that.
 *
 * It also prices the same writes as the transactional store before issue 7 made them: one
 * TransactWriteItems per resource write (2 WRU per KB per item and per index entry, plus a
 * ConditionCheck on the resource item, 2 WRU, when it was not written), except a write of the
 * resource item alone, which was a plain put.
 */
import { QUERY_INDEXES } from '../shared/adapters/dynamodb-findings-queries-keys.ts';

type AttributeValue = { S?: string; N?: string; B?: string; BOOL?: boolean; NULL?: boolean; M?: Record<string, AttributeValue>; L?: AttributeValue[]; SS?: string[] };
type Item = Record<string, AttributeValue>;

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export interface CapacityFigures {
  /** Requests by operation (`Query`, `PutItem` …) since the last reset. */
  readonly byOperation: Readonly<Record<string, number>>;
  readonly requests: number;
  readonly writes: number;
  readonly wru: number;
  readonly rru: number;
  /** What the same writes would have cost as the transactions the store used before. */
  readonly transactionalWru: number;
}

export interface CapacityMeter {
  /**
   * One request and its answer, both in wire form: `output` is the body of a successful answer,
   * `errorType` the `__type` of a refused one.
   */
  observe(operation: string, input: Record<string, unknown>, answer: { output?: Record<string, unknown>; errorType?: string }): void;
  figures(): CapacityFigures;
  reset(): void;
}

/** Index name → its key attributes (all indexes are sparse): infra/findings-table.yml. */
const INDEX_KEYS = {
  ...Object.fromEntries(Object.values(QUERY_INDEXES).map((index) => [index.name, [index.pk, index.sk]])),
  inventory: ['invPk', 'invSk'],
} as Readonly<Record<string, readonly [string, string]>>;

/** One resource's write: the puts between two reads of its items. */
interface WriteGroup {
  units: number;
  onlyResource: boolean;
  resourceWritten: boolean;
}

export function createCapacityMeter(): CapacityMeter {
  const byOperation: Record<string, number> = {};
  let wru = 0;
  let rru = 0;
  let transactional = 0;
  const groups = new Map<string, WriteGroup>();
  const flush = (pk?: string): void => {
    for (const [key, g] of groups) {
      if (pk !== undefined && key !== pk) continue;
      transactional += g.onlyResource ? g.units : 2 * g.units + (g.resourceWritten ? 0 : 2);
      groups.delete(key);
    }
  };
  return {
    observe(operation, input, { output, errorType }) {
      byOperation[operation] = (byOperation[operation] ?? 0) + 1;
      if (operation === 'PutItem') {
        const item = input['Item'] as Item;
        if (errorType?.endsWith('ConditionalCheckFailedException')) wru += kbOf(item);
        if (!output) return;
        const units = putUnits(item, output['Attributes'] as Item | undefined);
        wru += units;
        const pk = item['pk']?.S ?? '';
        const group = groups.get(pk) ?? { units: 0, onlyResource: true, resourceWritten: false };
        group.units += units;
        if (item['sk']?.S === 'META') group.resourceWritten = true;
        else group.onlyResource = false;
        groups.set(pk, group);
        return;
      }
      if (!output) return;
      switch (operation) {
        case 'DeleteItem':
          wru += 1;
          break;
        case 'GetItem':
          rru += input['ConsistentRead'] === true ? 1 : 0.5;
          break;
        case 'Query': {
          const values = input['ExpressionAttributeValues'] as Item | undefined;
          // A resource's read starts its next write.
          if (input['IndexName'] === undefined && values?.[':pk']?.S) flush(values[':pk'].S);
          const bytes = ((output['Items'] as Item[] | undefined) ?? []).reduce((n, item) => n + itemBytes(item), 0);
          rru += Math.max(1, Math.ceil(bytes / 4096)) * (input['ConsistentRead'] === true ? 1 : 0.5);
          break;
        }
        case 'BatchGetItem': {
          const responses = (output['Responses'] as Record<string, Item[]> | undefined) ?? {};
          for (const items of Object.values(responses)) for (const item of items) rru += Math.ceil(itemBytes(item) / 4096) * 0.5;
          break;
        }
      }
    },
    figures() {
      flush();
      const counts = Object.entries(byOperation);
      return {
        byOperation: { ...byOperation },
        requests: counts.reduce((n, [, c]) => n + c, 0),
        writes: counts.reduce((n, [name, c]) => (WRITES.has(name) ? n + c : n), 0),
        wru,
        rru,
        transactionalWru: transactional,
      };
    },
    reset() {
      for (const name of Object.keys(byOperation)) delete byOperation[name];
      groups.clear();
      wru = 0;
      rru = 0;
      transactional = 0;
    },
  };
}

function kbOf(item: Item): number {
  return Math.max(1, Math.ceil(itemBytes(item) / 1024));
}

/** A put's units: the table's, then each index the old or the new item is in. */
function putUnits(item: Item, old: Item | undefined): number {
  const kb = Math.max(kbOf(item), old ? kbOf(old) : 0);
  let units = kb;
  for (const [index, [hash, range]] of Object.entries(INDEX_KEYS)) {
    const before = old?.[hash] ? `${old[hash]?.S}|${old[range]?.S}` : undefined;
    const after = item[hash] ? `${item[hash]?.S}|${item[range]?.S}` : undefined;
    if (before === undefined && after === undefined) continue;
    // The inventory index projects keys and status only: under 1 KB whatever the item.
    const size = index === 'inventory' ? 1 : kb;
    units += before !== undefined && after !== undefined && before !== after ? 2 * size : size;
  }
  return units;
}

/** DynamoDB's item size: attribute names plus values (strings by length, binaries as decoded from base64, numbers ~1 byte per 2 digits). */
export function itemBytes(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[-.]/g, '').length / 2) + 1;
  if (value.B !== undefined) return Buffer.byteLength(value.B, 'base64');
  if (value.M !== undefined) return 3 + itemBytes(value.M);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + valueBytes(v), 0);
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  return 1;
}
