/**
 * A stand-in for the findings table's DynamoDB stream where there is none: dynalite implements no
 * Streams API, and tests and local mode still need the records the notify function consumes.
 *
 * It sits in a DynamoDBClient's middleware stack and, for every successful PutItem, DeleteItem or
 * UpdateItem on the table that changed the item, emits one record in the exact shape Lambda hands a stream consumer
 * (`DynamoDBRecord` from @types/aws-lambda, StreamViewType NEW_AND_OLD_IMAGES): built from what
 * the database answered, not from what the caller meant. When the caller asked for no return
 * values, the recorder asks for ALL_OLD itself and removes them from the answer, so the caller
 * sees exactly what it asked for. A write refused by its condition records nothing, as DynamoDB
 * streams only changes.
 *
 * Differences from the service, none of which the findings store relies on:
 * - UpdateItem: the old image comes back only when the caller asked for ALL_OLD; otherwise the
 *   recorder asks for ALL_NEW and the record has no OldImage (the store writes whole items with
 *   PutItem; other writers to the table should too where a consumer needs both images).
 * - BatchWriteItem returns no old items and is not recorded (the store never batch-writes).
 * - No TTL deletions (dynalite has no TTL), hence never `userIdentity`.
 *
 * One recorder per client: a second one on the same client replaces the first.
 *
 * @example
 * const client = new DynamoDBClient(ddb.clientConfig);
 * const stream = recordStream(client, { tableName, region: 'eu-west-1' });
 * // … writes through `client` …
 * const event: DynamoDBStreamEvent = { Records: stream.take() };
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

export interface StreamRecorderOptions {
  readonly tableName: string;
  readonly region: string;
  /** Default: an ARN of the table's stream in account 000000000000, labelled with the recorder's start time. */
  readonly streamArn?: string;
  /** The table's key attributes. Default: the findings table's `pk` and `sk`. */
  readonly keyAttributes?: readonly string[];
  /** Stamps ApproximateCreationDateTime. Default: the system clock. */
  readonly now?: () => Date;
}

export interface StreamRecorder {
  /** The records since the last take, oldest first (a batch, as Lambda would pass it). */
  take(): DynamoDBRecord[];
  /** Calls `listener` with each record as it is written; returns the unsubscribe function. */
  subscribe(listener: (record: DynamoDBRecord) => void): () => void;
}

type WireValue = Record<string, unknown>;
type WireItem = Record<string, WireValue>;

const RECORDED = new Set(['PutItemCommand', 'DeleteItemCommand', 'UpdateItemCommand']);
/** Sequence numbers are 21 to 40 digits; only their order means anything. */
const SEQUENCE_BASE = 10n ** 21n;

export function recordStream(client: DynamoDBClient, options: StreamRecorderOptions): StreamRecorder {
  const now = options.now ?? (() => new Date());
  const keyAttributes = options.keyAttributes ?? ['pk', 'sk'];
  const streamArn =
    options.streamArn ?? `arn:aws:dynamodb:${options.region}:000000000000:table/${options.tableName}/stream/${now().toISOString().slice(0, -1)}`;
  let sequence = 0n;
  let pending: DynamoDBRecord[] = [];
  const listeners = new Set<(record: DynamoDBRecord) => void>();
  const forced = new WeakMap<object, true>();

  // Before serialization: ask for the old item when the caller did not ask for anything.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (!RECORDED.has(context.commandName ?? '') || input['TableName'] !== options.tableName) return next(args);
      const asked = input['ReturnValues'];
      if (asked !== undefined && asked !== 'NONE') return next(args);
      const ReturnValues = context.commandName === 'UpdateItemCommand' ? 'ALL_NEW' : 'ALL_OLD';
      forced.set(context, true);
      return next({ ...args, input: { ...input, ReturnValues } });
    },
    { step: 'initialize', name: 'vigilStreamRecorderAsk', override: true },
  );

  // After serialization the input is in wire form (the document client marshalled it then);
  // the answer is in wire form too, unless the document client already unmarshalled it.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as Record<string, unknown>;
      const command = context.commandName ?? '';
      if (!RECORDED.has(command) || input['TableName'] !== options.tableName) return result;
      const output = result.output as unknown as Record<string, unknown>;
      const documentClient = (context as { __aws_sdk_context?: { features?: Record<string, unknown> } }).__aws_sdk_context?.features?.['DDB_MAPPER'] !== undefined;
      const returned = output['Attributes'] as Record<string, unknown> | undefined;
      const attributes = returned === undefined ? undefined : documentClient ? (marshall(returned, { removeUndefinedValues: true }) as unknown as WireItem) : (returned as WireItem);
      const asked = forced.has(context) ? undefined : input['ReturnValues'];
      if (forced.has(context)) delete output['Attributes'];

      let oldImage: WireItem | undefined;
      let newImage: WireItem | undefined;
      let keySource: WireItem | undefined;
      if (command === 'PutItemCommand') {
        oldImage = attributes;
        newImage = input['Item'] as WireItem;
        keySource = newImage;
        // DynamoDB streams nothing for a write that changes no data.
        if (oldImage && canonical(oldImage) === canonical(newImage)) return result;
      } else if (command === 'DeleteItemCommand') {
        // Deleting an absent item changes nothing and streams nothing.
        if (!attributes) return result;
        oldImage = attributes;
        keySource = input['Key'] as WireItem;
      } else {
        if (asked === 'ALL_OLD') oldImage = attributes;
        else if (asked === undefined || asked === 'ALL_NEW') newImage = attributes;
        keySource = input['Key'] as WireItem;
      }
      const Keys = Object.fromEntries(keyAttributes.filter((name) => keySource?.[name] !== undefined).map((name) => [name, keySource?.[name]])) as WireItem;
      const record: DynamoDBRecord = {
        eventID: randomUUID().replaceAll('-', ''),
        eventName: command === 'DeleteItemCommand' ? 'REMOVE' : oldImage || command === 'UpdateItemCommand' ? 'MODIFY' : 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: options.region,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(now().getTime() / 1000),
          Keys: toLambda(Keys),
          ...(newImage ? { NewImage: toLambda(newImage) } : {}),
          ...(oldImage ? { OldImage: toLambda(oldImage) } : {}),
          SequenceNumber: (SEQUENCE_BASE + ++sequence).toString(),
          SizeBytes: itemSize(Keys) + (newImage ? itemSize(newImage) : 0) + (oldImage ? itemSize(oldImage) : 0),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: streamArn,
      };
      pending.push(record);
      for (const listener of listeners) listener(record);
      return result;
    },
    { step: 'build', name: 'vigilStreamRecorder', override: true },
  );

  return {
    take() {
      const out = pending;
      pending = [];
      return out;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** An item as text, whatever the order of its attributes (binary values base64). */
function canonical(item: WireItem): string {
  const sorted = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (Array.isArray(value)) return value.map(sorted);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
    }
    return value;
  };
  return JSON.stringify(sorted(item));
}

/** An item in the JSON form Lambda delivers: binary values base64-encoded. */
function toLambda(item: WireItem): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, valueToLambda(value)]));
}

function valueToLambda(value: WireValue): AttributeValue {
  if (value['B'] instanceof Uint8Array) return { B: Buffer.from(value['B']).toString('base64') };
  if (Array.isArray(value['BS'])) return { BS: (value['BS'] as Uint8Array[]).map((b) => Buffer.from(b).toString('base64')) };
  if (Array.isArray(value['L'])) return { L: (value['L'] as WireValue[]).map(valueToLambda) };
  if (typeof value['M'] === 'object' && value['M'] !== null) return { M: toLambda(value['M'] as WireItem) };
  return value as AttributeValue;
}

/**
 * DynamoDB's size of an item: attribute names plus values (strings and binaries by length,
 * numbers about one byte per two significant digits plus one, containers 3 bytes plus their
 * elements, booleans and nulls 1). The stream record's SizeBytes is the sum over its key and images.
 */
export function itemSize(item: Readonly<Record<string, object>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueSize(value as WireValue);
  return bytes;
}

function valueSize(value: WireValue): number {
  if (typeof value['S'] === 'string') return Buffer.byteLength(value['S']);
  if (typeof value['N'] === 'string') return numberSize(value['N']);
  if (value['B'] instanceof Uint8Array) return value['B'].byteLength;
  if (Array.isArray(value['SS'])) return (value['SS'] as string[]).reduce((n, s) => n + Buffer.byteLength(s), 0);
  if (Array.isArray(value['NS'])) return (value['NS'] as string[]).reduce((n, s) => n + numberSize(s), 0);
  if (Array.isArray(value['BS'])) return (value['BS'] as Uint8Array[]).reduce((n, b) => n + b.byteLength, 0);
  if (Array.isArray(value['L'])) return 3 + (value['L'] as WireValue[]).reduce((n, v) => n + 1 + valueSize(v), 0);
  if (typeof value['M'] === 'object' && value['M'] !== null) return 3 + itemSize(value['M'] as WireItem);
  return 1;
}

function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}
