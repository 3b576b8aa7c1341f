import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKUP_SCHEDULE,
  type BackupPlan,
  type BackupSelection,
  type BackupVault,
} from '../../../shared/config-items/models/backup.ts';
import { normalizeConfigurationItem } from '../../../shared/config-items/normalize.ts';

const ACCOUNT = '111122223333';
const PLAN_ID = '8f2e4c1a-6b3d-4e5f-9a0b-1c2d3e4f5a6b';
const PLAN_ARN = `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-plan:${PLAN_ID}`;

function model<T>(resourceType: string, resourceId: string, ci: Record<string, unknown>): T {
  return normalizeConfigurationItem({ resourceType, resourceId, resourceName: 'prod-daily', awsRegion: 'eu-west-1', ...ci }).model as T;
}

describe('AWS::Backup::BackupPlan model', () => {
  const configuration = {
    BackupPlan: {
      BackupPlanName: 'prod-daily',
      BackupPlanRule: [
        { RuleName: 'daily', TargetBackupVault: 'prod-vault', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, EnableContinuousBackup: true },
        { RuleName: 'monthly', TargetBackupVault: 'prod-vault', ScheduleExpression: 'cron(0 4 1 * ? *)', ScheduleExpressionTimezone: 'Europe/Dublin', Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 } },
        { RuleName: 'keep-forever', TargetBackupVault: 'archive-vault' },
      ],
    },
    BackupPlanArn: PLAN_ARN,
    BackupPlanId: PLAN_ID,
    VersionId: 'ZjYyNDg0NmEtNTRkMi00MzE0',
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }],
  ])('reads rules in CloudFormation naming, filling the default schedule (%s form)', (_form, ci) => {
    // Act
    const plan = model<BackupPlan>('AWS::Backup::BackupPlan', PLAN_ID, ci);

    // Assess
    expect(plan).toEqual({
      planName: 'prod-daily',
      planId: PLAN_ID,
      planArn: PLAN_ARN,
      rules: [
        { ruleName: 'daily', scheduleExpression: 'cron(0 3 ? * * *)', scheduleTimezone: undefined, targetVault: 'prod-vault', deleteAfterDays: 35, moveToColdStorageAfterDays: undefined, continuousBackup: true },
        { ruleName: 'monthly', scheduleExpression: 'cron(0 4 1 * ? *)', scheduleTimezone: 'Europe/Dublin', targetVault: 'prod-vault', deleteAfterDays: 365, moveToColdStorageAfterDays: 30, continuousBackup: false },
        { ruleName: 'keep-forever', scheduleExpression: DEFAULT_BACKUP_SCHEDULE, scheduleTimezone: undefined, targetVault: 'archive-vault', deleteAfterDays: undefined, moveToColdStorageAfterDays: undefined, continuousBackup: false },
      ],
    });
  });

  it('accepts the GetBackupPlan naming (Rules, TargetBackupVaultName)', () => {
    // Act
    const plan = model<BackupPlan>('AWS::Backup::BackupPlan', PLAN_ID, {
      awsAccountId: ACCOUNT,
      configuration: { BackupPlan: { BackupPlanName: 'api-named', Rules: [{ RuleName: 'r1', TargetBackupVaultName: 'v', ScheduleExpression: 'rate(12 hours)' }] } },
    });

    // Assess
    expect(plan.planName).toBe('api-named');
    expect(plan.rules).toMatchObject([{ ruleName: 'r1', targetVault: 'v', scheduleExpression: 'rate(12 hours)' }]);
  });
});

describe('AWS::Backup::BackupSelection model', () => {
  const configuration = {
    BackupPlanId: PLAN_ID,
    SelectionId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    BackupSelection: {
      SelectionName: 'tagged-tables',
      IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
      Resources: ['arn:aws:dynamodb:*:*:table/*'],
      NotResources: ['arn:aws:dynamodb:*:*:table/scratch-*'],
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      Conditions: {
        StringEquals: [{ ConditionKey: 'aws:ResourceTag/Environment', ConditionValue: 'production' }],
        StringNotEquals: [],
        StringLike: [{ ConditionKey: 'aws:ResourceTag/Owner', ConditionValue: 'pay*' }],
        StringNotLike: [{ ConditionKey: 'aws:ResourceTag/Lifecycle', ConditionValue: 'temp*' }],
      },
    },
  };

  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration }],
    ['api', { accountId: ACCOUNT, configuration: JSON.stringify(configuration) }],
  ])('reads ARN patterns and both tag forms, without the aws:ResourceTag/ prefix (%s form)', (_form, ci) => {
    // Act
    const selection = model<BackupSelection>('AWS::Backup::BackupSelection', configuration.SelectionId, ci);

    // Assess
    expect(selection).toEqual({
      selectionName: 'tagged-tables',
      selectionId: configuration.SelectionId,
      planId: PLAN_ID,
      resources: ['arn:aws:dynamodb:*:*:table/*'],
      notResources: ['arn:aws:dynamodb:*:*:table/scratch-*'],
      listOfTags: [{ key: 'backup', value: 'daily' }],
      conditions: {
        stringEquals: [{ key: 'Environment', value: 'production' }],
        stringNotEquals: [],
        stringLike: [{ key: 'Owner', value: 'pay*' }],
        stringNotLike: [{ key: 'Lifecycle', value: 'temp*' }],
      },
    });
  });

  it('reads a deleted selection (null configuration) as selecting nothing', () => {
    // Act
    const selection = model<BackupSelection>('AWS::Backup::BackupSelection', 'gone', {
      accountId: ACCOUNT,
      configurationItemStatus: 'ResourceDeleted',
      configuration: null,
    });

    // Assess
    expect(selection).toMatchObject({ selectionId: 'gone', planId: undefined, resources: [], listOfTags: [] });
  });
});

describe('AWS::Backup::BackupVault model', () => {
  it.each([
    ['notification', { awsAccountId: ACCOUNT, configuration: { BackupVaultName: 'prod-vault', EncryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k' } }],
    ['api', { accountId: ACCOUNT, configuration: '{"BackupVaultName":"prod-vault","EncryptionKeyArn":"arn:aws:kms:eu-west-1:111122223333:key/k"}' }],
  ])('reads the vault key (%s form)', (_form, ci) => {
    // Act
    const vault = model<BackupVault>('AWS::Backup::BackupVault', 'prod-vault', { ...ci, arn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-vault' });

    // Assess
    expect(vault).toEqual({
      vaultName: 'prod-vault',
      vaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:prod-vault',
      encryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
    });
  });
});
