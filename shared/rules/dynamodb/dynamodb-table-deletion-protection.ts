import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { TABLE } from './_helpers.ts';

export default defineRule({
  id: 'dynamodb-table-deletion-protection',
  title: 'DynamoDB tables have deletion protection enabled',
  severity: 'medium',
  resourceTypes: [TABLE],
  category: RuleCategory.dataStores,
  checklist: '000 (implied)',
  remediation: {
    text: 'Turn on deletion protection so the table cannot be deleted until the setting is turned off again.',
    cli: 'aws dynamodb update-table --table-name <table> --deletion-protection-enabled',
    cloudformation: 'DeletionProtectionEnabled: true',
  },
  params: {},
  equivalents: { fsbp: ['DynamoDB.6'], prowler: 'dynamodb_table_deletion_protection_enabled' },
  evaluate(table) {
    const name = table.model.tableName;
    if (table.model.deletionProtection === undefined) return notApplicable(`DynamoDB table ${name}: deletion protection not recorded.`);
    return table.model.deletionProtection
      ? compliant(`DynamoDB table ${name} has deletion protection enabled.`)
      : nonCompliant(`DynamoDB table ${name} has deletion protection disabled.`);
  },
});
