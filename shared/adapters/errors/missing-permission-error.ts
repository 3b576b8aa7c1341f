/**
 * AWS refused a call for lack of permission. Names the IAM action so a user can grant exactly
 * that (an SCP or a permissions boundary may be the cause too: the AWS message says which).
 */
export class MissingPermissionError extends Error {
  override readonly name = 'MissingPermissionError';
  /** The IAM action refused, e.g. `config:BatchGetResourceConfig`. */
  readonly action: string;
  readonly region: string | undefined;
  constructor(action: string, region: string | undefined, awsMessage: string, options?: ErrorOptions) {
    super(
      `missing permission ${action}${region ? ` in ${region}` : ''}: grant it to the identity running Vigil (AWS said: ${awsMessage})`,
      options,
    );
    this.action = action;
    this.region = region;
  }
}

export function isMissingPermissionError(error: unknown): error is MissingPermissionError {
  return error instanceof MissingPermissionError;
}
