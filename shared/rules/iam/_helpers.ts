import { ACCOUNT_RESOURCE_TYPE, type Resource, type ResourceKey } from '../../domain/resource.ts';
import type { InventoryView } from '../../engine/inventory.ts';
import type { CredentialReportUser, PolicyStatement } from '../../config-items/models/iam.ts';

export const CREDENTIAL_REPORT_TYPE = 'Vigil::IAM::CredentialReport';
export const DAY_MS = 86_400_000;

/** Whole days from `from` to `now` (rounded down). */
export function daysSince(from: string, now: Date): number | undefined {
  const t = Date.parse(from);
  return Number.isNaN(t) ? undefined : Math.floor((now.getTime() - t) / DAY_MS);
}

/** The account's credential report (the newest, should a snapshot hold several). */
export function credentialReportFor(
  accountId: string,
  inventory: InventoryView,
): Resource<typeof CREDENTIAL_REPORT_TYPE> | undefined {
  const reports = inventory.list(CREDENTIAL_REPORT_TYPE, { accountId });
  return [...reports].sort((a, b) => (b.model.generatedTime ?? '').localeCompare(a.model.generatedTime ?? ''))[0];
}

/** The report row of an IAM user: by ARN (stable across renames of the path), else by name. */
export function reportRowFor(
  users: readonly CredentialReportUser[],
  user: { readonly arn: string | undefined; readonly userName: string },
): CredentialReportUser | undefined {
  return (user.arn !== undefined ? users.find((u) => u.arn === user.arn) : undefined) ?? users.find((u) => u.user === user.userName);
}

/** "generated 2026-11-20T06:00:00Z", for reasons that depend on the report's age. */
export function reportAge(generatedTime: string | undefined): string {
  return generatedTime ? `generated ${generatedTime}` : 'of unknown date';
}

/**
 * The account pseudo-resources of every region the inventory knows for an account, plus
 * `region`: a global change (an IAM credential report, a multi-region trail) concerns them all.
 */
export function accountKeysAcrossRegions(accountId: string, region: string, inventory: InventoryView): ResourceKey[] {
  const regions = new Set(inventory.list(ACCOUNT_RESOURCE_TYPE, { accountId }).map((a) => a.region));
  if (region !== 'global' && region !== 'aws-global') regions.add(region);
  return [...regions].map((r) => ({ accountId, region: r, resourceType: ACCOUNT_RESOURCE_TYPE, resourceId: accountId }));
}

export function isAllow(statement: PolicyStatement): boolean {
  return statement.effect === 'Allow';
}

/** How a reason points at a statement: its Sid, else its position. */
export function statementLabel(statement: PolicyStatement, index: number): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement #${index + 1}`;
}

/** "a, b, c and 2 more", to keep reasons within AWS Config's 256 characters. */
export function listSome(items: readonly string[], max = 3, separator = ', '): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)} and ${items.length - max} more`;
}
