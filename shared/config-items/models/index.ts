/**
 * Every typed model normalizer, by resource type. An explicit list (no registration by side
 * effect): a reader sees what is covered and esbuild can follow it. Types without an entry get
 * the generic model (configuration as read), which tag rules still evaluate.
 */
import type { ModelRegistry } from '../model-registry.ts';
import { accountModels } from './account.ts';
import { dynamoDbModels } from './dynamodb.ts';

export const modelNormalizers: ModelRegistry = {
  ...accountModels,
  ...dynamoDbModels,
};
