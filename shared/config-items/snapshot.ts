import { gunzipSync } from 'node:zlib';
import type { AnyResource } from '../domain/resource.ts';
import { isObject, tryJson } from './decode.ts';
import { ConfigItemError, SnapshotError } from './errors.ts';
import { normalizeConfigurationItem } from './normalize.ts';

/**
 * Reads configuration items from a file's bytes: an AWS Config snapshot
 * (`{fileVersion, configurationItems: [...]}`), a plain JSON array of CIs, or NDJSON (one CI per
 * line); any of them gzipped.
 *
 * @param fileName used only in error messages.
 * @throws SnapshotError naming the file, the item (0-based) and the field.
 * @example
 * const resources = parseSnapshot(readFileSync('snapshot.json.gz'), 'snapshot.json.gz');
 */
export function parseSnapshot(bytes: Uint8Array, fileName: string): AnyResource[] {
  const items = rawItems(bytes, fileName);
  const resources: AnyResource[] = [];
  for (let i = 0; i < items.length; i++) {
    resources.push(normalizeItem(items[i], i, fileName));
    // Let the raw item go as soon as it is normalized: on a 100k-item snapshot, keeping every raw
    // item alive until the end doubles the live heap and the time spent collecting it.
    items[i] = undefined;
  }
  return resources;
}

/** The raw configuration items of a file, not yet normalized. */
export function rawItems(bytes: Uint8Array, fileName: string): unknown[] {
  return readItems(bytes, fileName).items;
}

/**
 * How a file holds its items. Only a Config snapshot file (`{"fileVersion", "configurationItems"}`,
 * what DeliverConfigSnapshot writes to S3) is a whole account's inventory of a region; an API
 * response (`{"configurationItems"}` of GetResourceConfigHistory: one resource's versions), an
 * array, NDJSON or a single item may be any selection of it. (Config's per-type history files in
 * the bucket share the snapshot's shape; they are not what users scan.)
 */
export type SnapshotForm = 'config-snapshot' | 'api-response' | 'array' | 'ndjson' | 'item';

/** The raw configuration items of a file and the form that held them. */
export function readItems(bytes: Uint8Array, fileName: string): { form: SnapshotForm; items: unknown[] } {
  const text = decodeText(bytes, fileName);
  const trimmed = text.trimStart();
  if (trimmed === '') throw new SnapshotError(fileName, undefined, undefined, 'the file is empty');
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      // A JSON object per line also starts with "{": fall through to NDJSON before giving up.
      if (trimmed.startsWith('{') && text.includes('\n')) return { form: 'ndjson', items: ndjson(text, fileName, error) };
      throw new SnapshotError(fileName, undefined, undefined, `not valid JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
    if (Array.isArray(document)) return { form: 'array', items: document };
    if (isObject(document)) {
      const items = document['configurationItems'];
      if (Array.isArray(items)) return { form: typeof document['fileVersion'] === 'string' ? 'config-snapshot' : 'api-response', items };
      if (typeof document['resourceType'] === 'string') return { form: 'item', items: [document] };
      throw new SnapshotError(
        fileName,
        undefined,
        'configurationItems',
        'expected a Config snapshot ({"configurationItems": [...]}), a JSON array of configuration items, or NDJSON',
      );
    }
  }
  throw new SnapshotError(fileName, undefined, undefined, 'expected JSON, NDJSON or gzip-compressed JSON');
}

function ndjson(text: string, fileName: string, firstError: unknown): unknown[] {
  const items: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    const value = tryJson(line);
    if (value === undefined) {
      throw new SnapshotError(fileName, items.length, undefined, `line ${i + 1} is not valid JSON`, { cause: firstError });
    }
    items.push(value);
  }
  return items;
}

function decodeText(bytes: Uint8Array, fileName: string): string {
  // gzip magic number 1f 8b: snapshots delivered to S3 are .json.gz.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return Buffer.from(gunzipSync(bytes)).toString('utf8');
    } catch (error) {
      throw new SnapshotError(fileName, undefined, undefined, 'gzip data is corrupt', { cause: error });
    }
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Normalizes item `index` of a file's raw items.
 *
 * @throws SnapshotError naming the file, the item and the field.
 */
export function normalizeItem(item: unknown, index: number, fileName: string): AnyResource {
  try {
    return normalizeConfigurationItem(item);
  } catch (error) {
    if (error instanceof ConfigItemError) {
      const id = isObject(item) && typeof item['resourceId'] === 'string' ? ` (${item['resourceId']})` : '';
      throw new SnapshotError(fileName, index, error.field, `${error.message}${id}`, { cause: error });
    }
    throw error;
  }
}
