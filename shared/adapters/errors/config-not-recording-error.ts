/**
 * AWS Config has no configuration recorder recording in a region, so it holds no inventory to
 * scan. Says how to turn it on rather than returning an empty, falsely clean, result.
 */
export class ConfigNotRecordingError extends Error {
  override readonly name = 'ConfigNotRecordingError';
  readonly region: string;
  /** Names of the recorders found (all stopped); empty when there is none. */
  readonly recorders: readonly string[];
  constructor(region: string, recorders: readonly string[], options?: ErrorOptions) {
    const found =
      recorders.length === 0
        ? 'there is no configuration recorder'
        : `configuration recorder ${recorders.map((r) => `"${r}"`).join(', ')} is stopped`;
    const start =
      recorders.length === 0
        ? `set one up (console: AWS Config > Get started, or \`aws configservice put-configuration-recorder\` and \`put-delivery-channel\`), then \`aws configservice start-configuration-recorder --configuration-recorder-name default --region ${region}\``
        : `start it: \`aws configservice start-configuration-recorder --configuration-recorder-name ${recorders[0]} --region ${region}\``;
    super(`AWS Config is not recording in ${region}: ${found}. A live scan reads the inventory Config records; ${start}.`, options);
    this.region = region;
    this.recorders = recorders;
  }
}

export function isConfigNotRecordingError(error: unknown): error is ConfigNotRecordingError {
  return error instanceof ConfigNotRecordingError;
}
