import { DescribeConfigurationRecorderStatusCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ConfigNotRecordingError } from './errors/config-not-recording-error.ts';
import { awsCall } from './errors/map-aws-error.ts';

export const configRecordingIamActions = ['config:DescribeConfigurationRecorderStatus'] as const;

/**
 * Resolves when a configuration recorder records in the client's region. Without one, Config's
 * inventory is empty or frozen at the moment it stopped, and a scan of it would look clean.
 *
 * @throws ConfigNotRecordingError saying how to start recording; MissingPermissionError.
 * @example
 * await assertConfigRecording(new ConfigServiceClient({ region }), region);
 */
export async function assertConfigRecording(client: ConfigServiceClient, region: string): Promise<void> {
  const out = await awsCall('config:DescribeConfigurationRecorderStatus', region, () =>
    client.send(new DescribeConfigurationRecorderStatusCommand({})),
  );
  const recorders = out.ConfigurationRecordersStatus ?? [];
  if (recorders.some((r) => r.recording === true)) return;
  throw new ConfigNotRecordingError(
    region,
    recorders.map((r) => r.name ?? '(unnamed)'),
  );
}
