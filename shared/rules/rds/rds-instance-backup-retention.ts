import { displayName } from '../../domain/resource.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'rds-instance-backup-retention',
  title: 'RDS DB instances keep automated backups for the minimum retention period',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 RDS backups 30 days, 003 daily backups',
  remediation: {
    text: 'Set the automated backup retention period to at least the required number of days (RDS allows up to 35). Automated backups also enable point-in-time restore.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 30 --apply-immediately',
    cloudformation: 'BackupRetentionPeriod: 30\nPreferredBackupWindow: "03:00-04:00"',
  },
  params: {
    minRetentionDays: param.int(30, 'Minimum automated backup retention, in days.', { min: 1 }),
    checkReadReplicas: param.bool(false, 'Also judge read replicas (their source normally holds the backups; PostgreSQL replicas cannot have any).'),
  },
  // db-instance-backup-enabled with backupRetentionMinimum = minRetentionDays and the same
  // checkReadReplicas; its backupRetentionPeriod (exact match) and preferredBackupWindow
  // parameters are not offered (left unset, as here, they do not constrain).
  equivalents: { awsConfigRule: 'db-instance-backup-enabled', fsbp: ['RDS.11'], prowler: 'rds_instance_backup_enabled' },
  evaluate(db, { params }) {
    const name = displayName(db);
    const { backupRetentionPeriod: days, readReplicaSourceIdentifier: source } = db.model;
    if (source !== undefined && !params.checkReadReplicas) {
      return notApplicable(`DB instance ${name} is a read replica of ${source}; its backups are judged on the source.`);
    }
    // DescribeDBInstances always returns it, so a recorded item has it: without it, nothing is known.
    if (days === undefined) return notApplicable(`DB instance ${name}: backup retention period not recorded.`);
    if (days === 0) return nonCompliant(`DB instance ${name} has automated backups disabled (retention 0 days).`);
    return days >= params.minRetentionDays
      ? compliant(`DB instance ${name} keeps automated backups for ${days} days (minimum ${params.minRetentionDays}).`)
      : nonCompliant(`DB instance ${name} keeps automated backups for ${days} days, fewer than the required ${params.minRetentionDays}.`);
  },
});
