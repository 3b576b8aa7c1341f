import { BackupClient } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, type ConfigServiceClientConfig } from '@aws-sdk/client-config-service';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { Collector, ConfigReader } from '../app/ports.ts';
import type { LiveAccountSources, LiveRegionSources } from '../app/read-live-account.ts';
import { accountSummaryCollectorIamActions, createAccountSummaryCollector } from './collectors/account-summary.ts';
import { createCredentialReportCollector, credentialReportCollectorIamActions } from './collectors/credential-report.ts';
import {
  createElastiCacheCacheClustersCollector,
  createElastiCacheReplicationGroupsCollector,
  elastiCacheCacheClustersCollectorIamActions,
  elastiCacheReplicationGroupsCollectorIamActions,
} from './collectors/elasticache.ts';
import { createLambdaEventInvokeConfigsCollector, lambdaEventInvokeConfigsCollectorIamActions } from './collectors/lambda-event-invoke-configs.ts';
import { createLogGroupsCollector, logGroupsCollectorIamActions } from './collectors/log-groups.ts';
import {
  createWebAclAssociationsCollector,
  webAclAssociationsCollectorIamActions,
  webAclTargets,
} from './collectors/web-acl-associations.ts';
import { assertConfigRecording, configRecordingIamActions } from './config-recording.ts';
import { createConfigReader, UnprocessedKeysError } from './config-service.ts';
import { configTagsIamActions, createConfigTagsCompleter } from './config-tags.ts';
import { AwsRequestError } from './errors/aws-request-error.ts';
import { CredentialsError } from './errors/credentials-error.ts';
import { awsCall, isAwsFailure, toAwsAdapterError } from './errors/map-aws-error.ts';

/**
 * Every IAM action a live scan calls (sts:GetCallerIdentity needs no permission). All read;
 * iam:GenerateCredentialReport only asks IAM to prepare the report it then reads.
 */
export const liveScanIamActions: readonly string[] = [
  ...new Set([
    ...configRecordingIamActions,
    'config:ListDiscoveredResources',
    'config:BatchGetResourceConfig',
    ...configTagsIamActions,
    ...logGroupsCollectorIamActions,
    ...elastiCacheReplicationGroupsCollectorIamActions,
    ...elastiCacheCacheClustersCollectorIamActions,
    ...webAclAssociationsCollectorIamActions,
    ...lambdaEventInvokeConfigsCollectorIamActions,
    ...accountSummaryCollectorIamActions,
    ...credentialReportCollectorIamActions,
  ]),
].sort();

/** What every client of a live scan is built with; tests override the endpoint and credentials. */
export interface LiveClientConfig {
  readonly endpoint?: string;
  readonly credentials?: ConfigServiceClientConfig['credentials'];
  readonly maxAttempts?: number;
  readonly retryMode?: 'standard' | 'adaptive';
}

export interface AwsLiveAccountOptions {
  /** A profile of the shared config files (`--profile`); default: the default credential chain (AWS_PROFILE …). */
  readonly profile?: string;
  /** Overrides of every client's configuration. */
  readonly clientConfig?: LiveClientConfig;
}

/**
 * The live account behind the default credential chain (or a profile), read through AWS SDK v3
 * clients: Config for the inventory, the collectors for what Config does not record.
 *
 * Retries: bulk reads of a large account meet throttling (ListDiscoveredResources and
 * GetWebACLForResource have low per-account rates). The SDK's adaptive retry mode backs off
 * exponentially with jitter *and* slows the client's own send rate after a throttle, so a scan
 * finishes slower instead of failing; 10 attempts rides out bursts of several seconds.
 *
 * @example
 * const sources = createAwsLiveAccountSources({ profile: 'prod-readonly' });
 * const resources = await readLiveAccount({ regions: ['eu-west-1'], sources, resourceTypes });
 */
export function createAwsLiveAccountSources(options: AwsLiveAccountOptions = {}): LiveAccountSources & {
  readonly iamActions: readonly string[];
} {
  const { profile, clientConfig = {} } = options;
  // An explicit profile is read with fromIni, so environment keys cannot take its place; else
  // the default chain (environment, AWS_PROFILE, SSO, container and instance roles). One shared
  // provider for every client: an SSO or assume-role exchange happens once, not per client.
  const credentials = clientConfig.credentials ?? shareCredentials(profile ? fromIni({ profile }) : defaultProvider());
  const config = (region: string) => ({
    region,
    credentials,
    maxAttempts: clientConfig.maxAttempts ?? 10,
    retryMode: clientConfig.retryMode ?? 'adaptive',
    ...(profile ? { profile } : {}),
    ...(clientConfig.endpoint ? { endpoint: clientConfig.endpoint } : {}),
  });

  const regions = new Map<string, LiveRegionSources>();
  // IAM is global: one client, built in the first region asked for (which picks the partition).
  let homeRegion: string | undefined;
  let iam: IAMClient | undefined;
  const iamClient = (): IAMClient => (iam ??= new IAMClient(config(homeRegion ?? 'us-east-1')));
  let globalCollectors: readonly Collector[] | undefined;

  const regionSources = (accountId: string, region: string): LiveRegionSources => {
    const configClient = new ConfigServiceClient(config(region));
    const wafv2 = new WAFV2Client(config(region));
    const elastiCache = new ElastiCacheClient(config(region));
    return {
      assertConfigRecording: () => assertConfigRecording(configClient, region),
      configReader: completeItems(
        mapReaderErrors(createConfigReader({ client: configClient, accountId }), region),
        createConfigTagsCompleter({ client: configClient, region }),
      ),
      collectors: (inventory) => [
        createLogGroupsCollector({ client: new CloudWatchLogsClient(config(region)) }),
        createElastiCacheReplicationGroupsCollector({ client: elastiCache }),
        createElastiCacheCacheClustersCollector({ client: elastiCache }),
        createWebAclAssociationsCollector({ client: wafv2, resourceArns: (scope) => webAclTargets(inventory, scope) }),
        // On-failure destinations, which Config does not record: the inventory's functions come back enriched.
        createLambdaEventInvokeConfigsCollector({ client: new LambdaClient(config(region)), resources: () => inventory }),
        createAccountSummaryCollector({
          iam: iamClient(),
          backup: new BackupClient(config(region)),
          guardDuty: new GuardDutyClient(config(region)),
        }),
      ],
    };
  };

  return {
    iamActions: liveScanIamActions,
    async accountId(region) {
      homeRegion ??= region;
      const sts = new STSClient(config(region));
      const out = await awsCall('sts:GetCallerIdentity', undefined, () => sts.send(new GetCallerIdentityCommand({})));
      if (!out.Account) throw new CredentialsError('sts:GetCallerIdentity returned no account id');
      return out.Account;
    },
    region({ accountId, region }) {
      homeRegion ??= region;
      const key = `${accountId}#${region}`;
      let sources = regions.get(key);
      if (!sources) regions.set(key, (sources = regionSources(accountId, region)));
      return sources;
    },
    get globalCollectors() {
      return (globalCollectors ??= [createCredentialReportCollector({ client: iamClient() })]);
    },
  };
}

type Identity = Awaited<ReturnType<ReturnType<typeof defaultProvider>>>;

/** One resolution shared by all clients, renewed 5 minutes before it expires, or after a failure. */
function shareCredentials(provider: () => Promise<Identity>): () => Promise<Identity> {
  let current: Promise<Identity> | undefined;
  const renew = (): Promise<Identity> => {
    const next = provider();
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
  return async () => {
    const pending = current ?? renew();
    const identity = await pending;
    const expiresSoon = identity.expiration !== undefined && identity.expiration.getTime() - Date.now() < 300_000;
    if (!expiresSoon) return identity;
    return current === pending ? renew() : (current ?? renew());
  };
}

/** Batch items with the tags and relationships BatchGetResourceConfig leaves out. */
function completeItems(reader: ConfigReader, completer: ReturnType<typeof createConfigTagsCompleter>): ConfigReader {
  return { ...reader, batchGet: async (keys) => completer.complete(await reader.batchGet(keys)) };
}

/** The Config reader's SDK failures, as the adapter error family naming the Config action. */
function mapReaderErrors(reader: ConfigReader, region: string): ConfigReader {
  return {
    getItemAt: (key, captureTime) => awsCall('config:GetResourceConfigHistory', region, () => reader.getItemAt(key, captureTime)),
    async *listResourceKeys(resourceTypes) {
      try {
        yield* reader.listResourceKeys(resourceTypes);
      } catch (error) {
        throw isAwsFailure(error) ? toAwsAdapterError(error, 'config:ListDiscoveredResources', region) : error;
      }
    },
    batchGet: (keys) =>
      awsCall('config:BatchGetResourceConfig', region, () => reader.batchGet(keys)).catch((error: unknown) => {
        // Config kept leaving keys unprocessed: load, not a bug; say which call gave up.
        if (!(error instanceof UnprocessedKeysError)) throw error;
        throw new AwsRequestError('config:BatchGetResourceConfig', region, error.name, error.message, { cause: error });
      }),
  };
}

/**
 * The region a profile or the environment names (AWS_REGION, the profile's `region`), for a
 * live scan given no --region; undefined when none is set.
 */
export async function defaultRegion(profile?: string): Promise<string | undefined> {
  try {
    return await new STSClient(profile ? { profile } : {}).config.region();
  } catch {
    return undefined; // "Region is missing": the caller asks for --region.
  }
}
