import type { Rule } from '../rule.ts';
import dynamodbTableCapacityScales from './dynamodb-table-capacity-scales.ts';
import dynamodbTableDeletionProtection from './dynamodb-table-deletion-protection.ts';
import dynamodbTableEncryptedKms from './dynamodb-table-encrypted-kms.ts';
import dynamodbTableInBackupPlan from './dynamodb-table-in-backup-plan.ts';
import dynamodbTableMultiRegion from './dynamodb-table-multi-region.ts';
import dynamodbTablePitrEnabled from './dynamodb-table-pitr-enabled.ts';
import dynamodbTableTtlEnabled from './dynamodb-table-ttl-enabled.ts';

export const dynamodbRules: readonly Rule[] = [
  dynamodbTablePitrEnabled,
  dynamodbTableInBackupPlan,
  dynamodbTableCapacityScales,
  dynamodbTableEncryptedKms,
  dynamodbTableDeletionProtection,
  dynamodbTableTtlEnabled,
  dynamodbTableMultiRegion,
];
