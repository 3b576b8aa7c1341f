import type { Rule } from '../rule.ts';
import kmsKeyRotationEnabled from './kms-key-rotation-enabled.ts';

export const kmsRules: readonly Rule[] = [kmsKeyRotationEnabled];
