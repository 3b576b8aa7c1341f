import { displayName } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'rds-instance-monitoring-enabled',
  title: 'RDS DB instances have enhanced monitoring and Performance Insights enabled',
  severity: 'low',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.dataStores,
  checklist: '004 query performance monitoring',
  remediation: {
    text: 'Turn on enhanced monitoring (OS metrics every 60 seconds or less, with a monitoring role) and Performance Insights (per-query load) on the instance.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --monitoring-interval 60 --monitoring-role-arn <rds-monitoring-role-arn> --enable-performance-insights --apply-immediately',
    cloudformation: 'MonitoringInterval: 60\nMonitoringRoleArn: !GetAtt RdsMonitoringRole.Arn\nEnablePerformanceInsights: true',
  },
  params: {},
  // Not claimed: rds-enhanced-monitoring-enabled (and FSBP RDS.6) look at enhanced monitoring
  // alone; this rule also requires Performance Insights, so it fails instances that pass there.
  equivalents: { fsbp: ['RDS.6'], prowler: 'rds_instance_enhanced_monitoring_enabled' },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'rds-enhanced-monitoring-enabled',
    differences: [
      'Stricter: Performance Insights is required too, not only enhanced monitoring.',
    ],
  },
  evaluate(db) {
    const name = displayName(db);
    const { monitoringInterval: interval, performanceInsightsEnabled: insights } = db.model;
    // DescribeDBInstances always returns it, so a recorded item has it: without it, nothing is known.
    if (interval === undefined && insights === undefined) return notApplicable(`DB instance ${name}: monitoring interval and Performance Insights not recorded.`);
    // Only what the item records as off counts; one setting unrecorded and the other on is unknown.
    const missing = [
      interval === undefined || interval > 0 ? undefined : 'enhanced monitoring off (interval 0)',
      insights === undefined || insights ? undefined : 'Performance Insights off',
    ].filter((m): m is string => m !== undefined);
    if (missing.length === 0 && (interval === undefined || insights === undefined)) {
      return notApplicable(`DB instance ${name}: ${interval === undefined ? 'enhanced monitoring interval' : 'Performance Insights'} not recorded.`);
    }
    return missing.length === 0
      ? compliant(`DB instance ${name} has enhanced monitoring every ${interval}s and Performance Insights enabled.`)
      : nonCompliant(`DB instance ${name} has ${missing.join(' and ')}.`);
  },
});
