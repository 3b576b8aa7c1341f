import { isObject, tryJson } from '../../shared/config-items/decode.ts';

/** Envelope fields that identify an item and say when it was recorded: kept in an absent-data case. */
const ENVELOPE = new Set([
  'version',
  'configurationItemVersion',
  'accountId',
  'awsAccountId',
  'awsRegion',
  'availabilityZone',
  'resourceType',
  'resourceId',
  'resourceName',
  'ARN',
  'arn',
  'configurationItemStatus',
  'configurationItemCaptureTime',
  'configurationStateId',
]);

/**
 * A configuration item with its data absent: the same resource, identified as before, whose
 * `configuration` keeps only the fields that repeat its identity (its name, id or ARN, such as
 * `tableName` or `FunctionArn`), with no supplementary configuration, tags or relationships.
 * What a rule sees when a recorder, a query or a hand-made file leaves the data out. The
 * configuration stays in the form (object or JSON string) the item had.
 */
export function absentDataItem(ci: unknown): Record<string, unknown> {
  if (!isObject(ci)) throw new Error('a fixture subject must be a configuration item');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ci)) if (ENVELOPE.has(key)) out[key] = value;
  const identity = new Set(
    [ci['resourceId'], ci['resourceName'], ci['ARN'], ci['arn']].filter((v): v is string => typeof v === 'string'),
  );
  const raw = ci['configuration'];
  const configuration = typeof raw === 'string' ? tryJson(raw) : raw;
  if (isObject(configuration)) {
    const kept = Object.fromEntries(
      Object.entries(configuration).filter(([, value]) => typeof value === 'string' && identity.has(value)),
    );
    out['configuration'] = typeof raw === 'string' ? JSON.stringify(kept) : kept;
  }
  return out;
}
