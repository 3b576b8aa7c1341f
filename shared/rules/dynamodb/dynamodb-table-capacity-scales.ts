import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';
import { TABLE } from './_helpers.ts';

export default defineRule({
  id: 'dynamodb-table-capacity-scales',
  title: 'DynamoDB tables use on-demand capacity or auto scaling',
  severity: 'medium',
  resourceTypes: [TABLE],
  category: RuleCategory.dataStores,
  checklist: '000 auto scaling / on-demand',
  remediation: {
    text: 'Switch the table to on-demand (PAY_PER_REQUEST), or register its read and write capacity with Application Auto Scaling and suppress this finding for it.',
    cli: 'aws dynamodb update-table --table-name <table> --billing-mode PAY_PER_REQUEST',
    cloudformation: 'BillingMode: PAY_PER_REQUEST',
  },
  params: {},
  // AWS Config records no Application Auto Scaling resource type (neither scalable targets nor
  // scaling policies are in its ResourceType list), so a provisioned table's scaling cannot be
  // seen from configuration items: it is reported NON_COMPLIANT, saying so. The managed rule
  // dynamodb-autoscaling-enabled (periodic) calls Application Auto Scaling and would pass an
  // auto-scaled provisioned table, so it is not claimed.
  equivalents: { fsbp: ['DynamoDB.1'] },
  // Every difference from the managed rule, as docs/rules.md states it.
  managedRule: {
    rule: 'dynamodb-autoscaling-enabled',
    differences: [
      'Stricter: a provisioned table is NON_COMPLIANT, saying so, because AWS Config records no Application Auto Scaling resource; the managed rule calls Application Auto Scaling and passes an auto-scaled provisioned table.',
    ],
  },
  evaluate(table) {
    const { tableName, billingMode, provisionedThroughput } = table.model;
    if (billingMode === 'PAY_PER_REQUEST') {
      return compliant(`DynamoDB table ${tableName} uses on-demand capacity (PAY_PER_REQUEST).`);
    }
    // No billing summary and no provisioned capacity (an on-demand table reports 0 RCU / 0 WCU): the
    // item says nothing of the capacity mode.
    if (!(provisionedThroughput.read ?? 0) && !(provisionedThroughput.write ?? 0)) {
      return notApplicable(`DynamoDB table ${tableName}: capacity mode not recorded.`);
    }
    const capacity = `${provisionedThroughput.read ?? '?'} RCU / ${provisionedThroughput.write ?? '?'} WCU`;
    return nonCompliant(
      `DynamoDB table ${tableName} uses provisioned capacity (${capacity}); AWS Config does not record Application Auto Scaling, so read and write auto scaling cannot be confirmed.`,
    );
  },
});
