/**
 * Tolerant readers for AWS Config payloads. Configuration items vary by age and path
 * (notification, API, snapshot): values arrive as JSON strings, URL-encoded documents, or
 * null-ish sentinels ("Off", null, ""). These helpers never throw on odd shapes: a field that is
 * not what it should be reads as undefined, and the rule decides what "unknown" means.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object itself, or the object a JSON string encodes (AWS nests JSON in strings), else undefined. */
export function obj(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  if (typeof value === 'string' && value.length > 1 && value.charCodeAt(0) === 123 /* { */) {
    const parsed = tryJson(value);
    return isObject(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** The array itself, the array a JSON string encodes, or [] (null and absent read as empty). */
export function arr(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.length > 1 && value.charCodeAt(0) === 91 /* [ */) {
    const parsed = tryJson(value);
    if (Array.isArray(parsed)) return parsed;
  }
  return [];
}

/** Objects of an array (other entries skipped). */
export function objs(value: unknown): readonly JsonObject[] {
  const out: JsonObject[] = [];
  for (const item of arr(value)) {
    const o = obj(item);
    if (o) out.push(o);
  }
  return out;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

export function strs(value: unknown): readonly string[] {
  const out: string[] = [];
  for (const item of arr(value)) {
    const s = str(item);
    if (s !== undefined) out.push(s);
  }
  return out;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Booleans as AWS spells them: true/false, "true"/"false" (any case), "Enabled"/"Disabled". */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'true' || v === 'enabled') return true;
    if (v === 'false' || v === 'disabled') return false;
  }
  return undefined;
}

/** First defined value among several spellings of the same field (`Arn` / `arn`, …). */
export function pick(source: JsonObject | undefined, ...keys: readonly string[]): unknown {
  if (!source) return undefined;
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** Walks a dotted path through objects and JSON strings. */
export function path(source: unknown, dotted: string): unknown {
  let current: unknown = source;
  for (const part of dotted.split('.')) {
    const o = obj(current);
    if (!o) return undefined;
    current = o[part];
  }
  return current;
}

export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * An IAM policy document as it appears in a CI: an object, a JSON string, or (IAM resource types)
 * a URL-encoded JSON string such as `%7B%22Version%22...`.
 */
export function policyDocument(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  const direct = obj(value);
  if (direct) return direct;
  if (value.includes('%')) {
    try {
      return obj(decodeURIComponent(value));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** AWS Config's `tags` come as a map (notification), a `[{key,value}]` list (API), or `[{Key,Value}]`. */
export function tagMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of objs(value)) {
      const k = str(pick(entry, 'key', 'Key', 'tagName'));
      if (k !== undefined) out[k] = str(pick(entry, 'value', 'Value', 'tagValue')) ?? '';
    }
    return out;
  }
  const o = obj(value);
  if (!o) return out;
  // The notification form is already a map of strings: take it as it is (no copy per item).
  let allStrings = true;
  for (const k in o) if (typeof o[k] !== 'string') { allStrings = false; break; }
  if (allStrings) return o as Record<string, string>;
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'string' ? v : (str(v) ?? '');
  return out;
}
