import type { Rule } from '../rule.ts';
import secretsmanagerSecretRotatedRecently from './secretsmanager-secret-rotated-recently.ts';
import secretsmanagerSecretRotationEnabled from './secretsmanager-secret-rotation-enabled.ts';

export const secretsmanagerRules: readonly Rule[] = [secretsmanagerSecretRotationEnabled, secretsmanagerSecretRotatedRecently];
