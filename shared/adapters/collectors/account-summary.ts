import { paginateListRestoreTestingPlans, type BackupClient } from '@aws-sdk/client-backup';
import { GetDetectorCommand, paginateListDetectors, type GuardDutyClient } from '@aws-sdk/client-guardduty';
import { GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { Collector } from '../../app/ports.ts';
import { CollectedType } from '../../domain/collected-types.ts';
import { awsCall } from '../errors/map-aws-error.ts';
import { collectedResource } from './_collected-item.ts';
import { mapLimit } from '../../app/map-limit.ts';

export const accountSummaryCollectorIamActions = [
  'iam:GetAccountSummary',
  'backup:ListRestoreTestingPlans',
  'guardduty:ListDetectors',
  'guardduty:GetDetector',
] as const;

export interface AccountSummaryCollectorOptions {
  /** IAM is global: any region's client will do. */
  readonly iam: IAMClient;
  /** Clients for the region being collected: restore testing plans and detectors are regional. */
  readonly backup: BackupClient;
  readonly guardDuty: GuardDutyClient;
  readonly now?: () => Date;
}

/**
 * The account pseudo-resource (`AWS::::Account`, one per region) with what account-level rules
 * need and Config does not record: root MFA (IAM GetAccountSummary `AccountMFAEnabled`), AWS
 * Backup restore testing plans, GuardDuty detectors and their status.
 *
 * @example
 * const account = createAccountSummaryCollector({ iam, backup, guardDuty });
 * const [resource] = await account.collect({ accountId, region });
 */
export function createAccountSummaryCollector(options: AccountSummaryCollectorOptions): Collector {
  const { iam, backup, guardDuty } = options;
  const now = options.now ?? (() => new Date());

  async function rootMfaEnabled(): Promise<boolean | undefined> {
    const out = await awsCall('iam:GetAccountSummary', undefined, () => iam.send(new GetAccountSummaryCommand({})));
    const value = out.SummaryMap?.['AccountMFAEnabled'];
    return value === undefined ? undefined : value === 1;
  }

  async function restoreTestingPlans(region: string): Promise<string[]> {
    const names: string[] = [];
    const pages = paginateListRestoreTestingPlans({ client: backup }, {});
    for (;;) {
      const page = await awsCall('backup:ListRestoreTestingPlans', region, () => pages.next());
      if (page.done) return names;
      for (const plan of page.value.RestoreTestingPlans ?? []) if (plan.RestoreTestingPlanName) names.push(plan.RestoreTestingPlanName);
    }
  }

  async function guardDutyDetectors(region: string): Promise<{ id: string; status: string }[]> {
    const ids: string[] = [];
    const pages = paginateListDetectors({ client: guardDuty }, {});
    for (;;) {
      const page = await awsCall('guardduty:ListDetectors', region, () => pages.next());
      if (page.done) break;
      ids.push(...(page.value.DetectorIds ?? []));
    }
    return mapLimit(ids, 4, async (id) => {
      const detector = await awsCall('guardduty:GetDetector', region, () => guardDuty.send(new GetDetectorCommand({ DetectorId: id })));
      return { id, status: detector.Status ?? 'UNKNOWN' };
    });
  }

  return {
    name: 'account-summary',
    iamActions: accountSummaryCollectorIamActions,
    async collect(scope) {
      const capturedAt = now();
      const [mfa, plans, detectors] = await Promise.all([
        rootMfaEnabled(),
        restoreTestingPlans(scope.region),
        guardDutyDetectors(scope.region),
      ]);
      return [
        collectedResource({
          resourceType: CollectedType.account,
          resourceId: scope.accountId,
          accountId: scope.accountId,
          region: scope.region,
          capturedAt,
          configuration: { rootMfaEnabled: mfa, restoreTestingPlans: plans, guardDutyDetectors: detectors },
        }),
      ];
    },
  };
}
