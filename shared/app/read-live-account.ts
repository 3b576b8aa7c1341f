import { NOT_RECORDED_BY_CONFIG } from '../domain/collected-types.ts';
import { resourceKeyString, type AnyResource, type ResourceKey } from '../domain/resource.ts';
import type { Rule } from '../rules/rule.ts';
import type { Collector, ConfigReader } from './ports.ts';

/** What a live read needs of one region. */
export interface LiveRegionSources {
  /** Resolves when AWS Config records in the region; rejects with a reason a user can act on otherwise. */
  assertConfigRecording(): Promise<void>;
  readonly configReader: ConfigReader;
  /** The region's collectors; those that check Config resources (WAF associations) get the region's inventory. */
  collectors(configInventory: readonly AnyResource[]): readonly Collector[];
}

/** The account behind the credentials, region by region. */
export interface LiveAccountSources {
  /** The account the credentials belong to, asked through the region's endpoints. */
  accountId(region: string): Promise<string>;
  region(scope: { readonly accountId: string; readonly region: string }): LiveRegionSources;
  /** Collectors of account-wide data (the IAM credential report), run once whatever the regions. */
  readonly globalCollectors: readonly Collector[];
}

export type LiveReadEvent =
  | {
      readonly kind: 'progress';
      /** A region, or `global`. */
      readonly region: string;
      /** What is being read, e.g. `listing AWS::S3::Bucket`, `reading configuration items`. */
      readonly label: string;
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'warning'; readonly region: string; readonly message: string };

export interface ReadLiveAccountOptions {
  readonly regions: readonly string[];
  readonly sources: LiveAccountSources;
  /** Config resource types to read: `configResourceTypes(catalog)`. */
  readonly resourceTypes: readonly string[];
  readonly onEvent?: (event: LiveReadEvent) => void;
}

/** BatchGetResourceConfig takes at most 100 keys a call. */
const BATCH_SIZE = 100;

/**
 * Reads a live account read-only: per region, checks that AWS Config records, lists the
 * discovered resources of the requested types, reads their current items 100 at a time, then
 * runs the region's collectors; the global collectors run once. Resources come back normalized,
 * in the same models a snapshot gives, ready for `scanResources`.
 *
 * Regions are read one after the other: API rate limits are per region and account, so this
 * keeps each region's reads within them, and progress stays readable.
 *
 * @throws whatever the sources throw (adapters raise MissingPermissionError, ConfigNotRecordingError …).
 * @example
 * const resources = await readLiveAccount({
 *   regions: ['eu-west-1'], sources: createAwsLiveAccountSources({ profile }), resourceTypes: configResourceTypes(catalog),
 * });
 */
export async function readLiveAccount(options: ReadLiveAccountOptions): Promise<AnyResource[]> {
  const { sources, onEvent = () => {} } = options;
  if (options.regions.length === 0) throw new RangeError('readLiveAccount needs at least one region');
  const regions = [...new Set(options.regions)];
  const accountId = await sources.accountId(regions[0] ?? '');
  const byKey = new Map<string, AnyResource>();
  // IAM's types are global: Config records them in one region (or several). Once read, they are
  // not listed again in the next regions.
  const globalTypesRead = new Set<string>();
  const add = (resources: readonly AnyResource[]): void => {
    // Global resources (IAM) are listed by every region that records them: keep one.
    for (const r of resources) byKey.set(resourceKeyString(r), r);
  };

  for (const region of regions) {
    const regional = sources.region({ accountId, region });
    const progress = (label: string, done: number, total: number): void =>
      onEvent({ kind: 'progress', region, label, done, total });

    progress('checking the AWS Config recorder', 0, 1);
    await regional.assertConfigRecording();

    const types = options.resourceTypes.filter((t) => !globalTypesRead.has(t));
    const keys = await listKeys(regional.configReader, types, progress);
    const inventory: AnyResource[] = [];
    for (let i = 0; i < keys.length; i += BATCH_SIZE) {
      progress('reading configuration items', i, keys.length);
      inventory.push(...(await regional.configReader.batchGet(keys.slice(i, i + BATCH_SIZE))));
    }
    progress('reading configuration items', keys.length, keys.length);
    const missing = keys.length - inventory.length;
    if (missing > 0) {
      onEvent({ kind: 'warning', region, message: `${missing} listed resource(s) had no configuration item (deleted meanwhile?)` });
    }
    add(inventory);
    for (const r of inventory) if (GLOBAL_REGIONS.has(r.region)) globalTypesRead.add(r.resourceType);

    const collectors = regional.collectors(inventory);
    for (const [i, collector] of collectors.entries()) {
      progress(`collecting ${collector.name}`, i, collectors.length);
      add(await collector.collect({ accountId, region }));
    }
  }

  for (const [i, collector] of sources.globalCollectors.entries()) {
    onEvent({ kind: 'progress', region: 'global', label: `collecting ${collector.name}`, done: i, total: sources.globalCollectors.length });
    add(await collector.collect({ accountId, region: 'global' }));
  }
  return [...byKey.values()];
}

async function listKeys(
  reader: ConfigReader,
  resourceTypes: readonly string[],
  progress: (label: string, done: number, total: number) => void,
): Promise<ResourceKey[]> {
  const keys = new Map<string, ResourceKey>();
  for (const [i, type] of resourceTypes.entries()) {
    progress(`listing ${type}`, i, resourceTypes.length);
    for await (const page of reader.listResourceKeys([type])) {
      for (const key of page) keys.set(resourceKeyString(key), key);
    }
  }
  progress('listing resources', resourceTypes.length, resourceTypes.length);
  return [...keys.values()];
}

const GLOBAL_REGIONS: ReadonlySet<string> = new Set(['global', 'aws-global']);


/**
 * The AWS Config resource types a catalog reads: the types its rules evaluate and depend on,
 * less those collectors supply (log groups, the account, Vigil's own types). Sorted.
 */
export function configResourceTypes(catalog: readonly Rule[]): string[] {
  const types = new Set<string>();
  for (const rule of catalog) for (const type of [...rule.resourceTypes, ...(rule.dependsOn ?? [])]) types.add(type);
  return [...types].filter((t) => !NOT_RECORDED_BY_CONFIG.has(t) && !t.startsWith('Vigil::')).sort();
}
