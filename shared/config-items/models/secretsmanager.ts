import { bool, num, obj, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface SecretRotationRules {
  readonly automaticallyAfterDays: number | undefined;
  readonly automaticallyAfterHours: number | undefined;
  /** `rate(10 days)`, `rate(4 hours)` or `cron(0 16 1,15 * ? *)`. */
  readonly scheduleExpression: string | undefined;
}

export interface SecretsManagerSecret {
  readonly name: string;
  readonly arn: string | undefined;
  readonly kmsKeyId: string | undefined;
  readonly rotationEnabled: boolean;
  readonly rotationLambdaArn: string | undefined;
  /** Config's own verdict on whether the last scheduled rotation happened; undefined when not reported. */
  readonly rotationOccurringAsScheduled: boolean | undefined;
  readonly rotationRules: SecretRotationRules;
  /** ISO dates from DescribeSecret, when the CI carries them (see normalizeSecret); no LastRotatedDate = never rotated. */
  readonly lastRotatedDate: string | undefined;
  readonly createdDate: string | undefined;
  /** Scheduled for deletion (Config keeps recording the secret during the recovery window). */
  readonly deleted: boolean;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::SecretsManager::Secret': SecretsManagerSecret;
  }
}

/**
 * A date as the Secrets Manager API serializes it (epoch seconds with a fraction, e.g.
 * 1.523477145713E9), as epoch millis, or as an ISO string; undefined when unreadable.
 */
export function isoDate(value: unknown): string | undefined {
  const n = num(value);
  if (n !== undefined) {
    // Seconds until the year 5138; anything larger is milliseconds.
    const millis = n < 1e11 ? n * 1000 : n;
    return new Date(millis).toISOString();
  }
  const s = str(value);
  if (s === undefined) return undefined;
  const parsed = Date.parse(s);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__SecretsManager__Secret.properties.json
 * Config spells this type's fields in PascalCase (CloudFormation style). The schema lists no
 * rotation dates, but collectors and some CI versions carry DescribeSecret's LastRotatedDate and
 * CreatedDate; camelCase spellings are accepted for hand-written items.
 */
export function normalizeSecret(input: ModelInput): SecretsManagerSecret {
  const c = input.configuration;
  const rules = obj(pick(c, 'RotationRules', 'rotationRules'));
  return {
    name: str(pick(c, 'Name', 'name')) ?? input.resourceName ?? input.resourceId,
    arn: str(pick(c, 'ARN', 'Arn', 'arn')) ?? input.arn,
    kmsKeyId: str(pick(c, 'KMSKeyId', 'KmsKeyId', 'kmsKeyId')),
    rotationEnabled: bool(pick(c, 'RotationEnabled', 'rotationEnabled')) ?? false,
    rotationLambdaArn: str(pick(c, 'RotationLambdaARN', 'rotationLambdaARN', 'rotationLambdaArn')),
    rotationOccurringAsScheduled: bool(pick(c, 'RotationOccurringAsScheduled', 'rotationOccurringAsScheduled')),
    rotationRules: {
      automaticallyAfterDays: num(pick(rules, 'AutomaticallyAfterDays', 'automaticallyAfterDays')),
      automaticallyAfterHours: num(pick(rules, 'AutomaticallyAfterHours', 'automaticallyAfterHours')),
      // Config says RotationScheduleExpression; the Secrets Manager API says ScheduleExpression.
      scheduleExpression: str(pick(rules, 'RotationScheduleExpression', 'ScheduleExpression', 'scheduleExpression')),
    },
    lastRotatedDate: isoDate(pick(c, 'LastRotatedDate', 'lastRotatedDate')),
    createdDate: isoDate(pick(c, 'CreatedDate', 'createdDate')),
    deleted: bool(pick(c, 'Deleted', 'deleted')) === true || pick(c, 'DeletedDate', 'deletedDate') !== undefined,
  };
}

export const secretsManagerModels = {
  'AWS::SecretsManager::Secret': normalizeSecret,
} satisfies ModelRegistry;
