import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Collector } from '../../app/ports.ts';
import { CollectedType } from '../../domain/collected-types.ts';
import { AwsRequestError } from '../errors/aws-request-error.ts';
import { awsCall, toAwsAdapterError } from '../errors/map-aws-error.ts';
import { collectedResource } from './_collected-item.ts';
import { parseCsvRecords } from './_csv.ts';

export const credentialReportCollectorIamActions = ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'] as const;

export interface CredentialReportCollectorOptions {
  /** IAM is global: any region's client will do. */
  readonly client: IAMClient;
  /** Between GenerateCredentialReport polls. Default 2 s. */
  readonly pollIntervalMs?: number;
  /** Give up when the report is not ready by then. Default 120 s (AWS generates it in seconds for most accounts). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The IAM credential report as one `Vigil::IAM::CredentialReport` resource per account (region
 * `global`): MFA and access-key age per user, which Config's IAM items do not carry.
 * GenerateCredentialReport is called until it reports COMPLETE (it returns at once when a
 * report under 4 hours old exists), then GetCredentialReport returns the CSV.
 *
 * @example
 * const report = createCredentialReportCollector({ client: new IAMClient({ region: 'us-east-1' }) });
 * const [resource] = await report.collect({ accountId, region: 'global' });
 */
export function createCredentialReportCollector(options: CredentialReportCollectorOptions): Collector {
  const { client } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function waitUntilGenerated(): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const out = await awsCall('iam:GenerateCredentialReport', undefined, () =>
        client.send(new GenerateCredentialReportCommand({})),
      );
      if (out.State === 'COMPLETE') return;
      if (Date.now() + pollIntervalMs > deadline) {
        throw new AwsRequestError(
          'iam:GenerateCredentialReport',
          undefined,
          undefined,
          `the credential report was still ${out.State ?? 'not ready'} after ${Math.round(timeoutMs / 1000)} s`,
        );
      }
      await sleep(pollIntervalMs);
    }
  }

  async function fetchReport(): Promise<{ content: Uint8Array; generatedTime: Date | undefined }> {
    for (let attempt = 0; ; attempt++) {
      await waitUntilGenerated();
      try {
        const out = await client.send(new GetCredentialReportCommand({}));
        return { content: out.Content ?? new Uint8Array(), generatedTime: out.GeneratedTime };
      } catch (error) {
        // A report can expire or be regenerated between the two calls: generate again, once.
        const retryable =
          error instanceof CredentialReportExpiredException ||
          error instanceof CredentialReportNotPresentException ||
          error instanceof CredentialReportNotReadyException;
        if (!retryable || attempt > 0) throw toAwsAdapterError(error, 'iam:GetCredentialReport');
      }
    }
  }

  return {
    name: 'credential-report',
    iamActions: credentialReportCollectorIamActions,
    async collect(scope) {
      const { content, generatedTime } = await fetchReport();
      // The SDK has already decoded the base64 `Content` blob: these are the CSV's bytes.
      const users = parseCsvRecords(Buffer.from(content).toString('utf8'));
      return [
        collectedResource({
          resourceType: CollectedType.credentialReport,
          resourceId: scope.accountId,
          resourceName: 'credential-report',
          accountId: scope.accountId,
          region: 'global',
          capturedAt: now(),
          configuration: { generatedTime: generatedTime?.toISOString() ?? null, users },
        }),
      ];
    },
  };
}
