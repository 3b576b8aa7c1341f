/**
 * Where local mode reads the account, behind the same ports the deployed functions use: a
 * snapshot held as AWS Config would hold it (the demo account, or the user's own file), or a
 * live account read-only through the default credential chain (`--live`).
 */
import type { Collector, ConfigReader, LogGroupReader } from '../shared/app/ports.ts';
import type { AnyResource } from '../shared/domain/resource.ts';
import { createLocalConfigInventory } from './config-inventory.ts';

export interface AccountSource {
  /** The (account, region) pairs a sweep covers; the first is home (the api's default scope). */
  readonly scopes: readonly { readonly accountId: string; readonly region: string }[];
  configReader(accountId: string, region: string): ConfigReader;
  collectors(scope: { readonly accountId: string; readonly region: string }): readonly Collector[];
  readonly logGroups?: LogGroupReader;
  /** A Config change a user fed: Config's own inventory records it first (a snapshot); a live account already has it. */
  recordChange(resource: AnyResource): void;
  /** Resources held (a snapshot); undefined for a live account. */
  readonly size: number | undefined;
}

const DEFAULT_SCOPE = { accountId: '111122223333', region: 'eu-west-1' } as const;

export function snapshotSource(resources: readonly AnyResource[]): AccountSource {
  const inventory = createLocalConfigInventory(resources);
  const scopes = inventory.scopes();
  return {
    scopes: scopes.length > 0 ? scopes : [DEFAULT_SCOPE],
    configReader: inventory.reader,
    collectors: () => [inventory.collector],
    logGroups: inventory.logGroups,
    recordChange: (resource) => void inventory.recordChange(resource),
    size: inventory.size,
  };
}

/**
 * A live account, read-only: AWS Config's inventory and the collectors of what Config does not
 * record, in one region, with the credentials of `profile` or the default chain. Findings, the
 * queue and alerts stay on this machine. The WAF association collector gets no inventory here,
 * so web-ACL rules answer "not collected" rather than guess.
 */
export async function liveSource(options: { readonly profile?: string | undefined; readonly region: string }): Promise<AccountSource> {
  const { createAwsLiveAccountSources } = await import('../shared/adapters/aws-live-account.ts');
  const sources = createAwsLiveAccountSources(options.profile ? { profile: options.profile } : {});
  const accountId = await sources.accountId(options.region);
  const home = sources.region({ accountId, region: options.region });
  await home.assertConfigRecording();
  return {
    scopes: [{ accountId, region: options.region }],
    configReader: (account, region) => sources.region({ accountId: account, region }).configReader,
    collectors: (scope) => [...sources.region(scope).collectors([]), ...sources.globalCollectors],
    recordChange: () => undefined,
    size: undefined,
  };
}
