import { AwsRequestError } from './aws-request-error.ts';
import { ConfigNotRecordingError } from './config-not-recording-error.ts';
import { CredentialsError } from './credentials-error.ts';
import { MissingPermissionError } from './missing-permission-error.ts';

/** The adapter error family: what a caller (the CLI, a handler) can tell a user about. */
export type AwsAdapterError = MissingPermissionError | CredentialsError | ConfigNotRecordingError | AwsRequestError;

// Services spell "denied" differently: query APIs (IAM, STS) say AccessDenied, JSON and REST
// APIs AccessDeniedException, EC2 UnauthorizedOperation, SNS AuthorizationError.
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
]);

// The credential chain found nothing (CredentialsProviderError), or AWS rejected what it found.
const BAD_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'TokenRefreshRequired',
]);

/**
 * Maps an SDK v3 error to the adapter error family, keeping it as `cause`. Errors already of
 * the family pass through unchanged.
 *
 * @param action the IAM action of the failed call (`config:BatchGetResourceConfig`): what a user must grant.
 * @example
 * try { await client.send(command) } catch (error) { throw toAwsAdapterError(error, 'logs:DescribeLogGroups', region) }
 */
export function toAwsAdapterError(error: unknown, action: string, region?: string): AwsAdapterError {
  if (
    error instanceof MissingPermissionError ||
    error instanceof CredentialsError ||
    error instanceof ConfigNotRecordingError ||
    error instanceof AwsRequestError
  ) {
    return error;
  }
  const name = error instanceof Error ? error.name : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (name && ACCESS_DENIED.has(name)) return new MissingPermissionError(action, region, message, { cause: error });
  if (name && BAD_CREDENTIALS.has(name)) return new CredentialsError(message, { cause: error });
  const attempts = attemptsOf(error);
  const detail = `${message}${name && name !== 'Error' ? ` (${name})` : ''}${attempts && attempts > 1 ? ` after ${attempts} attempts` : ''}`;
  return new AwsRequestError(action, region, name, detail, { cause: error });
}

/**
 * Runs one AWS call, mapping its failure to the adapter error family. Errors that did not come
 * from AWS or the network (a bug, a malformed item) are rethrown unchanged.
 *
 * @example
 * const out = await awsCall('iam:GetAccountSummary', undefined, () => iam.send(new GetAccountSummaryCommand({})));
 */
export async function awsCall<T>(action: string, region: string | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isAwsFailure(error) ? toAwsAdapterError(error, action, region) : error;
  }
}

/** An answer from AWS (SDK service errors carry `$metadata`), a credential failure, or a network failure. */
export function isAwsFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ('$metadata' in error || BAD_CREDENTIALS.has(error.name) || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code); // ECONNREFUSED, ENOTFOUND, ETIMEDOUT …
}

function attemptsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = (error as { $metadata?: { attempts?: unknown } }).$metadata;
  return typeof metadata?.attempts === 'number' ? metadata.attempts : undefined;
}
