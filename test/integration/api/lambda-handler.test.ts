/**
 * The api Lambda's adapter: API Gateway v2 (payload 2.0) events in, the same answers as
 * `api.fetch`, with the caller taken from the authorizer's context and never from a header.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, createApiHandler } from '../../../functions/api/create-api-handler.ts';
import { record, resource, startHarness, type Harness } from './fixture.ts';

let h: Harness;
let handler: ReturnType<typeof createApiHandler>;
const CALLER = 'arn:aws:iam::111122223333:user/alice';

beforeAll(async () => {
  h = await startHarness({ callerOf: (request) => request.headers.get(CALLER_HEADER) ?? undefined });
  handler = createApiHandler(h.api);
  await record(h.store, resource('lambda-bucket'), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: 'high' }], new Date('2026-06-01T00:00:00Z'));
}, 60_000);

afterAll(() => h?.stop());

/** An HTTP API event as API Gateway sends it with the AWS_IAM authorizer (payload format 2.0). */
function event(method: string, rawPath: string, rawQueryString = '', body?: { text: string; base64: boolean }, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'user-agent': 'vigil-cli', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    requestContext: {
      accountId: '111122223333',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vigil-cli' },
      requestId: 'Jd6VkiGqoAMEVxQ=',
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: '01/Jun/2026:12:00:00 +0000',
      timeEpoch: 1780315200000,
      authorizer: { iam: { accessKey: 'AKIA…', accountId: '111122223333', callerId: 'AIDA…', principalOrgId: null, userArn: CALLER, userId: 'AIDA…' } },
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: body?.base64 ?? false,
    ...(body ? { body: body.text } : {}),
  };
}

describe('api Lambda handler', () => {
  it('answers a GET with the query string as API Gateway passes it', async () => {
    const result = (await handler(event('GET', '/findings', 'severity=high&limit=5'))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(result.body ?? '').items.map((f: { resourceId: string }) => f.resourceId)).toEqual(['lambda-bucket']);
  });

  it('records the IAM caller as the suppression author, ignoring a caller header the client sent', async () => {
    const body = JSON.stringify({ ruleId: 's3-bucket-versioning-enabled', reason: 'legacy bucket, OPS-42 tracks it', expiresAt: '2026-08-01T00:00:00Z' });
    const result = (await handler(event('POST', '/suppressions', '', { text: Buffer.from(body).toString('base64'), base64: true }, { [CALLER_HEADER]: 'arn:aws:iam::999999999999:root' }))) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body ?? '').createdBy).toBe(CALLER);
  });

  it('answers a problem with its correlation id on a 500, nothing internal', async () => {
    // A reader whose table throttles: the error text names the table, which must not leak.
    const throttled = {
      listFindings: async () => {
        throw new Error('ProvisionedThroughputExceededException: table vigil-prod-findings');
      },
    };
    const broken = await startHarness({ reader: throttled as never });
    try {
      const result = (await createApiHandler(broken.api)(event('GET', '/findings'))) as APIGatewayProxyStructuredResultV2;
      const problem = JSON.parse(result.body ?? '');
      expect(result.statusCode).toBe(500);
      expect(result.headers?.['content-type']).toBe('application/problem+json');
      expect(problem.correlationId).toBe('Jd6VkiGqoAMEVxQ=');
      expect(result.body).not.toContain('vigil-prod-findings');
      expect(result.body).not.toContain('Provisioned');
    } finally {
      await broken.stop();
    }
  });
});
