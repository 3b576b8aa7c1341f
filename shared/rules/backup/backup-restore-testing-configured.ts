import { ACCOUNT_RESOURCE_TYPE } from '../../domain/resource.ts';
import { compliant, defineRule, nonCompliant, notApplicable, RuleCategory } from '../rule.ts';

const RESTORE_TESTING_PLAN = 'AWS::Backup::RestoreTestingPlan';

export default defineRule({
  id: 'backup-restore-testing-configured',
  title: 'An AWS Backup restore testing plan exists in the account and region',
  severity: 'low',
  resourceTypes: [ACCOUNT_RESOURCE_TYPE],
  category: RuleCategory.dataStores,
  checklist: '000/004 backup testing, DR drills',
  remediation: {
    text: 'Create a restore testing plan that periodically restores recent recovery points of your critical resources and validates them, so backups are proven restorable before a disaster.',
    cli: 'aws backup create-restore-testing-plan --restore-testing-plan \'{"RestoreTestingPlanName":"weekly","ScheduleExpression":"cron(0 3 ? * SUN *)","RecoveryPointSelection":{"Algorithm":"LATEST_WITHIN_WINDOW","IncludeVaults":["*"],"RecoveryPointTypes":["SNAPSHOT"],"SelectionWindowDays":7}}\'',
  },
  params: {},
  equivalents: {},
  dependsOn: [RESTORE_TESTING_PLAN],
  evaluate(account, { inventory }) {
    const id = account.resourceId;
    // Plans come from a collector (Backup ListRestoreTestingPlans) or from AWS Config, which
    // records AWS::Backup::RestoreTestingPlan where the recorder includes that type.
    const recorded = inventory
      .list(RESTORE_TESTING_PLAN, { accountId: account.accountId, region: account.region })
      .map((p) => p.resourceName ?? p.resourceId);
    const plans = [...new Set([...(account.model.restoreTestingPlans ?? []), ...recorded])];
    if (plans.length > 0) {
      return compliant(`Account ${id} has restore testing plan(s) in ${account.region}: ${plans.slice(0, 3).join(', ')}.`);
    }
    if (account.model.restoreTestingPlans === undefined) {
      return notApplicable(`Account ${id}: restore testing plans were not collected for ${account.region} (run a live scan to read them).`);
    }
    return nonCompliant(`Account ${id} has no AWS Backup restore testing plan in ${account.region}.`);
  },
});
