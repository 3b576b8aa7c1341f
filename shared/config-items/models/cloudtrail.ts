import { bool, obj, objs, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

/** A basic event selector (PutEventSelectors `EventSelectors`). */
export interface EventSelector {
  /** ReadOnly, WriteOnly or All (the API's default when absent). */
  readonly readWriteType: string;
  /** The API's default when absent is true. */
  readonly includeManagementEvents: boolean;
  readonly excludeManagementEventSources: readonly string[];
}

export interface AdvancedFieldSelector {
  /** eventCategory, readOnly, eventSource, eventName, resources.type … */
  readonly field: string;
  readonly equals: readonly string[];
  readonly notEquals: readonly string[];
  /** StartsWith, EndsWith and their Not forms, which management selectors do not use. */
  readonly otherOperators: boolean;
}

export interface AdvancedEventSelector {
  readonly name: string | undefined;
  readonly fieldSelectors: readonly AdvancedFieldSelector[];
}

export interface CloudTrailTrail {
  readonly name: string;
  readonly arn: string | undefined;
  readonly homeRegion: string | undefined;
  readonly isMultiRegionTrail: boolean;
  readonly isOrganizationTrail: boolean;
  readonly includeGlobalServiceEvents: boolean | undefined;
  /** undefined when the item does not record it. */
  readonly logFileValidationEnabled: boolean | undefined;
  readonly kmsKeyId: string | undefined;
  readonly s3BucketName: string | undefined;
  readonly cloudWatchLogsLogGroupArn: string | undefined;
  /** GetTrailStatus IsLogging; undefined when the CI does not carry the trail status. */
  readonly isLogging: boolean | undefined;
  readonly hasCustomEventSelectors: boolean | undefined;
  /** undefined when the CI carries no selectors (a trail without custom selectors logs all management events). */
  readonly eventSelectors: readonly EventSelector[] | undefined;
  readonly advancedEventSelectors: readonly AdvancedEventSelector[] | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::CloudTrail::Trail': CloudTrailTrail;
  }
}

function eventSelector(s: JsonObject): EventSelector {
  return {
    readWriteType: str(pick(s, 'readWriteType', 'ReadWriteType')) ?? 'All',
    includeManagementEvents: bool(pick(s, 'includeManagementEvents', 'IncludeManagementEvents')) ?? true,
    excludeManagementEventSources: strs(pick(s, 'excludeManagementEventSources', 'ExcludeManagementEventSources')),
  };
}

function advancedSelector(s: JsonObject): AdvancedEventSelector {
  return {
    name: str(pick(s, 'name', 'Name')),
    fieldSelectors: objs(pick(s, 'fieldSelectors', 'FieldSelectors')).map((f) => ({
      field: str(pick(f, 'field', 'Field')) ?? '',
      equals: strs(pick(f, 'equals', 'Equals')),
      notEquals: strs(pick(f, 'notEquals', 'NotEquals')),
      otherOperators: ['startsWith', 'StartsWith', 'endsWith', 'EndsWith', 'notStartsWith', 'NotStartsWith', 'notEndsWith', 'NotEndsWith'].some(
        (k) => strs(f[k]).length > 0,
      ),
    })),
  };
}

/** A list that is present (even empty) or undefined when no spelling of it is in the item. */
function listIfPresent<T>(value: unknown, read: (o: JsonObject) => T): readonly T[] | undefined {
  return value === undefined ? undefined : objs(value).map(read);
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__CloudTrail__Trail.properties.json
 * Config puts the trail status (`TrailStatus.isLogging`) and the selectors in
 * supplementaryConfiguration, as objects in notifications and JSON strings in the API form;
 * collectors may put the selectors in configuration. Both places are read.
 */
export function normalizeTrail(input: ModelInput): CloudTrailTrail {
  const c = input.configuration;
  const s = input.supplementary;
  const status = obj(pick(s, 'TrailStatus', 'trailStatus'));
  return {
    name: str(c['name']) ?? input.resourceName ?? input.resourceId,
    arn: str(pick(c, 'trailARN', 'trailArn')) ?? input.arn,
    homeRegion: str(c['homeRegion']),
    isMultiRegionTrail: bool(c['isMultiRegionTrail']) ?? false,
    isOrganizationTrail: bool(c['isOrganizationTrail']) ?? false,
    includeGlobalServiceEvents: bool(c['includeGlobalServiceEvents']),
    logFileValidationEnabled: bool(c['logFileValidationEnabled']),
    kmsKeyId: str(c['kmsKeyId']),
    s3BucketName: str(c['s3BucketName']),
    cloudWatchLogsLogGroupArn: str(c['cloudWatchLogsLogGroupArn']),
    isLogging: bool(pick(status, 'isLogging', 'IsLogging') ?? pick(c, 'isLogging', 'IsLogging')),
    hasCustomEventSelectors: bool(c['hasCustomEventSelectors']),
    eventSelectors: listIfPresent(
      pick(s, 'EventSelectors', 'eventSelectors') ?? pick(c, 'eventSelectors', 'EventSelectors'),
      eventSelector,
    ),
    advancedEventSelectors: listIfPresent(
      pick(s, 'AdvancedEventSelectors', 'advancedEventSelectors') ?? pick(c, 'advancedEventSelectors', 'AdvancedEventSelectors'),
      advancedSelector,
    ),
  };
}

export const cloudTrailModels = {
  'AWS::CloudTrail::Trail': normalizeTrail,
} satisfies ModelRegistry;
