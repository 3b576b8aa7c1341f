import { num, pick, str } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface LogGroup {
  readonly logGroupName: string;
  readonly arn: string | undefined;
  /** undefined means "Never expire": DescribeLogGroups omits the field rather than writing 0. */
  readonly retentionInDays: number | undefined;
  readonly kmsKeyId: string | undefined;
  readonly storedBytes: number | undefined;
  /** STANDARD, INFREQUENT_ACCESS or DELIVERY. */
  readonly logGroupClass: string | undefined;
  /** Epoch millis. */
  readonly creationTime: number | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::Logs::LogGroup': LogGroup;
  }
}

/**
 * Not an AWS Config type: collectors emit the DescribeLogGroups `LogGroup` object as the CI's
 * configuration (see ../../domain/collected-types.ts). CloudFormation's PascalCase names are
 * accepted too, for items built from a template.
 */
export function normalizeLogGroup(input: ModelInput): LogGroup {
  const c = input.configuration;
  const retention = num(pick(c, 'retentionInDays', 'RetentionInDays'));
  return {
    logGroupName: str(pick(c, 'logGroupName', 'LogGroupName')) ?? input.resourceName ?? input.resourceId,
    arn: str(pick(c, 'arn', 'Arn')) ?? input.arn,
    // 0 is not a retention CloudWatch Logs accepts; read it like the absent field.
    retentionInDays: retention !== undefined && retention > 0 ? retention : undefined,
    kmsKeyId: str(pick(c, 'kmsKeyId', 'KmsKeyId')),
    storedBytes: num(c['storedBytes']),
    logGroupClass: str(pick(c, 'logGroupClass', 'LogGroupClass')),
    creationTime: num(c['creationTime']),
  };
}

export const logsModels = {
  'AWS::Logs::LogGroup': normalizeLogGroup,
} satisfies ModelRegistry;
