import { gunzipSync } from 'node:zlib';
import type { AnyResource } from '../domain/resource.ts';
import { isObject } from './decode.ts';
import { ItemSplitter, SplitError } from './item-splitter.ts';
import { ConfigItemError, SnapshotError } from './errors.ts';
import { normalizeConfigurationItem } from './normalize.ts';

/**
 * How a file holds its items. Only a Config snapshot file (`{"fileVersion", "configurationItems"}`,
 * what DeliverConfigSnapshot writes to S3) is a whole account's inventory of a region; an API
 * response (`{"configurationItems"}` of GetResourceConfigHistory: one resource's versions; the
 * `Results` of SelectResourceConfig), an array, NDJSON or a single item may be any selection of it.
 */
export type SnapshotForm = 'config-snapshot' | 'api-response' | 'array' | 'ndjson' | 'item';

/**
 * Reads a whole file's configuration items into resources: an AWS Config snapshot
 * (`{fileVersion, configurationItems: [...]}`), a plain JSON array of CIs, or NDJSON (one CI per
 * line); any of them gzipped. The CLI streams instead (shared/app/scan.ts); this is for small
 * inputs already in memory.
 *
 * @param fileName used only in error messages.
 * @throws SnapshotError naming the file, the item (0-based) and the field (the first problem).
 * @example
 * const resources = parseSnapshot(readFileSync('snapshot.json.gz'), 'snapshot.json.gz');
 */
export function parseSnapshot(bytes: Uint8Array, fileName: string): AnyResource[] {
  const resources: AnyResource[] = [];
  let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) {
    try {
      buffer = gunzipSync(buffer);
    } catch (error) {
      throw new SnapshotError(fileName, undefined, undefined, 'gzip data is corrupt', { cause: error });
    }
  }
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) buffer = buffer.subarray(3);
  const splitter = new ItemSplitter({
    item: (value, index) => resources.push(normalizeItem(value, index, fileName)),
    badItem: (error) => {
      throw new SnapshotError(fileName, error.item, undefined, error.message, { cause: error });
    },
  });
  try {
    splitter.push(buffer);
    splitter.end();
  } catch (error) {
    if (error instanceof SplitError) throw new SnapshotError(fileName, error.item, undefined, error.message, { cause: error });
    throw error;
  }
  return resources;
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
      throw new SnapshotError(fileName, index, error.field, `${error.message}${id}${selectHint(item, error.field)}`, { cause: error });
    }
    throw error;
  }
}

/** Fields that identify a resource; SelectResourceConfig returns only what the query selects. */
const IDENTITY_FIELDS = ['resourceType', 'resourceId', 'accountId', 'awsRegion'] as const;

/**
 * For an item missing its identity (typical of `select-resource-config` rows), which fields the
 * query must SELECT.
 */
function selectHint(item: unknown, field: string): string {
  if (!isObject(item) || !['awsAccountId', 'accountId', 'awsRegion', 'resourceId', 'resourceType'].includes(field)) return '';
  const missing = IDENTITY_FIELDS.filter((f) => item[f] === undefined && !(f === 'accountId' && item['awsAccountId'] !== undefined));
  if (missing.length === 0) return '';
  return `; for SelectResourceConfig output, the query must SELECT ${IDENTITY_FIELDS.join(', ')}, configuration, supplementaryConfiguration, tags, configurationItemStatus, configurationItemCaptureTime, configurationStateId (missing here: ${missing.join(', ')})`;
}
