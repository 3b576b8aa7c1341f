import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseCustomResourceEvent,
  sendCustomResourceResponse,
  type CustomResourceEvent,
} from '../../shared/adapters/cloudformation-custom-resource.ts';

/** Stands in for the pre-signed S3 URL CloudFormation hands a custom resource. */
let server: ReturnType<typeof createServer>;
let base: string;
const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(req.url?.startsWith('/expired') ? 403 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (overrides: Partial<CustomResourceEvent> = {}): CustomResourceEvent => ({
  RequestType: 'Update',
  ResponseURL: `${base}/cloudformation-custom-resource-response-euwest1/arn%3Aaws%3Acloudformation?X-Amz-Signature=abc`,
  StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/vigil-prod/5b3c2a10-8f4e-11f0-9d7a-0a1b2c3d4e5f',
  RequestId: '7f1e9a52-2b8c-4d1e-9f3a-6c5b4a3d2e1f',
  LogicalResourceId: 'InitialSweep',
  PhysicalResourceId: 'vigil-post-deploy-sweep',
  ResourceType: 'Custom::VigilSweep',
  ...overrides,
});

describe('parseCustomResourceEvent', () => {
  it('recognises a CloudFormation request and nothing else', () => {
    expect(parseCustomResourceEvent({ ...request(), ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:vigil-prod-sweep' })).toMatchObject({
      RequestType: 'Update',
      LogicalResourceId: 'InitialSweep',
    });
    expect(parseCustomResourceEvent({ source: 'vigil.schedule' })).toBeUndefined();
    expect(parseCustomResourceEvent({ ...request(), RequestType: 'Replace' })).toBeUndefined();
    expect(parseCustomResourceEvent(undefined)).toBeUndefined();
  });
});

describe('sendCustomResourceResponse', () => {
  it('PUTs the response to the pre-signed URL without a content type', async () => {
    // Act
    await sendCustomResourceResponse(request(), { status: 'SUCCESS', physicalResourceId: 'vigil-post-deploy-sweep' });

    // Assess
    const last = received.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.url).toContain('X-Amz-Signature=abc');
    expect(last?.headers['content-type'] ?? '').toBe('');
    expect(JSON.parse(last?.body ?? '')).toEqual({
      Status: 'SUCCESS',
      Reason: 'SUCCESS',
      PhysicalResourceId: 'vigil-post-deploy-sweep',
      StackId: request().StackId,
      RequestId: request().RequestId,
      LogicalResourceId: 'InitialSweep',
    });
  });

  it('fails loudly when the URL refuses the response (CloudFormation would otherwise wait an hour)', async () => {
    await expect(
      sendCustomResourceResponse(request({ ResponseURL: `${base}/expired?X-Amz-Signature=old` }), { status: 'SUCCESS', physicalResourceId: 'x' }),
    ).rejects.toMatchObject({ name: 'CustomResourceResponseError', status: 403 });
  });
});
