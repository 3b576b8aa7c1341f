import * as z from '../zod.ts';
import { ConfigItemError } from '../config-items/errors.ts';
import { parseConfigChangeEvent, type ConfigChange } from '../config-items/event.ts';
import { isObject } from '../config-items/decode.ts';
import { CollectedType } from '../domain/collected-types.ts';
import type { AnyResource, ResourceKey } from '../domain/resource.ts';
import { MalformedMessageError } from './evaluation-errors.ts';
import type { EvaluationSource } from './ports.ts';
import { resourceSchema } from './resource-schema.ts';

/** The CloudTrail calls that change what Vigil knows of a log group (AWS Config does not record log groups). */
export const LOG_GROUP_EVENTS = ['CreateLogGroup', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'DeleteLogGroup'] as const;

/** What one evaluation-queue message asks for. */
export type EvaluationMessage =
  | { readonly kind: 'config-change'; readonly eventId: string | undefined; readonly change: ConfigChange }
  | {
      readonly kind: 'log-group-call';
      readonly eventId: string | undefined;
      readonly eventName: (typeof LOG_GROUP_EVENTS)[number];
      readonly key: ResourceKey;
      /** Set when the call failed (e.g. ResourceAlreadyExistsException): it changed nothing. */
      readonly errorCode: string | undefined;
    }
  | {
      readonly kind: 'evaluate';
      readonly keys: readonly ResourceKey[];
      readonly source: EvaluationSource;
      readonly correlationId: string | undefined;
      /** Set on a sweep's messages (and the dependents they queue): the sweep they belong to. */
      readonly sweepId?: string | undefined;
    }
  | { readonly kind: 'observed'; readonly resources: readonly AnyResource[]; readonly correlationId: string | undefined; readonly sweepId?: string | undefined };

const keySchema = z.object({
  accountId: z.string().check(z.minLength(1)),
  region: z.string().check(z.minLength(1)),
  resourceType: z.string().check(z.minLength(1)),
  resourceId: z.string().check(z.minLength(1)),
});

const evaluateSchema = z.object({
  kind: z.literal('evaluate'),
  // One BatchGetResourceConfig's worth: a message stays well within one Lambda invocation.
  keys: z.array(keySchema).check(z.minLength(1), z.maxLength(100)),
  source: z._default(z.enum(['config', 'store']), 'config'),
  correlationId: z.optional(z.string()),
  sweepId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

const observedSchema = z.object({
  kind: z.literal('observed'),
  resources: z.array(resourceSchema).check(z.minLength(1)),
  correlationId: z.optional(z.string()),
  sweepId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

const cloudTrailSchema = z.looseObject({
  id: z.optional(z.string()),
  source: z.literal('aws.logs'),
  account: z.optional(z.string()),
  detail: z.looseObject({
    eventSource: z.literal('logs.amazonaws.com'),
    eventName: z.enum(LOG_GROUP_EVENTS),
    awsRegion: z.string().check(z.minLength(1)),
    recipientAccountId: z.optional(z.string()),
    errorCode: z.optional(z.string()),
    requestParameters: z.optional(z.nullable(z.looseObject({ logGroupName: z.optional(z.string()), logGroupIdentifier: z.optional(z.string()) }))),
  }),
});

/**
 * Reads one evaluation-queue body (a JSON string or its parsed value): an EventBridge "Config
 * Configuration Item Change" event (normal or oversized), an EventBridge "AWS API Call via
 * CloudTrail" event for a log group, or one of Vigil's own `evaluate` / `observed` messages.
 *
 * @throws MalformedMessageError naming the field when the body is none of these.
 * @example
 * const message = parseEvaluationMessage(record.body);
 */
export function parseEvaluationMessage(body: unknown): EvaluationMessage {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new MalformedMessageError('(body)', 'not JSON', { cause: error });
    }
  }
  if (!isObject(value)) throw new MalformedMessageError('(body)', 'not a JSON object');
  const eventId = typeof value['id'] === 'string' ? value['id'] : undefined;

  switch (value['detail-type']) {
    case 'Config Configuration Item Change':
      try {
        return { kind: 'config-change', eventId, change: parseConfigChangeEvent(value) };
      } catch (error) {
        if (error instanceof ConfigItemError) throw new MalformedMessageError(error.field, error.message, { cause: error });
        throw error;
      }
    case 'AWS API Call via CloudTrail': {
      const event = parsed(cloudTrailSchema, value);
      const detail = event.detail;
      const accountId = detail.recipientAccountId ?? event.account;
      if (!accountId) throw new MalformedMessageError('detail.recipientAccountId', 'no account id (nor `account`)');
      const name = logGroupName(detail.requestParameters ?? undefined);
      if (!name) throw new MalformedMessageError('detail.requestParameters.logGroupName', 'no log group name');
      return {
        kind: 'log-group-call',
        eventId,
        eventName: detail.eventName,
        key: { accountId, region: detail.awsRegion, resourceType: CollectedType.logGroup, resourceId: name },
        errorCode: detail.errorCode,
      };
    }
    case undefined:
      break;
    default:
      throw new MalformedMessageError('detail-type', `unexpected event ${JSON.stringify(value['detail-type'])}`);
  }

  if (value['kind'] === 'evaluate') {
    const m = parsed(evaluateSchema, value);
    return { kind: 'evaluate', keys: m.keys, source: m.source, correlationId: m.correlationId, sweepId: m.sweepId };
  }
  if (value['kind'] === 'observed') {
    const m = parsed(observedSchema, value);
    return { kind: 'observed', resources: m.resources, correlationId: m.correlationId, sweepId: m.sweepId };
  }
  throw new MalformedMessageError('kind', 'neither an EventBridge event nor a Vigil message ("evaluate", "observed")');
}

/**
 * Log group names come as `logGroupName`; newer calls may name the group by
 * `logGroupIdentifier`, its name or ARN (`arn:aws:logs:<region>:<account>:log-group:<name>[:*]`).
 */
function logGroupName(parameters: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined } | undefined): string | undefined {
  if (parameters?.logGroupName) return parameters.logGroupName;
  const identifier = parameters?.logGroupIdentifier;
  if (!identifier) return undefined;
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return arn ? arn[1] : identifier;
}

function parsed<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MalformedMessageError(issue?.path.join('.') || '(body)', issue?.message ?? 'invalid');
}
