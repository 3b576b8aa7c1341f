import type { Rule } from '../rule.ts';
import logsLogGroupRetentionSet from './logs-log-group-retention-set.ts';

export const logsRules: readonly Rule[] = [logsLogGroupRetentionSet];
