import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'rds-instance-storage-encrypted',
  title: 'RDS DB instances have storage encryption enabled',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 encryption',
  remediation: {
    text: 'Encryption cannot be turned on in place: copy a snapshot with a KMS key, restore a new instance from the encrypted copy and switch clients to it.',
    cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snapshot> --target-db-snapshot-identifier <snapshot>-encrypted --kms-key-id <key-arn>\naws rds restore-db-instance-from-db-snapshot --db-instance-identifier <new-db> --db-snapshot-identifier <snapshot>-encrypted',
    cloudformation: 'StorageEncrypted: true\nKmsKeyId: !Ref DatabaseKey',
  },
  params: {},
  // rds-storage-encrypted without its optional kmsKeyId parameter.
  equivalents: { awsConfigRule: 'rds-storage-encrypted', fsbp: ['RDS.3'], prowler: 'rds_instance_storage_encrypted' },
  evaluate(db) {
    const name = displayName(db);
    // DescribeDBInstances always returns it, so a recorded item has it: without it, nothing is known.
    if (db.model.storageEncrypted === undefined) return notApplicable(`DB instance ${name}: storage encryption not recorded.`);
    return db.model.storageEncrypted === true
      ? compliant(`DB instance ${name} has storage encryption enabled.`)
      : nonCompliant(`DB instance ${name} has storage encryption ${db.model.storageEncrypted === false ? 'disabled' : 'not recorded (assumed off)'}.`);
  },
});
