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
  // Not claimed as rds-instance-deletion-protection-enabled, although it agrees on standalone
  // instances (same databaseEngines): instances of a cluster (Aurora, DocumentDB, Multi-AZ DB
  // clusters) are NOT_APPLICABLE here, because protection is a cluster setting and the instance
  // flag stays false, while the managed rule's documented behaviour (team reference, 2023) is
  // that such instances "will show as non-compliant": a false alarm per cluster member.
  equivalents: { fsbp: ['RDS.8'], prowler: 'rds_instance_deletion_protection' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'rds-instance-deletion-protection-enabled',
    differences: [
      'Looser: instances of a cluster (Aurora, DocumentDB, Multi-AZ DB clusters) are NOT_APPLICABLE, since protection is a cluster setting; the managed rule reports them NON_COMPLIANT.',
    ],
  },
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
    // DescribeDBInstances always returns it, so a recorded item has it: without it, nothing is known.
    if (deletionProtection === undefined) return notApplicable(`DB instance ${name}: deletion protection not recorded.`);
    return deletionProtection === true
      ? compliant(`DB instance ${name} has deletion protection enabled.`)
      : nonCompliant(`DB instance ${name} has deletion protection disabled.`);
  },
});
