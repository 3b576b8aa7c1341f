import { displayName } from '../../domain/resource.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'rds-instance-deletion-protection',
  title: 'RDS DB instances have deletion protection enabled',
  severity: 'low',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '(implied) deletion protection',
  remediation: {
    text: 'Turn on deletion protection so the database cannot be deleted until the setting is switched off first. For Aurora, set it on the DB cluster.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --deletion-protection --apply-immediately',
    cloudformation: 'DeletionProtection: true',
  },
  params: {
    databaseEngines: param.stringList([], 'Engines to evaluate (e.g. mysql, postgres, mariadb); empty evaluates every engine.'),
  },
  // rds-instance-deletion-protection-enabled with the same databaseEngines. Instances of a cluster
  // (Aurora, DocumentDB, Multi-AZ DB clusters) are NOT_APPLICABLE: protection is a cluster
  // setting and the instance flag stays false. AWS's current page for the rule says the same
  // ("will show as not applicable"); the 2023 copy in the team reference still warned they "will
  // show as non-compliant".
  equivalents: { awsConfigRule: 'rds-instance-deletion-protection-enabled', fsbp: ['RDS.8'], prowler: 'rds_instance_deletion_protection' },
  evaluate(db, { params }) {
    const name = displayName(db);
    const { engine, dbClusterIdentifier: cluster, deletionProtection } = db.model;
    const engines = params.databaseEngines.map((e) => e.toLowerCase());
    if (engines.length > 0 && (engine === undefined || !engines.includes(engine))) {
      return notApplicable(`DB instance ${name} runs ${engine ?? 'an unrecorded engine'}, outside the evaluated engines (${engines.join(', ')}).`);
    }
    if (cluster !== undefined) {
      return notApplicable(`DB instance ${name} belongs to DB cluster ${cluster}, where deletion protection is set.`);
    }
    return deletionProtection === true
      ? compliant(`DB instance ${name} has deletion protection enabled.`)
      : nonCompliant(`DB instance ${name} has deletion protection disabled.`);
  },
});
