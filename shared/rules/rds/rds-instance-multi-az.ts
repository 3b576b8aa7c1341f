import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { isClusterEngine } from './_cluster.ts';

export default defineRule({
  id: 'rds-instance-multi-az',
  title: 'RDS DB instances run in a Multi-AZ deployment',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 database failover',
  remediation: {
    text: 'Convert the instance to Multi-AZ so RDS keeps a synchronous standby in another Availability Zone and fails over to it automatically.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --multi-az --apply-immediately',
    cloudformation: 'MultiAZ: true',
  },
  params: {},
  // As rds-multi-az-support: Aurora, DocumentDB and Neptune instances are not evaluated (their
  // cluster spreads replicas across zones). Members of Multi-AZ DB clusters are skipped likewise.
  equivalents: { awsConfigRule: 'rds-multi-az-support', fsbp: ['RDS.5'], prowler: 'rds_instance_multi_az' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'rds-multi-az-support',
    differences: [
      'Same: Aurora, DocumentDB and Neptune instances are not evaluated (their cluster spreads replicas across zones); members of Multi-AZ DB clusters are skipped likewise.',
    ],
  },
  evaluate(db) {
    const name = displayName(db);
    const { engine, dbClusterIdentifier: cluster, multiAZ } = db.model;
    if (isClusterEngine(engine) || cluster !== undefined) {
      const owner = cluster === undefined ? 'its cluster' : `DB cluster ${cluster}`;
      return notApplicable(`DB instance ${name} runs ${engine ?? 'in a cluster'}; availability comes from ${owner}, not instance Multi-AZ.`);
    }
    // DescribeDBInstances always returns it, so a recorded item has it: without it, nothing is known.
    if (multiAZ === undefined) return notApplicable(`DB instance ${name}: Multi-AZ not recorded.`);
    return multiAZ === true
      ? compliant(`DB instance ${name} is a Multi-AZ deployment.`)
      : nonCompliant(`DB instance ${name} runs in a single Availability Zone (multiAZ: ${String(multiAZ ?? 'not recorded')}).`);
  },
});
