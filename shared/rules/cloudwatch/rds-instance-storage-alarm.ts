import type { AnyResource } from '../../domain/resource.ts';
import { defineRule, notApplicable, RuleCategory } from '../rule.ts';
import { unseenDependencies } from '../partial-inventory.ts';
import { ALARM_TYPE, alarmsWatching, coverageVerdict, resourcesNamedByAlarm, type WatchedMetric } from './_alarm-coverage.ts';

const FREE_STORAGE: WatchedMetric = { namespace: 'AWS/RDS', metricName: 'FreeStorageSpace', dimension: 'DBInstanceIdentifier' };

/** The DBInstanceIdentifier dimension value: the instance identifier, Config's resourceName (resourceId is the db-… DbiResourceId). */
function identifierOf(resource: Pick<AnyResource, 'resourceId' | 'resourceName'>): string {
  return resource.resourceName ?? resource.resourceId;
}

export default defineRule({
  id: 'rds-instance-storage-alarm',
  title: 'RDS DB instances have a free-storage alarm that notifies someone',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance'],
  category: RuleCategory.monitoring,
  checklist: '004 disk space, memory alerts',
  remediation: {
    text:
      'Create a CloudWatch alarm on AWS/RDS FreeStorageSpace with dimension DBInstanceIdentifier = the instance, a threshold ' +
      'of roughly 10–20% of allocated storage, and an alarm action: a full disk stops writes (and storage autoscaling has a ceiling and a cool-down).',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <db>-free-storage --namespace AWS/RDS --metric-name FreeStorageSpace --dimensions Name=DBInstanceIdentifier,Value=<db> --statistic Minimum --period 300 --evaluation-periods 1 --threshold <bytes> --comparison-operator LessThanThreshold --alarm-actions <sns-topic-arn>',
    cloudformation:
      'Type: AWS::CloudWatch::Alarm\nProperties:\n  Namespace: AWS/RDS\n  MetricName: FreeStorageSpace\n  Dimensions:\n    - Name: DBInstanceIdentifier\n      Value: !Ref Database\n  Statistic: Minimum\n  Period: 300\n  EvaluationPeriods: 1\n  Threshold: 10737418240\n  ComparisonOperator: LessThanThreshold\n  AlarmActions:\n    - !Ref AlarmTopic',
  },
  params: {},
  equivalents: {},
  dependsOn: [ALARM_TYPE],
  affectedBy: (alarm, inventory) =>
    resourcesNamedByAlarm(alarm, inventory, 'AWS::RDS::DBInstance', FREE_STORAGE.namespace, FREE_STORAGE.dimension, identifierOf),
  evaluate(db, { inventory }) {
    const identifier = identifierOf(db);
    const engine = db.model.engine;
    // Aurora (and DocumentDB, Neptune) instances share a cluster volume that grows on its own and
    // publish no FreeStorageSpace (Aurora reports FreeLocalStorage for temporary space only).
    if (engine !== undefined && (engine.startsWith('aurora') || engine === 'docdb' || engine === 'neptune')) {
      return notApplicable(`RDS DB instance ${identifier} runs ${engine}, whose cluster volume has no FreeStorageSpace metric.`);
    }
    const unseen = unseenDependencies(db, inventory, [ALARM_TYPE], `RDS DB instance ${identifier}`, 'whether an alarm watches its free storage');
    if (unseen) return unseen;
    const alarms = alarmsWatching(db, inventory, FREE_STORAGE, identifier);
    return coverageVerdict(`RDS DB instance ${identifier}`, 'AWS/RDS FreeStorageSpace', alarms);
  },
});
