/**
 * An AWS call failed for a reason other than permissions or credentials: throttled beyond the
 * retry budget, a service error, a network failure, a wait that timed out.
 */
export class AwsRequestError extends Error {
  override readonly name = 'AwsRequestError';
  /** The IAM action of the failed call, e.g. `logs:DescribeLogGroups`. */
  readonly action: string;
  readonly region: string | undefined;
  /** The AWS error code (`ThrottlingException` …), when AWS answered. */
  readonly code: string | undefined;
  constructor(action: string, region: string | undefined, code: string | undefined, detail: string, options?: ErrorOptions) {
    super(`${action}${region ? ` in ${region}` : ''} failed: ${detail}`, options);
    this.action = action;
    this.region = region;
    this.code = code;
  }
}

export function isAwsRequestError(error: unknown): error is AwsRequestError {
  return error instanceof AwsRequestError;
}
