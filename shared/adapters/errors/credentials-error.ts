/** No usable AWS credentials: none found in the default chain, or AWS rejected them (expired, unknown key). */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(detail: string, options?: ErrorOptions) {
    super(
      `no usable AWS credentials (${detail}): sign in (e.g. \`aws sso login\`), or choose a profile with --profile / AWS_PROFILE`,
      options,
    );
  }
}

export function isCredentialsError(error: unknown): error is CredentialsError {
  return error instanceof CredentialsError;
}
