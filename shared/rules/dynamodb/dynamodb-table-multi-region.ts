import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { TABLE } from './_helpers.ts';

/**
 * Absent data: no `replicas` reads as no replica: DescribeTable lists replicas only for a global
 * table, and Config records what it returns. Source:
 * ../shared/reference/config-resource-schema/AWS__DynamoDB__Table.properties.json (replicas.*).
 */
/** Replica states that give no second region to fail over to. */
const NOT_SERVING = new Set(['DELETING', 'CREATION_FAILED', 'REGION_DISABLED', 'INACCESSIBLE_ENCRYPTION_CREDENTIALS']);

export default defineRule({
  id: 'dynamodb-table-multi-region',
  title: 'DynamoDB tables have a global-table replica in another region',
  severity: 'low',
  resourceTypes: [TABLE],
  category: RuleCategory.dataStores,
  checklist: '000 global tables, DR multi-region',
  remediation: {
    text: 'Add a replica in a second region (global tables version 2019.11.21) so the data survives a regional outage.',
    cli: 'aws dynamodb update-table --table-name <table> --replica-updates \'[{"Create":{"RegionName":"<other-region>"}}]\'',
    cloudformation: 'Type: AWS::DynamoDB::GlobalTable\nProperties:\n  Replicas:\n    - Region: <this-region>\n    - Region: <other-region>',
  },
  params: {},
  equivalents: {},
  evaluate(table) {
    const name = table.model.tableName;
    const elsewhere = table.model.replicas.filter((r) => r.regionName !== table.region);
    const serving = elsewhere.filter((r) => r.status === undefined || !NOT_SERVING.has(r.status));
    if (serving.length > 0) {
      return compliant(`DynamoDB table ${name} has replicas in ${serving.map((r) => r.regionName).join(', ')}.`);
    }
    if (elsewhere.length > 0) {
      const states = elsewhere.map((r) => `${r.regionName} ${r.status ?? ''}`.trim()).join(', ');
      return nonCompliant(`DynamoDB table ${name} has no serving replica in another region (${states}).`);
    }
    return nonCompliant(`DynamoDB table ${name} has no replica outside ${table.region}.`);
  },
});
