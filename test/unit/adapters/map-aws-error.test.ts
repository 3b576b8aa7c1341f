import { describe, expect, it } from 'vitest';
import { isAwsRequestError } from '../../../shared/adapters/errors/aws-request-error.ts';
import { isCredentialsError } from '../../../shared/adapters/errors/credentials-error.ts';
import { isMissingPermissionError, MissingPermissionError } from '../../../shared/adapters/errors/missing-permission-error.ts';
import { awsCall, toAwsAdapterError } from '../../../shared/adapters/errors/map-aws-error.ts';

/** An error as the SDK v3 throws it: `name` is the AWS error code, `$metadata` the request's. */
function sdkError(name: string, message: string, attempts = 1): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, attempts } });
}

describe('AWS error mapping', () => {
  it.each(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError'])(
    'maps %s to a missing permission naming the action',
    (code) => {
      const cause = sdkError(code, 'not authorized');
      const error = toAwsAdapterError(cause, 'sns:ListTopics', 'eu-west-1');
      expect(isMissingPermissionError(error)).toBe(true);
      expect(error.message).toBe('missing permission sns:ListTopics in eu-west-1: grant it to the identity running Vigil (AWS said: not authorized)');
      expect(error.cause).toBe(cause);
    },
  );

  it('maps missing or rejected credentials to a credentials error', () => {
    const noChain = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(isCredentialsError(toAwsAdapterError(noChain, 'sts:GetCallerIdentity'))).toBe(true);
    expect(isCredentialsError(toAwsAdapterError(sdkError('ExpiredToken', 'The security token included in the request is expired'), 'iam:GetAccountSummary'))).toBe(true);
  });

  it('says how many attempts a throttled call made before giving up', () => {
    const error = toAwsAdapterError(sdkError('ThrottlingException', 'Rate exceeded', 10), 'config:ListDiscoveredResources', 'eu-west-1');
    expect(isAwsRequestError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ThrottlingException', action: 'config:ListDiscoveredResources' });
    expect(error.message).toBe('config:ListDiscoveredResources in eu-west-1 failed: Rate exceeded (ThrottlingException) after 10 attempts');
  });

  it('maps network failures, and rethrows errors that are not AWS failures unchanged', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    await expect(awsCall('logs:DescribeLogGroups', 'eu-west-1', () => Promise.reject(refused))).rejects.toThrow(
      /^logs:DescribeLogGroups in eu-west-1 failed: connect ECONNREFUSED/,
    );
    const bug = new TypeError('x is undefined');
    await expect(awsCall('logs:DescribeLogGroups', 'eu-west-1', () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('passes errors of the family through, so the innermost action is the one named', async () => {
    const inner = new MissingPermissionError('guardduty:GetDetector', 'eu-west-1', 'denied');
    await expect(awsCall('outer:Call', 'eu-west-1', () => Promise.reject(inner))).rejects.toBe(inner);
  });
});
