import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

export default defineRule({
  id: 'dynamodb-table-pitr-enabled',
  title: 'DynamoDB tables have point-in-time recovery enabled',
  severity: 'medium',
  resourceTypes: ['AWS::DynamoDB::Table'],
  category: RuleCategory.dataStores,
  checklist: '000 DynamoDB PITR',
  remediation: {
    text: 'Turn on point-in-time recovery so the table can be restored to any second of the last 35 days.',
    cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true',
    cloudformation: 'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true',
  },
  params: {},
  equivalents: { awsConfigRule: 'dynamodb-pitr-enabled', fsbp: ['DynamoDB.2'], prowler: 'dynamodb_tables_pitr_enabled' },
  evaluate(table) {
    const name = table.model.tableName;
    // Config records ContinuousBackupsDescription for every table: without it, nothing is known.
    if (table.model.pointInTimeRecovery === undefined) return notApplicable(`DynamoDB table ${name}: point-in-time recovery not recorded.`);
    return table.model.pointInTimeRecovery === 'ENABLED'
      ? compliant(`DynamoDB table ${name} has point-in-time recovery enabled.`)
      : nonCompliant(`DynamoDB table ${name} has point-in-time recovery ${table.model.pointInTimeRecovery === undefined ? 'not reported (off)' : 'disabled'}.`);
  },
});
