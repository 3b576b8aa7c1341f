import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

// Hostile configuration items through the real `vigil scan`, as a user would hand them over:
// each is an input error (exit 2) naming the file, the item and the field, or a report that says
// what it could not judge. None of them may become a finding.
const ROOT = join(import.meta.dirname, '..', '..');
const table = JSON.parse(
  readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'dynamodb-table-pitr-enabled', 'compliant--pitr-on.json'), 'utf8'),
) as Record<string, unknown>;

let dir = '';

function vigil(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'cli', 'vigil.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scanOf(name: string, items: readonly unknown[], ...args: string[]) {
  writeFileSync(join(dir, name), items.map((item) => JSON.stringify(item)).join('\n'));
  return vigil(['scan', '--snapshot', name, ...args]);
}

beforeAll(() => {
  dir = tempDir('vigil-items-');
});

describe('vigil scan with mistyped or missing item fields', () => {
  it.each([
    ['configuration missing', { configuration: undefined }, 'configuration'],
    ['configuration null', { configuration: null }, 'configuration'],
    ['configuration "null"', { configuration: 'null' }, 'configuration'],
    ['configuration {}', { configuration: {} }, 'configuration'],
    ['tags as a string', { tags: 'Owner=payments' }, 'tags'],
    ['tags as a number', { tags: 7 }, 'tags'],
    ['tags as an array of strings', { tags: ['Owner'] }, 'tags'],
    ['a capture time that is no time', { configurationItemCaptureTime: 'last tuesday' }, 'configurationItemCaptureTime'],
    ['a state id that is an object', { configurationStateId: { n: 1 } }, 'configurationStateId'],
    ['relationships as a string', { relationships: 'none' }, 'relationships'],
    ['an ARN that is a number', { ARN: 12 }, 'ARN'],
  ])('refuses a table with %s: exit 2, naming the file, the item and the field', (_case, change, field) => {
    // Prepare
    const item = { ...table, ...change };

    // Act
    const r = scanOf('table.ndjson', [table, item]);

    // Assess
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`table.ndjson: item 1, field "${field}"`);
    expect(r.stdout).not.toMatch(/NON_COMPLIANT|non-compliant \(/);
  });

  it('refuses an S3 bucket with only its ids instead of reporting it unencrypted', () => {
    // Prepare
    const bucket = { resourceType: 'AWS::S3::Bucket', resourceId: 'acme-invoices', awsRegion: 'eu-west-1', awsAccountId: '111122223333' };

    // Act
    const r = scanOf('bucket.ndjson', [bucket]);

    // Assess
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bucket.ndjson: item 0, field "configuration"');
    expect(r.stdout).not.toMatch(/encryption/);
  });

  it('accepts an epoch-second capture time, the API wire form', () => {
    // Act
    const r = scanOf('epoch.ndjson', [{ ...table, configurationItemCaptureTime: 1502510556.116 }], '--rules', 'dynamodb-table-pitr-enabled');

    // Assess
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 compliant/);
  });

  it('reports items of unknown and lower-cased types, suggesting the spelling', () => {
    // Prepare
    const item = (resourceType: string, resourceId: string) => ({ ...table, resourceType, resourceId, resourceName: resourceId });

    // Act
    const r = scanOf('types.ndjson', [item('AWS::Foo::Bar', 'a'), item('AWS::Foo::Bar', 'b'), item('aws::dynamodb::table', 'c')]);

    // Assess
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 items of types no rule reads: AWS::Foo::Bar (2), aws::dynamodb::table (1, did you mean AWS::DynamoDB::Table?).');
  });
});
