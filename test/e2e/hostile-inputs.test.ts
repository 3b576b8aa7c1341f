// Hostile and awkward inputs to `vigil scan`, each built here and run through the real binary:
// configuration history and duplicates, encodings, truncation, terminal escapes and HTML in
// names, a reader that closes the pipe early, SARIF locations, and the CLI's smaller traps.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateItems } from '../../bench/generate-account.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const VIGIL = join(ROOT, 'cli', 'vigil.mjs');
const FIX = join(ROOT, 'test', 'fixtures', 'rules', 'dynamodb-table-pitr-enabled');
const PITR = 'dynamodb-table-pitr-enabled';
const NOW = '2026-11-23T00:00:00Z';

type Item = Record<string, unknown> & { supplementaryConfiguration: Record<string, unknown> };
const current: Item = JSON.parse(readFileSync(join(FIX, 'compliant--pitr-on.json'), 'utf8'));
/** The same table (orders) a day earlier, with point-in-time recovery still off. */
const older: Item = {
  ...structuredClone(current),
  configurationStateId: Number(current['configurationStateId']) - 86_400_000,
  configurationItemCaptureTime: '2026-11-19T09:12:44.512Z',
  supplementaryConfiguration: {
    ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } },
  },
};

let dir = '';
function vigil(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [VIGIL, ...args], {
    cwd: dir,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const write = (name: string, content: string | Buffer): string => {
  writeFileSync(join(dir, name), content);
  return name;
};

beforeAll(() => {
  dir = tempDir('vigil-hostile-');
});

describe('one current item per resource', () => {
  it.each([
    ['newest first (GetResourceConfigHistory order)', () => [current, older]],
    ['oldest first', () => [older, current]],
  ])('judges only the newest version: %s', (_name, items) => {
    const file = write('history.json', JSON.stringify(items()));
    const r = vigil(['scan', '--snapshot', file, '--rules', PITR, '--fail-on', 'medium', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toMatchObject({ resources: 1, evaluations: 1, droppedVersions: 1, byStatus: { COMPLIANT: 1, NON_COMPLIANT: 0 } });
    expect(r.stderr).toBe('vigil: 1 older item of a resource listed twice was dropped (the newest version is evaluated)\n');
  });

  it('gives one set of evaluations for two items of one table with different capture times', () => {
    const file = write('dupes.ndjson', `${JSON.stringify(older)}\n${JSON.stringify(current)}\n`);
    const all = vigil(['scan', '--snapshot', file, '--format', 'json']);
    const single = vigil(['scan', '--snapshot', write('single.json', JSON.stringify([current])), '--format', 'json']);
    expect(JSON.parse(all.stdout).evaluations).toEqual(JSON.parse(single.stdout).evaluations);
  });
});

describe('encodings', () => {
  const snapshot = JSON.stringify({ configurationItems: [current] }, null, 2);
  const expectOneCompliant = (r: ReturnType<typeof vigil>) => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.byStatus).toMatchObject({ COMPLIANT: 1 });
  };

  it('accepts a UTF-8 byte-order mark, in a file and on standard input, JSON and NDJSON', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expectOneCompliant(vigil(['scan', '--snapshot', write('bom.json', Buffer.concat([bom, Buffer.from(snapshot)])), '--rules', PITR, '--format', 'json']));
    expectOneCompliant(vigil(['scan', '--snapshot', '-', '--rules', PITR, '--format', 'json'], { input: Buffer.concat([bom, Buffer.from(JSON.stringify(current))]) }));
  });

  it('decodes UTF-16 with a byte-order mark (what PowerShell writes), little- and big-endian', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(snapshot, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expectOneCompliant(vigil(['scan', '--snapshot', write('le.json', le), '--rules', PITR, '--format', 'json']));
    expectOneCompliant(vigil(['scan', '--snapshot', write('be.json', be), '--rules', PITR, '--format', 'json']));
  });

  it('refuses UTF-16 without a byte-order mark, naming the encoding and how to convert it', () => {
    const r = vigil(['scan', '--snapshot', write('nobom.json', Buffer.from(snapshot, 'utf16le'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nobom\.json: the file looks like UTF-16 \(little-endian\) without a byte-order mark; convert it to UTF-8, e\.g\. iconv -f UTF-16LE -t UTF-8/);
  });

  it('reports a truncated pretty-printed file as an unexpected end of input with the byte offset', () => {
    const cut = snapshot.slice(0, 400);
    const r = vigil(['scan', '--snapshot', write('cut.json', cut)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`cut\\.json: (item 0: )?unexpected end of input at byte ${Buffer.byteLength(cut)}`));
    expect(r.stderr).not.toMatch(/NDJSON|line 1/);
    expect(r.stdout).toBe('');
  });
});

describe('input errors', () => {
  it('reports every bad item of a file with its number, and exits 2', () => {
    const bad = (patch: Record<string, unknown>) => ({ ...structuredClone(current), ...patch });
    const items = [current, bad({ resourceType: 'DynamoDB table' }), current, bad({ awsRegion: 7 }), '{"resourceId": oops}', bad({ resourceType: 42 })];
    const text = `[${items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join(',')}]`;
    const r = vigil(['scan', '--snapshot', write('three-bad.json', text)]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^vigil: three-bad\.json: item 1, field "resourceType"/);
    expect(lines[1]).toMatch(/^vigil: three-bad\.json: item 3, field "awsRegion"/);
    expect(lines[2]).toMatch(/^vigil: three-bad\.json: item 4: not valid JSON: unexpected token/);
    expect(lines[3]).toMatch(/^vigil: three-bad\.json: item 5, field "resourceType"/);
    expect(r.stdout).toBe('');
  });

  it('says which fields a SelectResourceConfig query must SELECT', () => {
    const rows = { Results: [JSON.stringify({ resourceId: 'orders', resourceType: 'AWS::DynamoDB::Table', configuration: {} })] };
    const r = vigil(['scan', '--snapshot', write('select.json', JSON.stringify(rows))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/select\.json: item 0, field "awsAccountId": .*the query must SELECT resourceType, resourceId, accountId, awsRegion, .*missing here: accountId, awsRegion/);
  });
});

describe('safe output', () => {
  const evil = {
    ...structuredClone(current),
    resourceId: 'orders\u001b]0;pwned\u0007',
    resourceName: 'orders\u001b[2J<img src=x onerror=alert(1)>|x',
    supplementaryConfiguration: older.supplementaryConfiguration,
  };

  it('escapes control characters visibly in the table, and HTML as well in Markdown', () => {
    const file = write('evil.json', JSON.stringify([evil]));
    const table = vigil(['scan', '--snapshot', file, '--rules', PITR]);
    expect(table.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(table.stdout).toContain('orders\\x1b[2J');
    const md = vigil(['scan', '--snapshot', file, '--rules', PITR, '--format', 'markdown']);
    expect(md.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(md.stdout).not.toContain('<img');
    expect(md.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;\\|x');
  });

  it.each(['table', 'json', 'ndjson', 'junit', 'sarif', 'markdown'])('exits 0 silently when the reader closes the pipe early (%s)', async (format) => {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ configurationItems: generateItems(3000) }));
    const child = spawn(process.execPath, [VIGIL, 'scan', '--snapshot', file, '--format', format], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `| head -c 1`: take the first bytes, then close.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('locates SARIF results at a file:// URI (spaces and # encoded), and nowhere for standard input', () => {
    mkdirSync(join(dir, 'my snapshots #1'), { recursive: true });
    const file = join('my snapshots #1', 'a b#c.json');
    write(file, JSON.stringify([older]));
    const sarif = JSON.parse(vigil(['scan', '--snapshot', file, '--rules', PITR, '--format', 'sarif']).stdout);
    const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
    expect(uri).toBe(pathToFileURL(join(dir, file)).href);
    expect(uri).toMatch(/^file:\/\/\/.*\/my%20snapshots%20%231\/a%20b%23c\.json$/);
    expect(new URL(uri).protocol).toBe('file:');

    const stdin = JSON.parse(vigil(['scan', '--snapshot', '-', '--rules', PITR, '--format', 'sarif'], { input: JSON.stringify([older]) }).stdout);
    expect(stdin.runs[0].results).toHaveLength(1);
    expect(stdin.runs[0].results[0].locations[0].physicalLocation).toBeUndefined();
    expect(stdin.runs[0].artifacts).toBeUndefined();
  });
});

describe('the smaller traps', () => {
  it('--param for a rule left out by --rules says so', () => {
    const r = vigil(['scan', '--snapshot', write('one.json', JSON.stringify([current])), '--rules', PITR, '--param', 'rds-instance-backup-retention.minRetentionDays=7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--param rds-instance-backup-retention\.minRetentionDays: rule rds-instance-backup-retention is not among the rules chosen by --rules/);
  });

  it('--rules a,a evaluates the rule once; singular words for one', () => {
    const r = vigil(['scan', '--snapshot', write('one.json', JSON.stringify([current])), '--rules', `${PITR},${PITR}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 resource, 1 rule, 1 evaluation: 0 non-compliant, 1 compliant, 0 not applicable, 0 errors\.$/m);
  });

  it('refuses --now 5 and an empty --snapshot with a clear message', () => {
    const now = vigil(['scan', '--snapshot', write('one.json', JSON.stringify([current])), '--now', '5']);
    expect(now.code).toBe(2);
    expect(now.stderr).toMatch(/--now must be an ISO 8601 time such as 2026-01-31T00:00:00Z \(got "5"\)/);
    const empty = vigil(['scan', '--snapshot', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('vigil: --snapshot needs a file name, or - for standard input\n');
  });

  it('shows the account as an account, not as "::Account"', () => {
    const r = vigil(['scan', '--snapshot', write('one.json', JSON.stringify([current])), '--rules', 's3-account-public-access-blocked', '--complete', '--now', NOW]);
    expect(r.stdout).not.toContain('::Account');
    expect(r.stdout).toMatch(/Account 111122223333/);
  });

  it('names AWS_PROFILE when the profile it names cannot be used', () => {
    const home = tempDir('vigil-home-');
    const env = { HOME: home, AWS_PROFILE: 'bogus', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    const r = vigil(['scan', '--live', '--region', 'eu-west-1'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/AWS_PROFILE is "bogus"/);
  });
});
