/**
 * What DynamoDB would bill for the requests a client sends, in on-demand request units, from the
 * items on the wire (DynamoDB Local's own ConsumedCapacity figures do not follow the service's
 * transaction accounting, so they are not used).
 *
 * Rules applied (DynamoDB developer guide, "Read/write capacity mode" and "Transactions"):
 * - a write is 1 WRU per KB of the item, rounded up; in TransactWriteItems, 2 WRU per KB;
 *   a ConditionCheck counts as a transactional write of a 1 KB item;
 * - each global secondary index holding the item (it carries the index's key attributes) costs
 *   the same again for the projected size (ALL, except the inventory index's keys and status);
 *   an index whose key changes also deletes the old entry (one more write);
 * - a strongly consistent read is 1 RRU per 4 KB returned by the request, rounded up (a Query
 *   sums its items); eventually consistent reads (indexes, BatchGetItem) half that.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

type AttributeValue = { S?: string; N?: string; B?: Uint8Array; BOOL?: boolean; NULL?: boolean; M?: Record<string, AttributeValue>; L?: AttributeValue[]; SS?: string[] };
type Item = Record<string, AttributeValue>;

export interface CapacityMeter {
  readonly wru: number;
  readonly rru: number;
  reset(): void;
}

/** Index name → the attribute that puts an item in it (sparse indexes). */
const INDEX_KEYS = { 'open-by-severity': 'openPk', 'findings-by-rule': 'rulePk', 'findings-by-resource-type': 'typePk', inventory: 'invPk' } as const;

export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  let wru = 0;
  let rru = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      const input = args.input as Record<string, unknown>;
      const body = output.output as unknown as Record<string, unknown>;
      switch (context.commandName) {
        case 'TransactWriteItemsCommand':
          wru += transactionUnits(input['TransactItems'] as TransactItem[]);
          break;
        case 'PutItemCommand':
          wru += writeUnits(input['Item'] as Item, 1);
          break;
        case 'DeleteItemCommand':
          wru += 1;
          break;
        case 'QueryCommand': {
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
    reset() {
      wru = 0;
      rru = 0;
    },
  };
}

type TransactItem = { Put?: { Item: Item }; ConditionCheck?: unknown; Update?: unknown; Delete?: unknown };

function transactionUnits(items: readonly TransactItem[]): number {
  let units = 0;
  // Status transitions in this transaction, by rule: the finding's index keys (status) change.
  const transitions = new Map<string, string | undefined>();
  for (const op of items) {
    const item = op.Put?.Item;
    if (item?.['kind']?.S === 'history') transitions.set(item['ruleId']?.S ?? '', item['from']?.S);
  }
  for (const op of items) {
    if (op.Put) {
      units += writeUnits(op.Put.Item, 2);
      const item = op.Put.Item;
      if (item['kind']?.S === 'finding' && transitions.has(item['ruleId']?.S ?? '')) {
        const from = transitions.get(item['ruleId']?.S ?? '');
        // The old entries of the rule and type indexes (status is in their sort keys), and of the open index when it was open.
        if (from !== undefined) units += 2 * (2 + (from === 'NON_COMPLIANT' ? 1 : 0));
      }
    } else {
      units += 2;
    }
  }
  return units;
}

function writeUnits(item: Item, factor: number): number {
  const kb = Math.max(1, Math.ceil(itemBytes(item) / 1024));
  let units = kb * factor;
  for (const [index, attribute] of Object.entries(INDEX_KEYS)) {
    if (item[attribute] === undefined) continue;
    // The inventory index projects keys and status only: under 1 KB whatever the item.
    units += (index === 'inventory' ? 1 : kb) * factor;
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
