/**
 * What DynamoDB would bill for the requests a client sends, in on-demand request units, from the
 * items on the wire (dynalite's ConsumedCapacity leaves out index writes, so it is not used: see
 * test/integration/dynalite-parity.test.ts).
 *
 * Rules applied (DynamoDB developer guide, "Read/write capacity mode", "Global secondary
 * indexes: provisioned throughput considerations" and "Transactions"):
 * - a write is 1 WRU per KB of the larger of the item written and the item it replaces, rounded
 *   up; a write refused by its condition still costs the item's units;
 * - each global secondary index costs the same for the projected size (ALL, except the inventory
 *   index's keys and status) when the item enters it, leaves it, or changes in it; when its index
 *   key changes, twice (the old entry deleted, the new one put). The old item comes from
 *   ReturnValues ALL_OLD, which local/stream-recorder.ts asks for on every put (no extra cost);
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
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

type AttributeValue = { S?: string; N?: string; B?: Uint8Array; BOOL?: boolean; NULL?: boolean; M?: Record<string, AttributeValue>; L?: AttributeValue[]; SS?: string[] };
type Item = Record<string, AttributeValue>;

export interface CapacityMeter {
  readonly wru: number;
  readonly rru: number;
  /** What the same writes would have cost as the transactions the store used before. */
  readonly transactionalWru: number;
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

export function meterCapacity(client: DynamoDBClient): CapacityMeter {
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
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (context.commandName === 'PutItemCommand') {
        const item = input['Item'] as Item;
        try {
          const output = await next(args);
          const old = (output.output as unknown as Record<string, unknown>)['Attributes'] as Record<string, unknown> | undefined;
          const units = putUnits(item, old ? wire(old) : undefined);
          wru += units;
          const pk = item['pk']?.S ?? '';
          const group = groups.get(pk) ?? { units: 0, onlyResource: true, resourceWritten: false };
          group.units += units;
          if (item['sk']?.S === 'META') group.resourceWritten = true;
          else group.onlyResource = false;
          groups.set(pk, group);
          return output;
        } catch (error) {
          if (error instanceof Error && error.name === 'ConditionalCheckFailedException') wru += kbOf(item);
          throw error;
        }
      }
      const output = await next(args);
      const body = output.output as unknown as Record<string, unknown>;
      switch (context.commandName) {
        case 'DeleteItemCommand':
          wru += 1;
          break;
        case 'GetItemCommand':
          rru += input['ConsistentRead'] === true ? 1 : 0.5;
          break;
        case 'QueryCommand': {
          const values = input['ExpressionAttributeValues'] as Item | undefined;
          // A resource's read starts its next write.
          if (input['IndexName'] === undefined && values?.[':pk']?.S) flush(values[':pk'].S);
          const bytes = ((body['Items'] as Record<string, unknown>[] | undefined) ?? []).reduce((n, item) => n + itemBytes(wire(item)), 0);
          rru += Math.max(1, Math.ceil(bytes / 4096)) * (input['ConsistentRead'] === true ? 1 : 0.5);
          break;
        }
        case 'BatchGetItemCommand': {
          const responses = (body['Responses'] as Record<string, Record<string, unknown>[]> | undefined) ?? {};
          for (const items of Object.values(responses)) for (const item of items) rru += Math.ceil(itemBytes(wire(item)) / 4096) * 0.5;
          break;
        }
      }
      return output;
    },
    // After the document client has marshalled the input; its output is unmarshalled by then (see wire()).
    { step: 'build', name: 'vigilCapacityMeter' },
  );
  return {
    get wru() {
      return wru;
    },
    get rru() {
      return rru;
    },
    get transactionalWru() {
      flush();
      return transactional;
    },
    reset() {
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

/** An item the document client has unmarshalled, back in wire form, to be sized. */
function wire(item: Record<string, unknown>): Item {
  return marshall(item, { removeUndefinedValues: true }) as Item;
}

/** DynamoDB's item size: attribute names plus values (strings and binaries by length, numbers ~1 byte per 2 digits). */
export function itemBytes(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[-.]/g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.M !== undefined) return 3 + itemBytes(value.M);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + valueBytes(v), 0);
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  return 1;
}
