import { bool, num, obj, objs, pick, str, strs, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface BackupPlanRule {
  readonly ruleName: string;
  /**
   * `cron(…)` or `rate(…)`. AWS Backup runs a rule without an expression daily at 05:00 UTC
   * (`cron(0 5 ? * * *)`), so the normalizer fills that default in.
   */
  readonly scheduleExpression: string;
  readonly scheduleTimezone: string | undefined;
  readonly targetVault: string | undefined;
  /** undefined = recovery points are never deleted. */
  readonly deleteAfterDays: number | undefined;
  readonly moveToColdStorageAfterDays: number | undefined;
  readonly continuousBackup: boolean;
}

export interface BackupPlan {
  readonly planName: string;
  readonly planId: string | undefined;
  readonly planArn: string | undefined;
  readonly rules: readonly BackupPlanRule[];
}

export interface BackupTagCondition {
  /** The tag key (`aws:ResourceTag/` prefix removed). */
  readonly key: string;
  readonly value: string;
}

export interface BackupSelection {
  readonly selectionName: string;
  readonly selectionId: string | undefined;
  readonly planId: string | undefined;
  /** Resource ARN patterns (`*` wildcards), combined with OR. */
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Legacy tag selection: StringEquals only, combined with OR (and OR-ed with `resources`). */
  readonly listOfTags: readonly BackupTagCondition[];
  /** Tag conditions, combined with AND; they narrow `resources`. */
  readonly conditions: {
    readonly stringEquals: readonly BackupTagCondition[];
    readonly stringNotEquals: readonly BackupTagCondition[];
    readonly stringLike: readonly BackupTagCondition[];
    readonly stringNotLike: readonly BackupTagCondition[];
  };
}

export interface BackupVault {
  readonly vaultName: string;
  readonly vaultArn: string | undefined;
  readonly encryptionKeyArn: string | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::Backup::BackupPlan': BackupPlan;
    'AWS::Backup::BackupSelection': BackupSelection;
    'AWS::Backup::BackupVault': BackupVault;
  }
}

/** The default AWS Backup applies to a rule created without a schedule expression. */
export const DEFAULT_BACKUP_SCHEDULE = 'cron(0 5 ? * * *)';

/**
 * Config records the plan in CloudFormation's naming (`BackupPlan.BackupPlanRule[]`), not the
 * GetBackupPlan API's (`BackupPlan.Rules[]`); both are accepted, as are camelCase keys.
 *
 * @see ../shared/reference/config-resource-schema/AWS__Backup__BackupPlan.properties.json
 */
export function normalizeBackupPlan(input: ModelInput): BackupPlan {
  const c = input.configuration;
  const plan = obj(pick(c, 'BackupPlan', 'backupPlan'));
  return {
    planName: str(pick(plan, 'BackupPlanName', 'backupPlanName')) ?? input.resourceName ?? input.resourceId,
    planId: str(pick(c, 'BackupPlanId', 'backupPlanId')) ?? input.resourceId,
    planArn: str(pick(c, 'BackupPlanArn', 'backupPlanArn')) ?? input.arn,
    rules: objs(pick(plan, 'BackupPlanRule', 'Rules', 'backupPlanRule', 'rules')).map((r, index) => {
      const lifecycle = obj(pick(r, 'Lifecycle', 'lifecycle'));
      return {
        ruleName: str(pick(r, 'RuleName', 'ruleName')) ?? `rule ${index + 1}`,
        scheduleExpression: str(pick(r, 'ScheduleExpression', 'scheduleExpression')) ?? DEFAULT_BACKUP_SCHEDULE,
        scheduleTimezone: str(pick(r, 'ScheduleExpressionTimezone', 'scheduleExpressionTimezone')),
        targetVault: str(pick(r, 'TargetBackupVault', 'TargetBackupVaultName', 'targetBackupVault')),
        deleteAfterDays: num(pick(lifecycle, 'DeleteAfterDays', 'deleteAfterDays')),
        moveToColdStorageAfterDays: num(pick(lifecycle, 'MoveToColdStorageAfterDays', 'moveToColdStorageAfterDays')),
        continuousBackup: bool(pick(r, 'EnableContinuousBackup', 'enableContinuousBackup')) ?? false,
      };
    }),
  };
}

/**
 * The GetBackupSelection output: `{ BackupPlanId, SelectionId, BackupSelection: {…} }`. The
 * resource schema lists only Resources and NotResources, but the recorded document also carries
 * ListOfTags and Conditions when the selection uses them.
 *
 * @see ../shared/reference/config-resource-schema/AWS__Backup__BackupSelection.properties.json
 */
export function normalizeBackupSelection(input: ModelInput): BackupSelection {
  const c = input.configuration;
  const selection = obj(pick(c, 'BackupSelection', 'backupSelection')) ?? {};
  const conditions = obj(pick(selection, 'Conditions', 'conditions'));
  const list = (operator: string): BackupTagCondition[] =>
    tagConditions(pick(conditions, operator, operator.charAt(0).toLowerCase() + operator.slice(1)));
  return {
    selectionName: str(pick(selection, 'SelectionName', 'selectionName')) ?? input.resourceName ?? input.resourceId,
    selectionId: str(pick(c, 'SelectionId', 'selectionId')) ?? input.resourceId,
    planId: str(pick(c, 'BackupPlanId', 'backupPlanId')),
    resources: strs(pick(selection, 'Resources', 'resources')),
    notResources: strs(pick(selection, 'NotResources', 'notResources')),
    listOfTags: tagConditions(pick(selection, 'ListOfTags', 'listOfTags')),
    conditions: {
      stringEquals: list('StringEquals'),
      stringNotEquals: list('StringNotEquals'),
      stringLike: list('StringLike'),
      stringNotLike: list('StringNotLike'),
    },
  };
}

/** @see ../shared/reference/config-resource-schema/AWS__Backup__BackupVault.properties.json */
export function normalizeBackupVault(input: ModelInput): BackupVault {
  const c = input.configuration;
  return {
    vaultName: str(pick(c, 'BackupVaultName', 'backupVaultName')) ?? input.resourceName ?? input.resourceId,
    vaultArn: str(pick(c, 'BackupVaultArn', 'backupVaultArn')) ?? input.arn,
    encryptionKeyArn: str(pick(c, 'EncryptionKeyArn', 'encryptionKeyArn')),
  };
}

const RESOURCE_TAG_PREFIX = /^aws:ResourceTag\//i;

function tagConditions(value: unknown): BackupTagCondition[] {
  return objs(value).flatMap((condition: JsonObject) => {
    const key = str(pick(condition, 'ConditionKey', 'conditionKey'));
    const value = str(pick(condition, 'ConditionValue', 'conditionValue'));
    // Conditions spell keys `aws:ResourceTag/backup`; ListOfTags usually spells the bare key.
    return key === undefined || value === undefined ? [] : [{ key: key.replace(RESOURCE_TAG_PREFIX, ''), value }];
  });
}

export const backupModels = {
  'AWS::Backup::BackupPlan': normalizeBackupPlan,
  'AWS::Backup::BackupSelection': normalizeBackupSelection,
  'AWS::Backup::BackupVault': normalizeBackupVault,
} satisfies ModelRegistry;
