/**
 * The rule catalog: an explicit list, grouped by service (no file-system scanning, no
 * registration by side effect), so a reader sees every rule and esbuild can follow the imports.
 */
import type { Rule } from './rule.ts';
import { dynamodbRules } from './dynamodb/index.ts';

export const catalog: readonly Rule[] = [
  ...dynamodbRules,
];

export type { Rule } from './rule.ts';
