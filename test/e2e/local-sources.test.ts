/**
 * `vigil local`'s other sources and its persistence, as a user runs them: `--live` against an
 * account (a loopback one, reached through AWS_ENDPOINT_URL as the SDK allows), `--data-dir`
 * kept across runs, Ctrl-C mid-story, and a bad `--snapshot`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, startLoopbackAccount } from '../support/loopback-account.ts';
import type { LoopbackAws } from '../support/loopback-aws.ts';
import { demoSnapshot, isRunning, ordersWithoutPitr, REPO, startVigilLocal, stopAllVigilLocal } from '../support/local-process.ts';

interface FindingJson {
  readonly resourceId: string;
  readonly ruleId: string;
  readonly status: string;
}

const query = async (api: string, q: string): Promise<FindingJson[]> => ((await (await fetch(`${api}/findings?${q}`)).json()) as { items: FindingJson[] }).items;

describe('vigil local sources', () => {
  let dir: string;
  let aws: LoopbackAws;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-sources-'));
    aws = await startLoopbackAccount(demoAccount());
  });
  afterAll(async () => {
    await stopAllVigilLocal();
    await aws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--live sweeps a real account read-only and answers for its findings', async () => {
    // Prepare: the default credential chain and endpoint resolution, steered as a user would.
    const env = {
      AWS_ENDPOINT_URL: aws.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDLOOPBACK',
      AWS_SECRET_ACCESS_KEY: 'loopback-secret',
      AWS_REGION: 'eu-west-1',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    };
    // Act
    const local = await startVigilLocal(['--live', '--no-story'], { cwd: dir, env });
    const pitr = await query(local.ready.api, 'ruleId=dynamodb-table-pitr-enabled&status=NON_COMPLIANT');
    const writes = aws.calls.filter((c) => !/^(List|Describe|Get|BatchGet|Select|Generate)/.test(c.operation)).map((c) => c.operation);
    await local.interrupt();
    // Assess
    expect(local.ready.source).toBe('aws:111122223333:eu-west-1');
    expect(pitr.map((f) => f.resourceId)).toEqual(['sessions']);
    expect(writes).toEqual([]);
  });

  it('--data-dir keeps the findings between runs: a change fed in one run is still known in the next, without a second alert', { timeout: 120_000 }, async () => {
    // Prepare: the first run learns that the orders table lost point-in-time recovery.
    const dataDir = join(dir, 'data');
    const first = await startVigilLocal(['--no-story', '--data-dir', dataDir], { cwd: dir });
    const lambda = new LambdaClient({ endpoint: first.ready.invoke, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: new TextEncoder().encode(JSON.stringify(ordersWithoutPitr(Date.now()))) }));
    await first.waitForLine((line) => line.startsWith('Rule `dynamodb-table-pitr-enabled`'));
    lambda.destroy();
    await first.interrupt();
    // Act
    const second = await startVigilLocal(['--no-story', '--data-dir', dataDir], { cwd: dir });
    const open = await query(second.ready.api, 'ruleId=dynamodb-table-pitr-enabled&status=NON_COMPLIANT');
    await second.interrupt();
    // Assess
    expect(open.map((f) => f.resourceId)).toContain('orders');
    expect(second.lines.some((l) => l.startsWith('Rule `dynamodb-table-pitr-enabled`'))).toBe(false);
  });

  it('stops on Ctrl-C in the middle of the story, leaving no process behind', async () => {
    // Prepare
    const local = await startVigilLocal([], { cwd: dir });
    await local.waitForLine((line) => line.startsWith('── 1/4'));
    // Act
    const code = await local.interrupt();
    // Assess
    expect(code).toBe(0);
    expect(isRunning(local.ready.pid)).toBe(false);
  });

  it('--snapshot evaluates the user\'s own Config snapshot, without the demo story', async () => {
    // Prepare: a snapshot of two of the demo's tables, one without point-in-time recovery.
    const file = join(dir, 'my-snapshot.json');
    const tables = demoSnapshot.configurationItems.filter((i) => i['resourceType'] === 'AWS::DynamoDB::Table' && ['orders', 'sessions'].includes(String(i['resourceId'])));
    writeFileSync(file, JSON.stringify({ fileVersion: '1.0', configurationItems: tables }));
    // Act
    const local = await startVigilLocal(['--snapshot', 'my-snapshot.json'], { cwd: dir });
    const notice = await local.waitForLine((line) => line.includes('story runs on the demo account only'));
    const pitr = await query(local.ready.api, 'ruleId=dynamodb-table-pitr-enabled&status=NON_COMPLIANT');
    await local.interrupt();
    // Assess
    expect(local.ready.source).toBe(`snapshot:${file}`);
    expect(notice).toBeDefined();
    expect(pitr.map((f) => f.resourceId)).toEqual(['sessions']);
  });

  it('names the file when --snapshot cannot be read, and exits 2', () => {
    // Act
    const run = spawnSync(process.execPath, [join(REPO, 'cli', 'vigil.mjs'), 'local', '--snapshot', 'missing.json'], { cwd: dir, encoding: 'utf8' });
    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/missing\.json/);
  });
});
