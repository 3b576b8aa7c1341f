import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { clusterOf, DB_CLUSTER, membersOf } from './_cluster.ts';

/**
 * The CloudWatch log types each engine must export: its error log and, where the engine has a
 * separate one, its slow-query log. Values are RDS's `--cloudwatch-logs-export-configuration`
 * names. PostgreSQL writes errors and slow statements (log_min_duration_statement) to one log.
 * Oracle's alert log and SQL Server's error log carry errors only (no slow-query export exists);
 * DocumentDB's profiler and Neptune's slowquery log carry slow operations. The parameter group
 * must still switch slow logging on (slow_query_log, log_min_duration_statement, profiler):
 * Config does not record parameter values.
 *
 * Absent data: no `enabledCloudwatchLogsExports` reads as no log exported: RDS lists the exported
 * log types only when there are some (Config records null otherwise). Source:
 * ../shared/reference/config-resource-schema/AWS__RDS__DBInstance.properties.json
 * (enabledCloudwatchLogsExports, a list with no default).
 */
const EXPECTED_LOGS: readonly { readonly engines: (engine: string) => boolean; readonly logs: readonly string[] }[] = [
  { engines: (e) => e === 'postgres' || e === 'aurora-postgresql', logs: ['postgresql'] },
  { engines: (e) => e === 'mysql' || e === 'mariadb' || e === 'aurora' || e === 'aurora-mysql', logs: ['error', 'slowquery'] },
  { engines: (e) => e.startsWith('oracle-'), logs: ['alert'] },
  { engines: (e) => e.startsWith('sqlserver-'), logs: ['error'] },
  { engines: (e) => e.startsWith('db2-'), logs: ['diag.log'] },
  { engines: (e) => e === 'docdb', logs: ['profiler'] },
  { engines: (e) => e === 'neptune', logs: ['slowquery'] },
];

function expectedLogs(engine: string): readonly string[] | undefined {
  return EXPECTED_LOGS.find((entry) => entry.engines(engine))?.logs;
}

export default defineRule({
  id: 'rds-instance-logs-exported',
  title: 'RDS DB instances export their error and slow-query logs to CloudWatch Logs',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 slow query logging',
  remediation: {
    text: 'Export the engine logs to CloudWatch Logs (PostgreSQL: postgresql; MySQL and MariaDB: error and slowquery; Oracle: alert; SQL Server: error) and enable slow logging in the parameter group. For Aurora, set the exports on the DB cluster.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --cloudwatch-logs-export-configuration \'{"EnableLogTypes":["error","slowquery"]}\' --apply-immediately',
    cloudformation: 'EnableCloudwatchLogsExports:\n  - postgresql',
  },
  params: {},
  // FSBP RDS.9 expects more types per engine (audit, general, upgrade …), Prowler any one: not equal.
  equivalents: { fsbp: ['RDS.9'] },
  dependsOn: [DB_CLUSTER],
  affectedBy: membersOf,
  evaluate(db, { inventory }) {
    const name = displayName(db);
    const engine = db.model.engine;
    if (engine === undefined) return notApplicable(`DB instance ${name} records no engine, so no log set is expected.`);
    if (engine.startsWith('custom-')) return notApplicable(`DB instance ${name} runs RDS Custom (${engine}), which cannot export logs to CloudWatch.`);
    const expected = expectedLogs(engine);
    if (!expected) return notApplicable(`DB instance ${name} runs ${engine}, for which Vigil expects no log exports.`);

    // Aurora and Multi-AZ DB clusters export logs at the cluster level.
    const clusterId = db.model.dbClusterIdentifier;
    const cluster = clusterOf(db, inventory);
    const exported = new Set([...db.model.enabledCloudwatchLogsExports, ...(cluster?.model.enabledCloudwatchLogsExports ?? [])]);
    const missing = expected.filter((log) => !exported.has(log));
    if (missing.length === 0) {
      return compliant(`DB instance ${name} exports its ${engine} ${expected.join(' and ')} logs to CloudWatch Logs.`);
    }
    if (clusterId !== undefined && !cluster) {
      return notApplicable(`DB instance ${name} belongs to DB cluster ${clusterId}, which sets its log exports but is not recorded.`);
    }
    const current = [...exported].join(', ') || 'none';
    return nonCompliant(`DB instance ${name} does not export its ${engine} ${missing.join(' and ')} logs to CloudWatch Logs (exported: ${current}).`);
  },
});
