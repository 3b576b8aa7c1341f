import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../support/rule-fixtures.ts';
import { vigilInProcess } from '../../support/cli-in-process.ts';
import { tempDir } from '../../support/temp-dir.ts';

interface JsonReport {
  summary: { skipped?: { ruleIds: string[]; reason: string } };
  evaluations: { ruleId: string; resourceId: string; region: string; status: string; reason: string }[];
}

const ACCOUNT = '111122223333';
const ACCOUNT_LEVEL = ['s3-account-public-access-blocked', 'backup-restore-testing-configured', 'cloudtrail-multi-region-enabled', 'guardduty-enabled', 'iam-root-mfa-enabled'];
let dir = '';
let table: unknown;
let fn: unknown;

/** `vigil …` in-process, as the binary runs it. */
const vigil = (args: string[]) => vigilInProcess(args, { cwd: dir, env: {} });

function fixture(path: string): unknown {
  const body = JSON.parse(readFileSync(join(FIXTURES_DIR, path), 'utf8')) as Record<string, unknown>;
  return 'subject' in body ? body['subject'] : body;
}

const now = ['--now', '2026-11-23T00:00:00Z'];

describe('a partial inventory is not a whole account', () => {
  beforeAll(() => {
    dir = tempDir('vigil-complete-');
    table = fixture('dynamodb-table-pitr-enabled/compliant--pitr-on.json');
    fn = fixture('lambda-function-error-alarm/non-compliant--no-alarm-items-complete-inventory.json');
  });

  it('skips the account-level rules for a one-item NDJSON file, says so, and does not fail --fail-on high', async () => {
    // Prepare
    writeFileSync(join(dir, 'one.ndjson'), `${JSON.stringify(table)}\n`);

    // Act
    const text = await vigil(['scan', '--snapshot', 'one.ndjson', '--fail-on', 'high', ...now]);
    const json = await vigil(['scan', '--snapshot', 'one.ndjson', '--format', 'json', ...now]);

    // Assess
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Skipped 5 rules (${ACCOUNT_LEVEL.join(', ')}): account-level rules need a whole account`);
    expect(text.stdout).toContain('pass --complete');
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.evaluations.filter((e) => e.resourceId === ACCOUNT)).toEqual([]);
    expect(report.summary.skipped?.ruleIds).toEqual(ACCOUNT_LEVEL);
  });

  it('runs them with --complete, and for a Config snapshot file', async () => {
    // Prepare
    writeFileSync(join(dir, 'one.ndjson'), `${JSON.stringify(table)}\n`);
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ fileVersion: '1.0', configurationItems: [table] }));

    // Act
    const complete = await vigil(['scan', '--snapshot', 'one.ndjson', '--complete', '--fail-on', 'high', '--format', 'json', ...now]);
    const snapshot = await vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'json', ...now]);

    // Assess: the account has no GuardDuty detector, a high finding.
    expect(complete.code).toBe(1);
    for (const out of [complete.stdout, snapshot.stdout]) {
      const report = JSON.parse(out) as JsonReport;
      expect(report.summary.skipped).toBeUndefined();
      expect(report.evaluations.find((e) => e.ruleId === 'guardduty-enabled')?.status).toBe('NON_COMPLIANT');
    }
  });

  it('does not say a Lambda function alone in a list has no error alarm, but does in a complete inventory', async () => {
    // Prepare
    writeFileSync(join(dir, 'functions.json'), JSON.stringify([fn]));

    // Act
    const partial = await vigil(['scan', '--snapshot', 'functions.json', '--rules', 'lambda-function-error-alarm', '--format', 'json', ...now]);
    const whole = await vigil(['scan', '--snapshot', 'functions.json', '--rules', 'lambda-function-error-alarm', '--complete', '--format', 'json', ...now]);

    // Assess
    const [p] = (JSON.parse(partial.stdout) as JsonReport).evaluations;
    expect(p?.status).toBe('NOT_APPLICABLE');
    expect(p?.reason).toContain('the input holds no AWS::CloudWatch::Alarm items');
    const [w] = (JSON.parse(whole.stdout) as JsonReport).evaluations;
    expect(w?.status).toBe('NON_COMPLIANT');
    expect(w?.reason).toContain('has no CloudWatch alarm on AWS/Lambda Errors');
  });

  it('refuses a --home-region that is no region', async () => {
    // Act
    const r = await vigil(['scan', '--snapshot', 'functions.json', '--home-region', 'home', ...now]);

    // Assess
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--home-region must be an AWS region');
  });
});
