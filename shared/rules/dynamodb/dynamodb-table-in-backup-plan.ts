import type { BackupSelection } from '../../config-items/models/backup.ts';
import { isGone, type AnyResource, type Resource, type ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';
import { selectionCovers } from '../backup/_selection.ts';
import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';
import { unseenDependencies } from '../partial-inventory.ts';
import { asType, TABLE, tableArn } from './_helpers.ts';

const SELECTION = 'AWS::Backup::BackupSelection';
const PLAN = 'AWS::Backup::BackupPlan';

export default defineRule({
  id: 'dynamodb-table-in-backup-plan',
  title: 'DynamoDB tables are selected by an AWS Backup plan',
  severity: 'medium',
  resourceTypes: [TABLE],
  category: RuleCategory.dataStores,
  checklist: '000 DynamoDB backup, 004 daily backups',
  remediation: {
    text: 'Assign the table to a backup plan: by ARN, by a resource-type wildcard such as arn:aws:dynamodb:*:*:table/*, or by a tag the selection matches (e.g. backup=daily).',
    cli: 'aws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection \'{"SelectionName":"dynamodb-tables","IamRoleArn":"<backup-role-arn>","Resources":["arn:aws:dynamodb:*:*:table/*"]}\'',
    cloudformation:
      'Type: AWS::Backup::BackupSelection\nProperties:\n  BackupPlanId: <plan-id>\n  BackupSelection:\n    SelectionName: dynamodb-tables\n    IamRoleArn: <backup-role-arn>\n    Resources:\n      - arn:aws:dynamodb:*:*:table/*',
  },
  params: {},
  equivalents: { awsConfigRule: 'dynamodb-in-backup-plan', fsbp: ['DynamoDB.4'], prowler: 'dynamodb_table_protected_by_backup_plan' },
  dependsOn: [SELECTION, PLAN],
  affectedBy: (dependency, inventory) => tablesAffectedBy(dependency, inventory),
  evaluate(table, { inventory }) {
    const name = table.model.tableName;
    const scope = { accountId: table.accountId, region: table.region };
    const selections = inventory.list(SELECTION, scope);
    const target = { arn: tableArn(table), tags: table.tags };
    let orphaned: string | undefined;
    for (const selection of candidateSelections(inventory, scope, target.arn)) {
      const coverage = selectionCovers(selection.model, target);
      if (!coverage) continue;
      const plan = planOf(selection, inventory);
      if (!planIsLive(selection, inventory)) {
        orphaned ??= `selection ${selection.model.selectionName} covers it, but its backup plan ${plan} was deleted`;
        continue;
      }
      return compliant(
        `DynamoDB table ${name} is in backup plan ${plan} through selection ${selection.model.selectionName} (${coverage.via}).`,
      );
    }
    if (orphaned) return nonCompliant(`DynamoDB table ${name} is in no backup plan: ${orphaned}.`);
    const unseen = unseenDependencies(table, inventory, [SELECTION], `DynamoDB table ${name}`, 'whether a backup plan selects it');
    if (unseen) return unseen;
    return nonCompliant(
      selections.length === 0
        ? `DynamoDB table ${name} is in no backup plan: there is no AWS Backup selection in ${table.region}.`
        : `DynamoDB table ${name} is not selected by any of the ${selections.length} AWS Backup selection(s) in ${table.region}.`,
    );
  },
});

type Selection = Resource<typeof SELECTION>;

/**
 * The selections that could cover a resource ARN, in inventory order: those naming the ARN
 * exactly, plus every selection that selects by wildcard, tag or "all resources". Indexed once
 * per inventory, so an account with thousands of tables and hundreds of selections stays linear;
 * selectionCovers still judges each candidate.
 */
function candidateSelections(inventory: InventoryView, scope: { accountId: string; region: string }, arn: string): Selection[] {
  const index = inventory.derive('backup/selections-by-arn', (inv) => {
    const byScope = new Map<string, { exact: Map<string, number[]>; open: number[]; all: readonly Selection[] }>();
    return (s: { accountId: string; region: string }) => {
      const key = `${s.accountId}#${s.region}`;
      let entry = byScope.get(key);
      if (!entry) {
        const all = inv.list(SELECTION, s);
        const exact = new Map<string, number[]>();
        const open: number[] = [];
        all.forEach((selection, i) => {
          const { resources, listOfTags } = selection.model;
          if (listOfTags.length > 0 || resources.length === 0 || resources.some((r) => r.includes('*'))) open.push(i);
          else for (const r of new Set(resources)) exact.set(r, [...(exact.get(r) ?? []), i]);
        });
        byScope.set(key, (entry = { exact, open, all }));
      }
      return entry;
    };
  })(scope);
  const positions = [...(index.exact.get(arn) ?? []), ...index.open].sort((a, b) => a - b);
  return positions.map((i) => index.all[i]).filter((s): s is Selection => s !== undefined);
}

function planKey(selection: Resource<typeof SELECTION>): ResourceKey | undefined {
  const planId = selection.model.planId;
  return planId === undefined
    ? undefined
    : { accountId: selection.accountId, region: selection.region, resourceType: PLAN, resourceId: planId };
}

/** A selection whose plan is recorded as deleted backs nothing up (Config may record the two apart). */
function planIsLive(selection: Resource<typeof SELECTION>, inventory: InventoryView): boolean {
  const key = planKey(selection);
  const plan = key ? inventory.get(key) : undefined;
  return plan === undefined || !isGone(plan.status);
}

function planOf(selection: Resource<typeof SELECTION>, inventory: InventoryView): string {
  const key = planKey(selection);
  const plan = asType(key ? inventory.get(key) : undefined, PLAN);
  return plan?.model.planName ?? selection.model.planId ?? 'unknown';
}

/**
 * The tables a changed selection or plan may have gained or lost: those covered by the new
 * version or by the version still in the inventory (the two differ when the change is not yet
 * applied to it). A deleted selection known only by its tombstone could have covered any table.
 */
function tablesAffectedBy(dependency: AnyResource, inventory: InventoryView): ResourceKey[] {
  const scope = { accountId: dependency.accountId, region: dependency.region };
  const tables = inventory.list(TABLE, scope);
  const changedSelection = asType(dependency, SELECTION);
  const changedPlan = asType(dependency, PLAN);
  let versions: BackupSelection[];
  if (changedSelection) {
    const stored = asType(inventory.get(dependency), SELECTION);
    versions = [changedSelection, stored].flatMap((s) => (s && !isGone(s.status) ? [s.model] : []));
    if (versions.length === 0) return tables.map(keyOf);
  } else if (changedPlan) {
    const planId = changedPlan.model.planId;
    versions = inventory
      .list(SELECTION, scope)
      .filter((s) => s.model.planId === planId)
      .map((s) => s.model);
  } else {
    return [];
  }
  return tables
    .filter((t) => versions.some((selection) => selectionCovers(selection, { arn: tableArn(t), tags: t.tags })))
    .map(keyOf);
}

function keyOf({ accountId, region, resourceType, resourceId }: ResourceKey): ResourceKey {
  return { accountId, region, resourceType, resourceId };
}
