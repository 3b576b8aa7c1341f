import { createAwsLiveAccountSources, defaultRegion, liveScanIamActions } from '../shared/adapters/aws-live-account.ts';
import { isAwsRequestError } from '../shared/adapters/errors/aws-request-error.ts';
import { isConfigNotRecordingError } from '../shared/adapters/errors/config-not-recording-error.ts';
import { isCredentialsError } from '../shared/adapters/errors/credentials-error.ts';
import { isMissingPermissionError } from '../shared/adapters/errors/missing-permission-error.ts';
import { configResourceTypes, readLiveAccount } from '../shared/app/read-live-account.ts';
import { isConfigItemError } from '../shared/config-items/errors.ts';
import type { AnyResource } from '../shared/domain/resource.ts';
import type { Rule } from '../shared/rules/rule.ts';
import type { CliIo } from './io.ts';
import { createProgressBar } from './progress.ts';
import { UsageError } from './usage-error.ts';

export interface LiveInput {
  /** `--region`, repeatable; empty: the profile's or the environment's region. */
  readonly regions: readonly string[];
  readonly profile: string | undefined;
}

/**
 * `vigil scan --live`: reads the account behind the default credential chain (or `--profile`)
 * read-only, with a progress bar on stderr, and returns what `--snapshot` would: normalized
 * resources. Only the resource types the selected rules read are listed.
 *
 * @throws UsageError with the adapter's message (missing permission, Config not recording, no credentials).
 */
export async function loadLiveResources(
  input: LiveInput,
  rules: readonly Rule[],
  io: CliIo,
  clock: () => number = Date.now,
): Promise<{ resources: AnyResource[]; source: string }> {
  const regions = input.regions.length > 0 ? input.regions : [await defaultRegion(input.profile)].filter((r) => r !== undefined);
  if (regions.length === 0) {
    throw new UsageError("--live needs a region: pass --region <region> (repeatable), or set AWS_REGION or the profile's region");
  }
  const started = clock();
  const progress = createProgressBar(io.stderr);
  try {
    const resources = await readLiveAccount({
      regions,
      sources: createAwsLiveAccountSources(input.profile ? { profile: input.profile } : {}),
      resourceTypes: configResourceTypes(rules),
      onEvent: progress.update,
    });
    const seconds = ((clock() - started) / 1000).toFixed(1);
    const account = resources[0]?.accountId ?? 'unknown account';
    progress.finish(`vigil: read ${resources.length} resources of account ${account} in ${regions.join(', ')} (${seconds} s)`);
    return { resources, source: `aws:${account}:${regions.join(',')}` };
  } catch (error) {
    progress.finish('vigil: live read failed');
    if (isMissingPermissionError(error)) {
      throw new UsageError(`${error.message}\n  a live scan needs: ${liveScanIamActions.join(', ')}`, { cause: error });
    }
    if (isCredentialsError(error) && !input.profile && io.env['AWS_PROFILE']) {
      // The default chain does not say which profile it tried; the user set one.
      throw new UsageError(`${error.message} (AWS_PROFILE is "${io.env['AWS_PROFILE']}": is that profile in ~/.aws/config or ~/.aws/credentials?)`, { cause: error });
    }
    if (isConfigNotRecordingError(error) || isCredentialsError(error) || isAwsRequestError(error)) {
      throw new UsageError(error.message, { cause: error });
    }
    if (isConfigItemError(error)) {
      throw new UsageError(`AWS returned an item Vigil cannot read (field "${error.field}"): ${error.message}`, { cause: error });
    }
    throw error;
  }
}
