import { z } from 'zod';
import {
  ConfigItemStatus,
  type AnyResource,
  type GenericModel,
  type KnownResourceType,
  type Relationship,
} from '../domain/resource.ts';
import { isObject, obj, objs, pick, str, tagMap, tryJson, type JsonObject } from './decode.ts';
import { ConfigItemError } from './errors.ts';
import type { ModelInput, ModelNormalizer } from './model-registry.ts';
import { modelNormalizers } from './models/index.ts';

/**
 * The envelope of a configuration item in any of its forms. Field spellings differ by path
 * (see ../shared/reference/aws-config-formats.md §5–6): `awsAccountId` | `accountId`, `ARN` | `arn`,
 * `configurationStateId` | `configurationStateID`, `availabilityZone` | `availibilityZone`.
 * Only what identifies the resource is required; everything else is read tolerantly.
 */
const envelopeSchema = z.looseObject({
  resourceType: z.string().regex(/^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/, 'expected a type such as AWS::S3::Bucket'),
  resourceId: z.string().min(1).optional(),
  resourceName: z.string().nullish(),
  configurationItemStatus: z.enum(ConfigItemStatus).optional(),
  awsRegion: z.string().min(1).optional(),
  awsAccountId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
});

const RESOURCE_ID_FROM_ARN = /[:/]([^:/]+)$/;

/**
 * Normalizes one configuration item (notification, API or snapshot form) into a Resource with
 * the typed model of its resource type.
 *
 * @throws ConfigItemError naming the field when the item cannot identify a resource.
 * @example
 * const table = normalizeConfigurationItem(event.detail.configurationItem);
 * table.model; // DynamoDbTable
 */
export function normalizeConfigurationItem(raw: unknown): AnyResource {
  if (!isObject(raw)) throw new ConfigItemError('(item)', 'a configuration item must be a JSON object');
  const ci = readEnvelope(raw);
  const accountId = ci.awsAccountId ?? ci.accountId;
  if (!accountId) throw new ConfigItemError('awsAccountId', 'missing account id (awsAccountId or accountId)');
  if (!ci.awsRegion) throw new ConfigItemError('awsRegion', 'missing region');
  const arn = str(pick(raw, 'ARN', 'arn'));
  const resourceId = ci.resourceId ?? (arn ? RESOURCE_ID_FROM_ARN.exec(arn)?.[1] : undefined);
  if (!resourceId) throw new ConfigItemError('resourceId', 'missing resource id');

  // API form: `configuration` is a JSON string. Not recorded / deleted items carry null.
  const rawConfiguration = raw['configuration'];
  const configuration = rawConfiguration === null || rawConfiguration === undefined ? {} : obj(rawConfiguration);
  if (!configuration) {
    throw new ConfigItemError('configuration', 'configuration is neither an object nor a JSON-encoded object');
  }
  const supplementary = decodeValues(obj(raw['supplementaryConfiguration']));
  const status = ci.configurationItemStatus ?? ConfigItemStatus.OK;
  const resourceName = ci.resourceName ?? undefined;
  const tags = tagMap(raw['tags']);
  const relationships = normalizeRelationships(raw['relationships']);

  const input: ModelInput = { resourceId, resourceName, arn, configuration, supplementary, tags, relationships };
  const model = buildModel(ci.resourceType, input);

  return {
    accountId,
    region: ci.awsRegion,
    resourceType: ci.resourceType,
    resourceId,
    resourceName,
    arn,
    availabilityZone: str(pick(raw, 'availabilityZone', 'availibilityZone')),
    status,
    captureTime: str(raw['configurationItemCaptureTime']),
    configurationStateId: stateId(pick(raw, 'configurationStateId', 'configurationStateID')),
    tags,
    relationships,
    model,
  };
}

type Envelope = z.infer<typeof envelopeSchema>;
const RESOURCE_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/;
const STATUSES: ReadonlySet<unknown> = new Set(Object.values(ConfigItemStatus));

function readEnvelope(raw: JsonObject): Envelope {
  const quick = quickEnvelope(raw);
  if (quick) return quick;
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(item)';
    throw new ConfigItemError(field, issue?.message ?? 'invalid configuration item');
  }
  return parsed.data;
}

const optionalText = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v !== '');

/**
 * The envelope schema's checks, by hand, for the common well-formed item: zod costs ~3 µs an
 * item, which is a third of a 100k-item scan's budget. Anything unusual returns undefined and
 * goes through the schema, which also says what is wrong.
 */
function quickEnvelope(raw: JsonObject): Envelope | undefined {
  const { resourceType, resourceId, resourceName, configurationItemStatus, awsRegion, awsAccountId, accountId } = raw;
  if (typeof resourceType !== 'string' || !RESOURCE_TYPE.test(resourceType)) return undefined;
  if (!optionalText(resourceId) || !optionalText(awsRegion) || !optionalText(awsAccountId) || !optionalText(accountId)) return undefined;
  if (resourceName !== undefined && resourceName !== null && typeof resourceName !== 'string') return undefined;
  if (configurationItemStatus !== undefined && !STATUSES.has(configurationItemStatus)) return undefined;
  return raw as Envelope;
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

function buildModel(resourceType: string, input: ModelInput): unknown {
  const normalizer = (modelNormalizers as Readonly<Record<string, ModelNormalizer<KnownResourceType> | undefined>>)[
    resourceType
  ];
  if (normalizer) return normalizer(input);
  const generic: GenericModel = { configuration: input.configuration, supplementaryConfiguration: input.supplementary };
  return generic;
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
function stateId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export type { JsonObject };
