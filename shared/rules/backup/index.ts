import type { Rule } from '../rule.ts';
import backupPlanDailyWithRetention from './backup-plan-daily-with-retention.ts';
import backupRestoreTestingConfigured from './backup-restore-testing-configured.ts';
import backupVaultEncrypted from './backup-vault-encrypted.ts';

export const backupRules: readonly Rule[] = [backupPlanDailyWithRetention, backupVaultEncrypted, backupRestoreTestingConfigured];
