import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'rds-instance-minor-upgrades',
  title: 'RDS DB instances apply minor engine upgrades automatically',
  severity: 'high',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 regular security updates',
  remediation: {
    text: 'Turn on automatic minor version upgrades so security patches are applied in the maintenance window.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --auto-minor-version-upgrade --apply-immediately',
    cloudformation: 'AutoMinorVersionUpgrade: true\nPreferredMaintenanceWindow: "sun:04:00-sun:05:00"',
  },
  params: {},
  equivalents: {
    awsConfigRule: 'rds-automatic-minor-version-upgrade-enabled',
    fsbp: ['RDS.13'],
    prowler: 'rds_instance_minor_version_upgrade_enabled',
  },
  evaluate(db) {
    const name = displayName(db);
    // DescribeDBInstances always returns it, so a recorded item has it: without it, nothing is known.
    if (db.model.autoMinorVersionUpgrade === undefined) return notApplicable(`DB instance ${name}: automatic minor version upgrade not recorded.`);
    return db.model.autoMinorVersionUpgrade === true
      ? compliant(`DB instance ${name} applies minor version upgrades automatically.`)
      : nonCompliant(`DB instance ${name} has automatic minor version upgrades ${db.model.autoMinorVersionUpgrade === false ? 'disabled' : 'not recorded'}.`);
  },
});
