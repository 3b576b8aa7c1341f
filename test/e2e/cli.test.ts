import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'rules', 'dynamodb-table-pitr-enabled');
const good = JSON.parse(readFileSync(join(FIX, 'compliant--pitr-on.json'), 'utf8'));
const bad = JSON.parse(readFileSync(join(FIX, 'non-compliant--pitr-off-api-form.json'), 'utf8'));

/** Runs the real `vigil` binary (a child process on this Node), as a user or a CI job would. */
function vigil(args: string[], input?: string | Buffer | number, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'cli', 'vigil.mjs'), ...args], {
    cwd: dir,
    ...(typeof input === 'number' ? { stdio: [input, 'pipe', 'pipe'] } : { input }),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
const RULE = 'dynamodb-table-pitr-enabled';

beforeAll(() => {
  dir = tempDir('vigil-cli-');
  writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ fileVersion: '1.0', configurationItems: [good, bad] }));
  writeFileSync(join(dir, 'snapshot.json.gz'), gzipSync(JSON.stringify({ fileVersion: '1.0', configurationItems: [good, bad] })));
  writeFileSync(join(dir, 'items.ndjson'), `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
  const corrupt = structuredClone(bad);
  corrupt.resourceType = 'DynamoDB Table';
  writeFileSync(join(dir, 'corrupt.json'), JSON.stringify({ configurationItems: [good, corrupt] }));
  writeFileSync(join(dir, 'truncated.json'), JSON.stringify({ configurationItems: [good, bad] }).slice(0, 300));
});

describe('vigil CLI', () => {
  it('prints help listing its commands', () => {
    const r = vigil(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan/);
    expect(r.stdout).toMatch(/rules/);
  });

  it('scans a snapshot into the documented JSON shape (schemaVersion 2: rule metadata once, in rules)', () => {
    const r = vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'json', '--rules', RULE]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(2);
    expect(Object.keys(out.rules)).toEqual([RULE]);
    expect(out.rules[RULE]).toMatchObject({
      severity: 'medium',
      category: expect.any(String),
      title: expect.stringContaining('point-in-time recovery'),
      equivalents: expect.objectContaining({ awsConfigRule: 'dynamodb-pitr-enabled' }),
      remediation: expect.objectContaining({ text: expect.any(String) }),
    });
    expect(out.summary).toMatchObject({ resources: 2, byStatus: { COMPLIANT: 1, NON_COMPLIANT: 1, ERROR: 0 } });
    expect(out.evaluations).toEqual(
      expect.arrayContaining([
        {
          ruleId: RULE,
          resourceType: 'AWS::DynamoDB::Table',
          resourceId: 'sessions',
          resourceName: 'sessions',
          accountId: '111122223333',
          region: 'eu-west-1',
          status: 'NON_COMPLIANT',
          severity: 'medium',
          reason: expect.stringContaining('sessions'),
        },
      ]),
    );
  });

  it('reads gzip, NDJSON and standard input the same way', () => {
    const counts = [
      vigil(['scan', '--snapshot', 'snapshot.json.gz', '--format', 'json', '--rules', RULE]),
      vigil(['scan', '--snapshot', 'items.ndjson', '--format', 'json', '--rules', RULE]),
      vigil(['scan', '--snapshot', '-', '--format', 'json', '--rules', RULE], readFileSync(join(dir, 'snapshot.json'))),
    ].map((r) => JSON.parse(r.stdout).summary.byStatus);
    for (const c of counts) expect(c).toMatchObject({ COMPLIANT: 1, NON_COMPLIANT: 1 });
  });

  it('with --rules, says nothing of the types only the rules left out read, and still names an unknown type', () => {
    const demo = vigil(['scan', '--snapshot', join(ROOT, 'examples', 'demo-account.json'), '--rules', RULE]);
    expect(demo.code).toBe(0);
    expect(demo.stdout).not.toMatch(/types no rule reads/);

    const unknown = { ...good, resourceType: 'AWS::Foo::Bar', resourceId: 'foo-1' };
    const mixed = vigil(['scan', '--snapshot', '-', '--rules', RULE], JSON.stringify([good, unknown]));
    expect(mixed.stdout).toMatch(/1 item of types no rule reads: AWS::Foo::Bar \(1\)\./);
  });

  it('renders the table, JUnit, SARIF and Markdown formats', () => {
    const table = vigil(['scan', '--snapshot', 'snapshot.json', '--rules', RULE]);
    expect(table.stdout).toMatch(/medium\s+dynamodb-table-pitr-enabled\s+DynamoDB::Table sessions/);
    expect(table.stdout).toMatch(/2 resources, 1 rule, 2 evaluations: 1 non-compliant \(1 medium\), 1 compliant/);

    const junit = vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'junit', '--rules', RULE]).stdout;
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toMatch(/<testsuite name="dynamodb-table-pitr-enabled" tests="2" failures="1" errors="0" skipped="0">/);
    expect(junit).toMatch(/<failure type="medium" message="DynamoDB table sessions has point-in-time recovery disabled\."\/>/);

    const sarif = JSON.parse(vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'sarif', '--rules', RULE]).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([RULE]);
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: RULE,
      level: 'warning',
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(join(dir, 'snapshot.json')).href } } }],
    });

    const md = vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'markdown', '--rules', RULE]).stdout;
    expect(md).toMatch(/\| NON_COMPLIANT \| 1 \|/);
    expect(md).toMatch(/\| medium \| `dynamodb-table-pitr-enabled` \| AWS::DynamoDB::Table sessions \|/);
  });

  it('exits 1 only when a finding is at or above --fail-on', () => {
    expect(vigil(['scan', '--snapshot', 'snapshot.json', '--rules', RULE, '--fail-on', 'medium']).code).toBe(1);
    expect(vigil(['scan', '--snapshot', 'snapshot.json', '--rules', RULE, '--fail-on', 'low']).code).toBe(1);
    expect(vigil(['scan', '--snapshot', 'snapshot.json', '--rules', RULE, '--fail-on', 'high']).code).toBe(0);
  });

  it('names the file, the item and the field of a corrupt snapshot, exit 2', () => {
    const r = vigil(['scan', '--snapshot', 'corrupt.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corrupt\.json: item 1, field "resourceType": expected a type such as AWS::S3::Bucket \(sessions\)/);
    expect(r.stdout).toBe('');
    const t = vigil(['scan', '--snapshot', 'truncated.json']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/truncated\.json: (item 0: )?unexpected end of input at byte 300/);
    expect(t.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('rejects an unknown --param, a bad value and an unknown rule with exit 2', () => {
    const unknown = vigil(['scan', '--snapshot', 'snapshot.json', '--param', `${RULE}.retentionDays=3`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/dynamodb-table-pitr-enabled\.retentionDays: unknown parameter/);
    const noRule = vigil(['scan', '--snapshot', 'snapshot.json', '--param', 'no-such-rule.x=1']);
    expect(noRule.code).toBe(2);
    expect(noRule.stderr).toMatch(/no rule "no-such-rule"/);
    const badValue = vigil(['scan', '--snapshot', 'snapshot.json', '--param', 'rds-instance-backup-retention.minRetentionDays=abc']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/--param rds-instance-backup-retention\.minRetentionDays: .*expected number/);
    const goodValue = vigil(['scan', '--snapshot', 'snapshot.json', '--param', 'rds-instance-backup-retention.minRetentionDays=7']);
    expect(goodValue.code).toBe(0);
    const badFlag = vigil(['scan', '--snapshot', 'snapshot.json', '--param', 'oops']);
    expect(badFlag.code).toBe(2);
    expect(vigil(['scan', '--snapshot', 'snapshot.json', '--rules', 'nope']).stderr).toMatch(/no rule "nope"/);
    expect(vigil(['scan', '--snapshot', 'missing.json']).stderr).toMatch(/missing\.json: no such file/);
    expect(vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'xml']).code).toBe(2);
    expect(vigil(['scan', '--snapshot', 'snapshot.json', '--fail-on', 'severe']).code).toBe(2);
  });

  it('lists the catalog', () => {
    const json = JSON.parse(vigil(['rules', '--format', 'json']).stdout);
    expect(json.find((r: { id: string }) => r.id === RULE)).toMatchObject({ severity: 'medium', resourceTypes: ['AWS::DynamoDB::Table'] });
    expect(vigil(['rules']).stdout).toMatch(/dynamodb-table-pitr-enabled\s+medium\s+DynamoDB tables have point-in-time recovery enabled/);
  });
});

describe('a large scan starts again with a smaller young generation (cli/young-generation.mjs)', () => {
  let preload = '';
  beforeAll(() => {
    preload = join(dir, 'log-start.mjs');
    writeFileSync(preload, `import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.START_LOG, JSON.stringify({ pid: process.pid, execArgv: process.execArgv }) + '\\n');\n`);
  });

  /**
   * Runs vigil with a threshold of 1 byte, so that any scan restarts, and a preload that logs
   * each start of Node in the process: its pid and Node flags.
   */
  function restarted(args: string[], input?: number) {
    const log = join(dir, `starts-${Math.random().toString(36).slice(2)}.log`);
    writeFileSync(log, '');
    const r = vigil(args, input, { VIGIL_RESTART_ABOVE_BYTES: '1', START_LOG: log, NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` });
    const starts = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { pid: number; execArgv: string[] });
    return { ...r, starts };
  }

  it('is the same process, started twice, the second time with the flag', () => {
    const r = restarted(['scan', '--snapshot', 'snapshot.json', '--rules', RULE, '--format', 'json']);
    expect(r.starts).toHaveLength(2);
    expect(r.starts[1]?.pid).toBe(r.starts[0]?.pid);
    expect(r.starts[0]?.execArgv).not.toContain('--max-semi-space-size=16');
    expect(r.starts[1]?.execArgv).toContain('--max-semi-space-size=16');
  });

  it('prints the same report, exits with the same codes, and reads standard input redirected from a file', () => {
    const args = ['scan', '--snapshot', 'snapshot.json', '--rules', RULE, '--format', 'json', '--now', '2026-11-23T00:00:00Z'];
    const plain = vigil(args);
    const again = restarted(args);
    expect(again.stdout).toBe(plain.stdout);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);

    const gate = restarted([...args, '--fail-on', 'medium']);
    expect(gate.starts).toHaveLength(2);
    expect(gate.code).toBe(1);

    const corrupt = restarted(['scan', '--snapshot', 'corrupt.json']);
    expect(corrupt.starts).toHaveLength(2);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/corrupt\.json: item 1, field "resourceType"/);

    const fd = openSync(join(dir, 'snapshot.json'), 'r');
    try {
      const stdin = restarted(['scan', '--snapshot', '-', '--rules', RULE, '--format', 'json', '--now', '2026-11-23T00:00:00Z'], fd);
      expect(stdin.starts).toHaveLength(2);
      expect(JSON.parse(stdin.stdout).evaluations).toEqual(JSON.parse(plain.stdout).evaluations);
    } finally {
      closeSync(fd);
    }
  });

  it('does not restart what reads from a pipe, or any other command', () => {
    expect(restarted(['scan', '--snapshot', '-', '--rules', RULE, '--format', 'json'], undefined).starts).toHaveLength(1);
    expect(restarted(['rules']).starts).toHaveLength(1);
  });
});
