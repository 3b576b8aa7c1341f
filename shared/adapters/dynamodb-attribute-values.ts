/**
 * Items to and from DynamoDB's attribute values (`{ S: … }`, `{ N: … }`, …), for the findings
 * store, which sends them with the low-level client.
 *
 * Why not the document client (@aws-sdk/lib-dynamodb): it walks every command's input and output
 * through generic marshalling (class and set detection, options) and adds its own middleware to
 * each request; in the evaluate function, whose CPU per configuration change is mostly the SDK's
 * per-request work, that was ~5% (bench/pipeline.ts). The findings store writes only plain
 * records of strings, numbers, booleans, binaries, lists and maps, so the conversion is short.
 * It follows the document client's `removeUndefinedValues: true` and its number rules (no NaN or
 * Infinity, nothing beyond Number.MAX_SAFE_INTEGER on the way in; such a number read back is a
 * BigInt, which no item schema accepts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type { AttributeValue } from '@aws-sdk/client-dynamodb';
export type WireItem = Record<string, AttributeValue>;

/** A record as an item: undefined attributes are left out. */
export function toItem(record: Readonly<Record<string, unknown>>): WireItem {
  const item: WireItem = {};
  for (const name in record) {
    const value = record[name];
    if (value !== undefined) item[name] = toValue(value, name);
  }
  return item;
}

function toValue(value: unknown, path: string): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: special numeric value ${value} is not allowed`);
      if (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER) throw new TypeError(`${path}: number ${value} is beyond Number.MAX_SAFE_INTEGER`);
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    case 'object': {
      if (value === null) return { NULL: true };
      if (value instanceof Uint8Array) return { B: value };
      if (Array.isArray(value)) {
        const list: AttributeValue[] = [];
        value.forEach((v: unknown, i) => {
          if (v !== undefined) list.push(toValue(v, `${path}[${i}]`));
        });
        return { L: list };
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`${path}: cannot store a ${(value as object).constructor?.name ?? 'class instance'}`);
      const map: WireItem = {};
      for (const [name, v] of Object.entries(value)) if (v !== undefined) map[name] = toValue(v, `${path}.${name}`);
      return { M: map };
    }
    default:
      throw new TypeError(`${path}: cannot store a ${typeof value}`);
  }
}

/** An item as a record. */
export function fromItem(item: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const name in item) {
    const value = item[name];
    if (value !== undefined) record[name] = fromValue(value);
  }
  return record;
}

function fromValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return fromNumber(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return value.B;
  if (value.M !== undefined) return fromItem(value.M);
  if (value.L !== undefined) return value.L.map(fromValue);
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(fromNumber));
  if (value.BS !== undefined) return new Set(value.BS);
  throw new TypeError(`unsupported attribute value: ${Object.keys(value).join(', ')}`);
}

function fromNumber(text: string): number | bigint {
  const n = Number(text);
  // As the document client: a number past the safe range is read exactly, as a BigInt.
  if ((n > Number.MAX_SAFE_INTEGER || n < Number.MIN_SAFE_INTEGER) && Number.isFinite(n)) return BigInt(text);
  return n;
}
