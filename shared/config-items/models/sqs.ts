import { bool, num, obj, pick, str, strs } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface SqsQueue {
  readonly queueName: string;
  readonly queueArn: string | undefined;
  readonly queueUrl: string | undefined;
  /** KMS key id, alias or ARN (SSE-KMS); undefined when not set. */
  readonly kmsMasterKeyId: string | undefined;
  /** SSE-SQS (SQS-owned keys). */
  /** undefined when the item does not record SqsManagedSseEnabled (GetQueueAttributes returns it since 2022). */
  readonly sqsManagedSse: boolean | undefined;
  /** Where messages go after maxReceiveCount failed receives; undefined without a redrive policy. */
  readonly redrivePolicy: { readonly deadLetterTargetArn: string; readonly maxReceiveCount: number | undefined } | undefined;
  /** Which source queues may use this queue as their dead-letter queue; undefined when unset (allowAll). */
  readonly redriveAllowPolicy: { readonly redrivePermission: string | undefined; readonly sourceQueueArns: readonly string[] } | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::SQS::Queue': SqsQueue;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__SQS__Queue.properties.json
 * Attributes are GetQueueAttributes' names with string values ("true", "300"); RedrivePolicy and
 * RedriveAllowPolicy are JSON documents held in strings (objects when CloudFormation-shaped).
 * resourceId is the queue URL, resourceName the queue name.
 */
export function normalizeSqsQueue(input: ModelInput): SqsQueue {
  const c = input.configuration;
  const redrive = obj(pick(c, 'RedrivePolicy', 'redrivePolicy'));
  const target = str(pick(redrive, 'deadLetterTargetArn', 'DeadLetterTargetArn'));
  const allow = obj(pick(c, 'RedriveAllowPolicy', 'redriveAllowPolicy'));
  const queueArn = str(pick(c, 'QueueArn', 'queueArn')) ?? input.arn;
  return {
    queueName: str(pick(c, 'QueueName', 'queueName')) ?? input.resourceName ?? queueArn?.split(':').pop() ?? input.resourceId,
    queueArn,
    queueUrl: str(pick(c, 'QueueUrl', 'queueUrl')),
    kmsMasterKeyId: str(pick(c, 'KmsMasterKeyId', 'kmsMasterKeyId')),
    sqsManagedSse: bool(pick(c, 'SqsManagedSseEnabled', 'sqsManagedSseEnabled')),
    redrivePolicy: target
      ? { deadLetterTargetArn: target, maxReceiveCount: num(pick(redrive, 'maxReceiveCount', 'MaxReceiveCount')) }
      : undefined,
    redriveAllowPolicy: allow
      ? {
          redrivePermission: str(pick(allow, 'redrivePermission', 'RedrivePermission')),
          sourceQueueArns: strs(pick(allow, 'sourceQueueArns', 'SourceQueueArns')),
        }
      : undefined,
  };
}

export const sqsModels = {
  'AWS::SQS::Queue': normalizeSqsQueue,
} satisfies ModelRegistry;
