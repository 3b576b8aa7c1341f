/**
 * `vigil ui` as a user runs it, against a loopback "deployed API" that checks every request's
 * SigV4 signature with the SDK's own signer (the same check API Gateway's IAM authorizer makes).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, REPO } from '../support/local-process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const credentials = { accessKeyId: 'AKIDUITEST', secretAccessKey: 'ui-test-secret' };

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly signatureValid: boolean;
  readonly body: string;
  readonly cookie: string | undefined;
}

async function startSignedApi(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  // The SDK's own SHA-256 (what its clients sign with), not the proxy's.
  const sdk = new LambdaClient({ region: 'eu-west-1', credentials });
  const verifier = new SignatureV4({ service: 'execute-api', region: 'eu-west-1', sha256: sdk.config.sha256, credentials });
  sdk.destroy();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization ?? ''))?.[1]?.split(';') ?? [];
      const headers: Record<string, string> = {};
      for (const name of signedHeaders) headers[name] = String(req.headers[name] ?? '');
      let signatureValid = false;
      if (!Number.isNaN(signingDate.getTime())) {
        const expected = await verifier.sign(
          { method: req.method ?? 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: Object.fromEntries(url.searchParams), headers, ...(body ? { body } : {}) },
          { signingDate },
        );
        signatureValid = expected.headers['authorization'] === req.headers.authorization;
      }
      seen.push({ method: req.method ?? '', url: `${url.pathname}${url.search}`, signatureValid, body, cookie: req.headers.cookie });
      if (!signatureValid) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'The request signature we calculated does not match the signature you provided.' }));
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [], echo: `${req.method} ${url.pathname}${url.search}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('vigil ui', () => {
  let api: Awaited<ReturnType<typeof startSignedApi>>;
  let child: ChildProcess;
  let ready: { dashboard: string; api: string; pid: number };

  beforeAll(async () => {
    api = await startSignedApi();
    child = spawn(process.execPath, [join(REPO, 'cli', 'vigil.mjs'), 'ui', '--api', api.url, '--region', 'eu-west-1', '--port', '0'], {
      cwd: REPO,
      env: { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_PROFILE: '', AWS_SESSION_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [first] = await new Promise<string[]>((resolve) => createInterface({ input: child.stdout! }).once('line', (line) => resolve([line])));
    ready = JSON.parse(first ?? '{}') as typeof ready;
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    await new Promise<void>((resolve) => api.server.close(() => resolve()));
  });

  it('serves the dashboard page itself', async () => {
    // Act
    const response = await fetch(ready.dashboard);
    // Assess
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<title>Vigil/);
    expect(html).toContain(`<meta name="vigil-api" content="${api.url}">`);
    expect(response.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
  });

  it('forwards API requests signed with SigV4, query and body intact, without the browser cookies', async () => {
    // Act
    const list = await fetch(`${ready.dashboard}findings?severity=high&limit=10`, { headers: { cookie: 'session=browser-only' } });
    const create = await fetch(`${ready.dashboard}suppressions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ruleId: 'x', reason: 'accepted for the test', expiresAt: '2030-01-01T00:00:00Z' }),
    });
    // Assess
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ echo: 'GET /findings?severity=high&limit=10' });
    expect(create.status).toBe(201);
    expect(api.seen.map((s) => [s.method, s.url, s.signatureValid, s.cookie])).toEqual([
      ['GET', '/findings?severity=high&limit=10', true, undefined],
      ['POST', '/suppressions', true, undefined],
    ]);
    expect(JSON.parse(api.seen[1]?.body ?? '{}')).toMatchObject({ ruleId: 'x' });
  });

  it('stops on Ctrl-C', async () => {
    // Act
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Assess
    expect(code).toBe(0);
    expect(isRunning(ready.pid)).toBe(false);
  });
});
