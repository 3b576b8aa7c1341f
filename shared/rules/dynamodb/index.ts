import type { Rule } from '../rule.ts';
import dynamodbTablePitrEnabled from './dynamodb-table-pitr-enabled.ts';

export const dynamodbRules: readonly Rule[] = [dynamodbTablePitrEnabled];
