/**
 * `vigil findings`, `vigil suppress` and `vigil evaluate` against a loopback API that checks
 * every request's SigV4 signature with the SDK's own signer before serving it from createApi on
 * dynalite: the CLI signs with the default credential chain, or with --profile.
 */
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import type { CliIo } from '../../../cli/io.ts';
import { escapeXml, startLoopbackAws } from '../../support/loopback-aws.ts';
import { record, resource, startHarness, type Harness } from './fixture.ts';
import { tempDir } from '../../support/temp-dir.ts';

const KEYS = { accessKeyId: 'AKIAVIGILCLITEST0001', secretAccessKey: 'cli-test-secret-not-real' };
const PROFILE_KEYS = { accessKeyId: 'AKIAVIGILPROFILE0002', secretAccessKey: 'profile-secret-not-real' };
let h: Harness;
let server: Server;
let url: string;
const refused: string[] = [];
const callers: string[] = [];

/** Verifies the request's signature by signing the same request again with the key its access key id names. */
async function verify(req: import('node:http').IncomingMessage, body: string): Promise<boolean> {
  const auth = req.headers['authorization'] ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/execute-api\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return false;
  const [, accessKeyId = '', , region, signedHeaders] = match;
  const secret = [KEYS, PROFILE_KEYS].find((k) => k.accessKeyId === accessKeyId)?.secretAccessKey;
  if (!secret || !region || !signedHeaders) return false;
  const u = new URL(req.url ?? '/', url);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) headers[name] = String(req.headers[name] ?? '');
  const amzDate = String(headers['x-amz-date'] ?? '');
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signer = new SignatureV4({ service: 'execute-api', region, sha256: Hash.bind(null, 'sha256'), credentials: { accessKeyId, secretAccessKey: secret } });
  const again = await signer.sign(
    new HttpRequest({ method: req.method ?? 'GET', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: u.pathname, query: Object.fromEntries(u.searchParams), headers, ...(body ? { body } : {}) }),
    { signingDate },
  );
  return again.headers['authorization'] === auth;
}

beforeAll(async () => {
  h = await startHarness({ callerOf: (request) => request.headers.get('x-test-caller') ?? undefined });
  for (let i = 0; i < 5; i++) {
    await record(h.store, resource(`cli-bucket-${i}`), [{ ruleId: 's3-bucket-versioning-enabled', status: 'NON_COMPLIANT', severity: i === 0 ? 'critical' : 'medium' }], new Date(Date.parse('2026-06-01T00:00:00Z') + i * 1000));
  }
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (!(await verify(req, body))) {
      refused.push(`${req.method} ${req.url}`);
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"Forbidden"}');
      return;
    }
    const caller = /Credential=([^/]+)/.exec(req.headers['authorization'] ?? '')?.[1] ?? '';
    callers.push(caller);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    // What API Gateway's IAM authorizer tells the function: who signed.
    headers.set('x-test-caller', `arn:aws:iam::111122223333:user/${caller}`);
    const response = await h.api.fetch(new Request(new URL(req.url ?? '/', url), { method: req.method, headers, ...(body ? { body } : {}) }));
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await h?.stop();
});

function cli(env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: (async function* () {})(),
    env,
    cwd: process.cwd(),
  };
  return { io, out: () => stdout, err: () => stderr };
}

async function withEnv<T>(env: Record<string, string | undefined>, act: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  try {
    return await act();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

const chain = { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: 'eu-west-1' };

describe('vigil findings', () => {
  it('lists open findings, signed with the default credential chain, as a table', async () => {
    const c = cli();
    const code = await withEnv(chain, () => main(['findings', '--api', url, '--severity', 'critical'], c.io));
    expect([code, c.err()]).toEqual([0, '']);
    expect(c.out()).toMatch(/^SEVERITY\s+STATUS\s+RULE\s+RESOURCE\s+REASON\n/);
    expect(c.out()).toContain('cli-bucket-0');
    expect(c.out()).toContain('1 finding.');
    expect(refused).toEqual([]);
  });

  it('follows every cursor with --all, as ndjson', async () => {
    const c = cli();
    const code = await withEnv(chain, () => main(['findings', '--api', url, '--limit', '2', '--all', '--format', 'ndjson'], c.io));
    expect(code).toBe(0);
    const ids = c.out().trim().split('\n').map((line) => (JSON.parse(line) as { resourceId: string }).resourceId);
    expect(ids.sort()).toEqual(['cli-bucket-0', 'cli-bucket-1', 'cli-bucket-2', 'cli-bucket-3', 'cli-bucket-4']);
  });

  it('says more pages follow without --all, and prints json', async () => {
    const c = cli();
    await withEnv(chain, () => main(['findings', '--api', url, '--limit', '2', '--format', 'json'], c.io));
    expect(JSON.parse(c.out())).toHaveLength(2);
    expect(c.err()).toContain('--all');
  });

  it('signs with --profile from the shared credentials file', async () => {
    const dir = tempDir('vigil-cli-');
    writeFileSync(join(dir, 'credentials'), `[audit]\naws_access_key_id = ${PROFILE_KEYS.accessKeyId}\naws_secret_access_key = ${PROFILE_KEYS.secretAccessKey}\n`);
    writeFileSync(join(dir, 'config'), '[profile audit]\nregion = eu-west-1\n');
    const c = cli();
    const code = await withEnv({ ...chain, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') }, () =>
      main(['findings', '--api', url, '--profile', 'audit', '--format', 'json'], c.io),
    );
    expect(code).toBe(0);
    expect(callers.at(-1)).toBe(PROFILE_KEYS.accessKeyId);
  });

  it('finds the API from the stack outputs with --stage', async () => {
    // CloudFormation on loopback (AWS query protocol), reached through the SDK's service endpoint variable.
    const cloudformation = await startLoopbackAws({
      DescribeStacks: (input: { StackName: string }) =>
        `<Stacks><member><StackName>${escapeXml(input.StackName)}</StackName><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-06-01T00:00:00Z</CreationTime>` +
        `<Outputs><member><OutputKey>ApiUrl</OutputKey><OutputValue>${escapeXml(url)}</OutputValue></member></Outputs></member></Stacks>`,
    });
    try {
      const c = cli();
      const code = await withEnv({ ...chain, AWS_ENDPOINT_URL_CLOUDFORMATION: cloudformation.endpoint }, () => main(['findings', '--stage', 'e2e', '--format', 'json'], c.io));
      expect([code, c.err()]).toEqual([0, '']);
      expect(JSON.parse(c.out()).length).toBeGreaterThan(0);
      expect(cloudformation.callsTo('DescribeStacks').map((call) => (call.input as { StackName: string }).StackName)).toEqual(['vigil-e2e']);
    } finally {
      await cloudformation.close();
    }
  });

  it('is refused by the server when the signature is wrong', async () => {
    const c = cli();
    const code = await withEnv({ ...chain, AWS_SECRET_ACCESS_KEY: 'wrong' }, () => main(['findings', '--api', url], c.io));
    expect(code).toBe(2);
    expect(c.err()).toContain('403');
    expect(refused.length).toBeGreaterThan(0);
  });

  it('shows the API problem naming the parameter', async () => {
    const c = cli();
    const code = await withEnv(chain, () => main(['findings', '--api', url, '--severity', 'urgent'], c.io));
    expect(code).toBe(2);
    expect(c.err()).toMatch(/400.*\(severity\)/);
  });
});

describe('vigil suppress and vigil evaluate', () => {
  it('dry-runs and creates a suppression, then queues an evaluation', async () => {
    const dry = cli();
    expect(await withEnv(chain, () => main(['suppress', '--api', url, '--rule', 's3-bucket-versioning-enabled', '--resource', 'cli-bucket-*', '--reason', 'legacy buckets, ticket OPS-42', '--days', '30', '--dry-run'], dry.io))).toBe(0);
    expect(dry.out()).toContain('Would hide 5 open findings');
    const made = cli();
    expect(await withEnv(chain, () => main(['suppress', '--api', url, '--rule', 's3-bucket-versioning-enabled', '--resource', 'cli-bucket-1', '--reason', 'legacy bucket, ticket OPS-42', '--days', '30'], made.io))).toBe(0);
    expect(made.out()).toMatch(/^Created suppression \S+, expiring /);
    const evaluated = cli();
    expect(await withEnv(chain, () => main(['evaluate', '--api', url, '--rule', 's3-bucket-versioning-enabled'], evaluated.io))).toBe(0);
    expect(evaluated.out()).toMatch(/^Queued 5 resources for evaluation \(request \S+\)\.\n$/);
  });

  it('refuses a suppression without an expiry before calling the API', async () => {
    const c = cli();
    expect(await withEnv(chain, () => main(['suppress', '--api', url, '--rule', '*', '--reason', 'because of reasons'], c.io))).toBe(2);
    expect(c.err()).toContain('every suppression expires');
  });
});
