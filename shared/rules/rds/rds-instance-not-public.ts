import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'rds-instance-not-public',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'critical',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 DB only from app servers',
  remediation: {
    text: 'Turn off public accessibility so the endpoint resolves to a private address only, and let the application reach the database through its security group.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately',
    cloudformation: 'PubliclyAccessible: false',
  },
  params: {},
  equivalents: { awsConfigRule: 'rds-instance-public-access-check', fsbp: ['RDS.2'], prowler: 'rds_instance_no_public_access' },
  evaluate(db) {
    const name = displayName(db);
    return db.model.publiclyAccessible === true
      ? nonCompliant(`DB instance ${name} is publicly accessible (publiclyAccessible: true).`)
      : compliant(`DB instance ${name} is not publicly accessible.`);
  },
});
