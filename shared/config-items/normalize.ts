import * as z from '../zod.ts';
import {
  ACCOUNT_RESOURCE_TYPE,
  ConfigItemStatus,
  type AnyResource,
  type GenericModel,
  type KnownResourceType,
  type Relationship,
} from '../domain/resource.ts';
import { isObject, obj, objs, pick, str, tagMap, tryJson, type JsonObject } from './decode.ts';
import { ConfigItemError } from './errors.ts';
import type { ModelInput, ModelNormalizer, ModelRegistry } from './model-registry.ts';
import { modelNormalizers } from './models/index.ts';
import { missingRecordedField } from './recorded-fields.ts';

/** `AWS::Service::Type` (the account pseudo type `AWS::::Account` has an empty service). */
const RESOURCE_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/;
/** ISO 8601 as AWS writes it; ranges checked in the pattern (cheaper than Date.parse, which rolls Feb 31 over anyway). */
const ISO_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;
/** `configurationStateId`: epoch millis today (number or digit string); a UUID in 2014-era snapshots. */
const STATE_ID = /^(?:\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/**
 * Epoch seconds below this are seconds (until the year 5138); a larger number is most likely
 * epoch millis, which no AWS path sends for this field: refused rather than guessed.
 */
const MAX_EPOCH_SECONDS = 1e11;

const text = z.string().check(z.minLength(1));
const tagEntry = z.looseObject({}).check(
  z.refine(
    (e: Record<string, unknown>) => ['key', 'Key', 'tagName'].some((k) => typeof e[k] === 'string'),
    'expected tag entries like {"key": "…", "value": "…"}',
  ),
);

/**
 * The documented shape of a configuration item, in both forms (see
 * ../shared/reference/aws-config-formats.md §1–6): the notification form (`awsAccountId`, `ARN`,
 * `configuration` as an object, `relationships[].name`) and the API form (`accountId`, `arn`,
 * `configuration` as a JSON string, `relationships[].relationshipName`, capture time as epoch
 * seconds on the wire), plus the 2014 snapshot spellings (`configurationStateID` as a UUID,
 * `availibilityZone`). Only fields some rule or the store reads are checked; others pass as they
 * are. Whether `configuration` may be null depends on the status and the type, which
 * `normalizeConfigurationItem` checks after this.
 */
export const configurationItemSchema = z.looseObject({
  resourceType: z.string().check(z.regex(RESOURCE_TYPE, 'expected a type such as AWS::S3::Bucket')),
  resourceId: z.optional(text),
  resourceName: z.nullish(z.string()),
  configurationItemStatus: z.optional(z.enum(ConfigItemStatus)),
  awsRegion: z.optional(text),
  awsAccountId: z.optional(text),
  accountId: z.optional(text),
  ARN: z.nullish(z.string().check(z.startsWith('arn:', 'expected an ARN (arn:…)'))),
  arn: z.nullish(z.string().check(z.startsWith('arn:', 'expected an ARN (arn:…)'))),
  configurationItemCaptureTime: z.nullish(
    z.union([z.string().check(z.regex(ISO_TIME)), z.number().check(z.positive(), z.lt(MAX_EPOCH_SECONDS))], {
      error: 'expected an ISO 8601 time (2026-11-20T09:12:44.512Z) or epoch seconds (1502510556.116)',
    }),
  ),
  configurationStateId: z.nullish(
    z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(STATE_ID))], {
      error: 'expected epoch milliseconds (a number or a string of digits) or a UUID',
    }),
  ),
  configurationStateID: z.nullish(z.string().check(z.regex(STATE_ID, 'expected epoch milliseconds or a UUID'))),
  relationships: z.nullish(
    z.array(
      z.looseObject({
        resourceType: z.optional(z.string()),
        resourceId: z.nullish(z.string()),
        resourceName: z.nullish(z.string()),
        name: z.nullish(z.string()),
        relationshipName: z.nullish(z.string()),
      }),
      { error: 'expected a list of relationships ({"resourceType", "resourceId", "name"})' },
    ),
  ),
  tags: z.nullish(
    z.union([z.record(z.string(), z.nullable(z.string())), z.array(tagEntry)], {
      error: 'expected a map of tag keys to values ({"Owner": "payments"}) or a list of {"key", "value"}',
    }),
  ),
  supplementaryConfiguration: z.nullish(
    z.union([z.looseObject({}), z.string().check(z.startsWith('{'))], { error: 'expected an object of supplementary configuration' }),
  ),
});

/**
 * Statuses whose item describes a resource that exists and is recorded: its `configuration` is
 * what the rules read, so it must be there. Deleted and not-recorded items carry null.
 */
const RECORDED: ReadonlySet<ConfigItemStatus> = new Set([ConfigItemStatus.OK, ConfigItemStatus.ResourceDiscovered]);

/**
 * Normalizes one configuration item (notification, API or snapshot form) into a Resource with
 * the typed model of its resource type.
 *
 * @throws ConfigItemError naming the field when the item does not have the documented shape, or
 * lacks what the rules of its type need: an OK item without its `configuration`, or without a
 * field AWS Config records in every item of the type (RECORDED_FIELDS).
 * @example
 * const table = normalizeConfigurationItem(event.detail.configurationItem);
 * table.model; // DynamoDbTable
 */
export function normalizeConfigurationItem(raw: unknown): AnyResource {
  return normalizeWithModels(raw, modelNormalizers);
}

/**
 * normalizeConfigurationItem with `models` for the typed models (other types get the generic
 * model): for code that only ever meets a few types and should not bundle every model, like the
 * collectors (shared/adapters/collectors/_collected-item.ts).
 */
export function normalizeWithModels(raw: unknown, models: ModelRegistry): AnyResource {
  if (!isObject(raw)) throw new ConfigItemError('(item)', 'a configuration item must be a JSON object');
  const ci = readEnvelope(raw);
  const accountId = ci.awsAccountId ?? ci.accountId;
  if (!accountId) throw new ConfigItemError('awsAccountId', 'missing account id (awsAccountId or accountId)');
  if (!ci.awsRegion) throw new ConfigItemError('awsRegion', 'missing region');
  const arn = ci.ARN ?? ci.arn ?? undefined;
  const resourceId = ci.resourceId ?? (arn ? RESOURCE_ID_FROM_ARN.exec(arn)?.[1] : undefined);
  if (!resourceId) throw new ConfigItemError('resourceId', 'missing resource id');
  const status = ci.configurationItemStatus ?? ConfigItemStatus.OK;
  const normalizer = (models as Readonly<Record<string, ModelNormalizer<KnownResourceType> | undefined>>)[ci.resourceType];
  // The account pseudo-resource's model comes from collectors, not from `configuration`.
  const needsConfiguration = normalizer !== undefined && ci.resourceType !== ACCOUNT_RESOURCE_TYPE;
  const configuration = readConfiguration(raw['configuration'], status, needsConfiguration);
  if (needsConfiguration && RECORDED.has(status)) {
    const missing = missingRecordedField(ci.resourceType, configuration, raw['supplementaryConfiguration']);
    if (missing !== undefined) {
      const field = missing.startsWith('supplementaryConfiguration.') ? missing : `configuration.${missing}`;
      throw new ConfigItemError(
        field,
        `${field} is missing: AWS Config records it in every ${ci.resourceType} item, and the rules for the type read what it holds`,
      );
    }
  }
  const supplementary = decodeValues(obj(raw['supplementaryConfiguration']));
  const resourceName = ci.resourceName ?? undefined;
  // No `tags` at all (BatchGetResourceConfig's items have none) is not "no tags": rules that
  // read tags must not take it for an untagged resource.
  const tagsRecorded = raw['tags'] !== undefined && raw['tags'] !== null;
  const tags = tagMap(raw['tags']);
  const relationships = normalizeRelationships(raw['relationships']);

  const input: ModelInput = { resourceId, resourceName, arn, configuration, supplementary, tags, relationships };
  const model: unknown = normalizer
    ? normalizer(input)
    : ({ configuration, supplementaryConfiguration: supplementary } satisfies GenericModel);

  return {
    accountId,
    region: ci.awsRegion,
    resourceType: ci.resourceType,
    resourceId,
    resourceName,
    arn,
    availabilityZone: str(pick(raw, 'availabilityZone', 'availibilityZone')),
    status,
    captureTime: captureTimeOf(ci.configurationItemCaptureTime),
    configurationStateId: stateId(ci.configurationStateId ?? ci.configurationStateID),
    tags,
    ...(tagsRecorded ? {} : { tagsRecorded: false }),
    relationships,
    model,
  };
}

const RESOURCE_ID_FROM_ARN = /[:/]([^:/]+)$/;

/**
 * `configuration` as an object. The API form carries it as a JSON string; deleted and
 * not-recorded items carry null, which real GetResourceConfigHistory output also spells as the
 * JSON string "null": both read as "no configuration". An item that exists (OK or
 * ResourceDiscovered) of a type some model reads must carry a non-empty one: without it every
 * rule would judge defaults, not the resource.
 */
function readConfiguration(value: unknown, status: ConfigItemStatus, modelled: boolean): JsonObject {
  const absent = value === undefined || value === null || value === 'null';
  const configuration = absent ? EMPTY : obj(value);
  if (!configuration) {
    throw new ConfigItemError('configuration', 'configuration is neither an object nor a JSON-encoded object');
  }
  if (modelled && RECORDED.has(status) && isEmpty(configuration)) {
    throw new ConfigItemError(
      'configuration',
      `configuration is ${absent ? (value === undefined ? 'missing' : 'null') : 'empty'} on an item with status ${status}: the rules for its type read it (only deleted or not-recorded items may omit it)`,
    );
  }
  return configuration;
}

const EMPTY: JsonObject = Object.freeze({});

function isEmpty(o: JsonObject): boolean {
  for (const _ in o) return false;
  return true;
}

type Envelope = z.infer<typeof configurationItemSchema>;
const STATUSES: ReadonlySet<unknown> = new Set(Object.values(ConfigItemStatus));

function readEnvelope(raw: JsonObject): Envelope {
  if (isWellFormed(raw)) return raw as Envelope;
  const parsed = configurationItemSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(item)';
    throw new ConfigItemError(field, issue?.message ?? 'invalid configuration item');
  }
  return parsed.data;
}

const optionalText = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v !== '');
const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optionalArn = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.startsWith('arn:'));

/**
 * The schema's checks, by hand, for the common well-formed item: zod costs a few µs an item,
 * which is a third of a 100k-item scan's budget. It accepts a subset of what the schema accepts;
 * anything unusual returns false and goes through the schema, which decides and says what is
 * wrong.
 */
function isWellFormed(raw: JsonObject): boolean {
  const { resourceType, resourceId, resourceName, configurationItemStatus, awsRegion, awsAccountId, accountId, ARN, arn } = raw;
  if (typeof resourceType !== 'string' || !RESOURCE_TYPE.test(resourceType)) return false;
  if (!optionalText(resourceId) || !optionalText(awsRegion) || !optionalText(awsAccountId) || !optionalText(accountId)) return false;
  if (resourceName !== undefined && resourceName !== null && typeof resourceName !== 'string') return false;
  if (configurationItemStatus !== undefined && !STATUSES.has(configurationItemStatus)) return false;
  if (!optionalArn(ARN) || !optionalArn(arn)) return false;
  const time = raw['configurationItemCaptureTime'];
  if (time !== undefined && !(typeof time === 'string' && ISO_TIME.test(time))) return false;
  const state = raw['configurationStateId'];
  if (state !== undefined && !(typeof state === 'number' && Number.isSafeInteger(state) && state >= 0)
    && !(typeof state === 'string' && STATE_ID.test(state))) return false;
  if (raw['configurationStateID'] !== undefined) return false;
  const relationships = raw['relationships'];
  if (relationships !== undefined) {
    if (!Array.isArray(relationships)) return false;
    for (const r of relationships) {
      if (!isObject(r)) return false;
      const { resourceType: type, resourceId: id, resourceName: name, name: label, relationshipName } = r;
      if (!optionalString(type) || !optionalString(id) || !optionalString(name) || !optionalString(label) || !optionalString(relationshipName)) return false;
    }
  }
  const tags = raw['tags'];
  if (tags !== undefined && tags !== null) {
    if (!isObject(tags)) return false;
    for (const k in tags) if (typeof tags[k] !== 'string') return false;
  }
  const supplementary = raw['supplementaryConfiguration'];
  return supplementary === undefined || supplementary === null || isObject(supplementary);
}

/** Epoch seconds (the API's wire form) become the ISO time the notification form carries. */
function captureTimeOf(value: string | number | null | undefined): string | undefined {
  if (typeof value === 'number') return new Date(Math.round(value * 1000)).toISOString();
  return value ?? undefined;
}

/**
 * supplementaryConfiguration values arrive as JSON strings in the API form (and some, like S3's
 * AccessControlList, in every form): decode each once here, so models never parse the same
 * string twice.
 */
function decodeValues(source: JsonObject | undefined): JsonObject {
  if (!source) return {};
  let out: Record<string, unknown> | undefined;
  for (const key in source) {
    const value = source[key];
    if (typeof value !== 'string' || value.length < 2) continue;
    const first = value.charCodeAt(0);
    if (first !== 123 /* { */ && first !== 91 /* [ */) continue;
    const decoded = tryJson(value);
    if (decoded === undefined) continue;
    (out ??= { ...source })[key] = decoded;
  }
  return out ?? source;
}

/** `relationships` in either form (`name` in notifications, `relationshipName` in the API). */
export function normalizeRelationships(value: unknown): Relationship[] {
  return objs(value).flatMap((r) => {
    const resourceType = str(r['resourceType']);
    if (!resourceType) return [];
    return [
      {
        resourceType,
        resourceId: str(r['resourceId']),
        resourceName: str(r['resourceName']),
        name: str(pick(r, 'name', 'relationshipName')) ?? '',
      },
    ];
  });
}

/** Current CIs carry epoch millis (number or digit string); 2014-era snapshots carry a UUID: unordered. */
function stateId(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
