import type { Rule } from '../rule.ts';
import rdsInstanceBackupRetention from './rds-instance-backup-retention.ts';
import rdsInstanceCustomAdminUsername from './rds-instance-custom-admin-username.ts';
import rdsInstanceDeletionProtection from './rds-instance-deletion-protection.ts';
import rdsInstanceLogsExported from './rds-instance-logs-exported.ts';
import rdsInstanceMinorUpgrades from './rds-instance-minor-upgrades.ts';
import rdsInstanceMonitoringEnabled from './rds-instance-monitoring-enabled.ts';
import rdsInstanceMultiAz from './rds-instance-multi-az.ts';
import rdsInstanceNotPublic from './rds-instance-not-public.ts';
import rdsInstanceStorageEncrypted from './rds-instance-storage-encrypted.ts';

export const rdsRules: readonly Rule[] = [
  rdsInstanceBackupRetention,
  rdsInstanceStorageEncrypted,
  rdsInstanceNotPublic,
  rdsInstanceMultiAz,
  rdsInstanceDeletionProtection,
  rdsInstanceMinorUpgrades,
  rdsInstanceCustomAdminUsername,
  rdsInstanceMonitoringEnabled,
  rdsInstanceLogsExported,
];
