import { displayName } from '../../domain/resource.ts';
import { param } from '../params.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { clusterOf, DB_CLUSTER, membersOf } from './_cluster.ts';

export default defineRule({
  id: 'rds-instance-custom-admin-username',
  title: 'RDS DB instances use a custom master username',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 default postgres user disabled',
  remediation: {
    text: 'The master username cannot be changed: create a new instance with a non-default master username (and a Secrets Manager-managed password), migrate the data, and retire the old one.',
    cli: 'aws rds create-db-instance --db-instance-identifier <new-db> --engine <engine> --db-instance-class <class> --allocated-storage <gib> --master-username <custom-name> --manage-master-user-password',
    cloudformation: 'MasterUsername: <custom-name>\nManageMasterUserPassword: true',
  },
  params: {
    defaultUsernames: param.stringList(
      ['admin', 'administrator', 'root', 'postgres', 'sa', 'master', 'masteruser', 'dbadmin'],
      'Master usernames treated as defaults that attackers guess first (compared case-insensitively).',
    ),
  },
  // FSBP RDS.25 and Prowler check only "admin" (Prowler also "postgres"); this list is wider.
  equivalents: { fsbp: ['RDS.25'], prowler: 'rds_instance_default_admin' },
  dependsOn: [DB_CLUSTER],
  affectedBy: membersOf,
  evaluate(db, { params, inventory }) {
    const name = displayName(db);
    // Aurora instances may omit the username: it is the cluster's.
    const username = db.model.masterUsername ?? clusterOf(db, inventory)?.model.masterUsername;
    if (username === undefined) return notApplicable(`DB instance ${name} records no master username (nor does a recorded DB cluster).`);
    const defaults = params.defaultUsernames.map((u) => u.toLowerCase());
    return defaults.includes(username.toLowerCase())
      ? nonCompliant(`DB instance ${name} uses the default master username "${username}".`)
      : compliant(`DB instance ${name} uses a custom master username.`);
  },
});
