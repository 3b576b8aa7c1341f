import type { Rule } from '../rule.ts';
import guarddutyEnabled from './guardduty-enabled.ts';

export const guarddutyRules: readonly Rule[] = [guarddutyEnabled];
