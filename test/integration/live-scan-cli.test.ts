import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectedType } from '../../shared/domain/collected-types.ts';
import { catalog } from '../../shared/rules/index.ts';
import { awsError, type LoopbackAws } from '../support/loopback-aws.ts';
import { ACCOUNT_ID, demoAccount, REGION, snapshotItem, startLoopbackAccount } from '../support/loopback-account.ts';
import { vigilInProcess } from '../support/cli-in-process.ts';
import { tempDir } from '../support/temp-dir.ts';

/** `vigil …` in-process, as the binary runs it. */
const vigil = (args: string[]) => vigilInProcess(args, { cwd: dir, env: process.env });

interface JsonEvaluation {
  ruleId: string;
  resourceType: string;
  resourceId: string;
  status: string;
  reason: string;
}

let dir = '';
let aws: LoopbackAws | undefined;
const savedEnv = { ...process.env };

// The real default credential chain and endpoint resolution, steered the way a user would:
// environment credentials and AWS_ENDPOINT_URL (honoured by every SDK v3 client).
function pointAwsAt(endpoint: string, region?: string): void {
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete process.env[name];
  process.env['AWS_ENDPOINT_URL'] = endpoint;
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIDLOOPBACK';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'loopback-secret';
  process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'no-credentials');
  if (region) process.env['AWS_REGION'] = region;
}

describe('vigil scan --live', () => {
  beforeEach(() => {
    dir = tempDir('vigil-live-');
  });
  afterEach(async () => {
    process.env = { ...savedEnv };
    await aws?.close();
    aws = undefined;
  });

  it('prints the same JSON as --snapshot for the same Config items, plus what the collectors add', async () => {
    // Prepare: the loopback account, and a snapshot file of the same Config items.
    const spec = demoAccount();
    aws = await startLoopbackAccount(spec);
    pointAwsAt(aws.endpoint);
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ fileVersion: '1.0', configurationItems: spec.items.map((i) => snapshotItem(i, REGION)) }));

    // Act
    const live = await vigil(['scan', '--live', '--region', REGION, '--format', 'json', '--now', '2026-11-23T00:00:00Z']);
    const snap = await vigil(['scan', '--snapshot', 'snapshot.json', '--format', 'json', '--now', '2026-11-23T00:00:00Z']);

    // Assess: same document shape …
    expect(live.code).toBe(0);
    expect(snap.code).toBe(0);
    const liveReport = JSON.parse(live.stdout) as { summary: Record<string, unknown>; evaluations: JsonEvaluation[] };
    const snapReport = JSON.parse(snap.stdout) as { summary: Record<string, unknown>; evaluations: JsonEvaluation[] };
    expect(Object.keys(liveReport)).toEqual(Object.keys(snapReport));
    expect(Object.keys(liveReport.summary)).toEqual(Object.keys(snapReport.summary));
    expect(Object.keys(liveReport.evaluations[0] ?? {})).toEqual(Object.keys(snapReport.evaluations[0] ?? {}));

    // … the same verdicts on Config resources for rules that need nothing collected (nor the
    // on-failure destinations a collector adds to Config's function items) …
    const needsCollected = new Set([
      ...catalog.filter((r) => r.dependsOn?.some((t) => (Object.values(CollectedType) as string[]).includes(t))).map((r) => r.id),
      'lambda-function-async-failure-destination',
    ]);
    const configVerdicts = (evaluations: JsonEvaluation[]) =>
      evaluations
        .filter((e) => !(Object.values(CollectedType) as string[]).includes(e.resourceType) && !needsCollected.has(e.ruleId))
        .map((e) => `${e.ruleId} ${e.resourceId} ${e.status} ${e.reason}`)
        .sort();
    expect(configVerdicts(liveReport.evaluations)).toEqual(configVerdicts(snapReport.evaluations));
    expect(configVerdicts(liveReport.evaluations).length).toBeGreaterThan(5);

    // … and, live only, verdicts on what Config does not record.
    const status = (report: typeof liveReport, ruleId: string, resourceId: string) =>
      report.evaluations.find((e) => e.ruleId === ruleId && e.resourceId === resourceId)?.status;
    expect(status(liveReport, 'logs-log-group-retention-set', '/aws/lambda/legacy-report')).toBe('NON_COMPLIANT');
    expect(status(liveReport, 'iam-root-mfa-enabled', ACCOUNT_ID)).toBe('COMPLIANT');
    expect(status(snapReport, 'iam-root-mfa-enabled', ACCOUNT_ID)).toBe('NOT_APPLICABLE');
    // A destination Config does not record: seen live, unseen (and said so) in the snapshot.
    const reason = (report: typeof liveReport, ruleId: string, resourceId: string) =>
      report.evaluations.find((e) => e.ruleId === ruleId && e.resourceId === resourceId)?.reason;
    expect(status(liveReport, 'lambda-function-async-failure-destination', 'orders-api')).toBe('COMPLIANT');
    expect(status(snapReport, 'lambda-function-async-failure-destination', 'orders-api')).toBe('NON_COMPLIANT');
    expect(reason(snapReport, 'lambda-function-async-failure-destination', 'orders-api')).toContain('not recorded by AWS Config');
    expect(reason(liveReport, 'lambda-function-async-failure-destination', 'legacy-report')).toBe(
      'Lambda function legacy-report has no dead-letter queue and no on-failure destination.',
    );

    // stderr is not a terminal: no bar, one closing line.
    expect(live.stderr).toMatch(/^vigil: read \d+ resources of account 111122223333 in eu-west-1 \(\d+\.\d s\)\n$/);
  });

  it('reports each account-wide setting once per account in a multi-region scan, in the home region', async () => {
    // Prepare: one account read in two regions (the loopback answers every region alike).
    aws = await startLoopbackAccount(demoAccount({ rootMfaEnabled: true, detectors: { d1: 'ENABLED' } }));
    pointAwsAt(aws.endpoint);
    const regions = ['--region', 'us-east-1', '--region', REGION];
    const now = ['--now', '2026-11-23T00:00:00Z'];

    // Act
    const byDefault = await vigil(['scan', '--live', ...regions, '--format', 'json', ...now]);
    const atHome = await vigil(['scan', '--live', ...regions, '--home-region', 'us-east-1', '--format', 'json', ...now]);

    // Assess: root MFA, the account's S3 block and the multi-region trail once, in the home region
    // (default: the first region alphabetically); GuardDuty, a regional service, once per region.
    expect([byDefault.code, atHome.code]).toEqual([0, 0]);
    const regionsOf = (stdout: string, ruleId: string) =>
      (JSON.parse(stdout) as { evaluations: (JsonEvaluation & { region: string })[] }).evaluations
        .filter((e) => e.ruleId === ruleId && e.resourceId === ACCOUNT_ID)
        .map((e) => e.region)
        .sort();
    for (const ruleId of ['iam-root-mfa-enabled', 's3-account-public-access-blocked', 'cloudtrail-multi-region-enabled']) {
      expect(regionsOf(byDefault.stdout, ruleId), ruleId).toEqual([REGION]);
      expect(regionsOf(atHome.stdout, ruleId), ruleId).toEqual(['us-east-1']);
    }
    expect(regionsOf(byDefault.stdout, 'guardduty-enabled')).toEqual([REGION, 'us-east-1']);
  });

  it('takes the region from the environment when no --region is given', async () => {
    aws = await startLoopbackAccount(demoAccount());
    pointAwsAt(aws.endpoint, REGION);

    const r = await vigil(['scan', '--live', '--rules', 'dynamodb-table-pitr-enabled', '--format', 'json']);

    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).evaluations.map((e: JsonEvaluation) => `${e.resourceId} ${e.status}`).sort()).toEqual([
      'orders COMPLIANT',
      'sessions NON_COMPLIANT',
    ]);
    // --rules narrows what is read: only the types the selected rules need are listed.
    expect(aws.callsTo('ListDiscoveredResources').map((c) => (c.input as { resourceType: string }).resourceType)).toEqual(['AWS::DynamoDB::Table']);
  });

  it('reads with the credentials and region of --profile', async () => {
    // Prepare: environment credentials exist too; an explicit profile must win over them.
    aws = await startLoopbackAccount(demoAccount());
    pointAwsAt(aws.endpoint);
    writeFileSync(join(dir, 'no-config'), '[profile audit]\nregion = eu-west-1\n');
    writeFileSync(join(dir, 'no-credentials'), '[audit]\naws_access_key_id = AKIDAUDITPROFILE\naws_secret_access_key = audit-secret\n');

    // Act
    const r = await vigil(['scan', '--live', '--profile', 'audit', '--rules', 'dynamodb-table-pitr-enabled', '--format', 'json']);

    // Assess: signed with the profile's key, in the profile's region.
    expect(r.code).toBe(0);
    const signedWith = new Set(aws.calls.map((c) => /Credential=(\w+)\/\d+\/([\w-]+)\//.exec(String(c.headers.authorization))?.slice(1).join(' ')));
    expect(signedWith).toEqual(new Set(['AKIDAUDITPROFILE eu-west-1']));
  });

  it('exits 2 with the action to grant when a permission is missing', async () => {
    aws = await startLoopbackAccount(
      demoAccount({ overrides: { DescribeLogGroups: () => awsError('AccessDeniedException', 'not authorized to perform: logs:DescribeLogGroups', 400) } }),
    );
    pointAwsAt(aws.endpoint);

    const r = await vigil(['scan', '--live', '--region', REGION]);

    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('vigil: missing permission logs:DescribeLogGroups in eu-west-1');
    expect(r.stderr).toMatch(/a live scan needs: .*config:BatchGetResourceConfig.*logs:DescribeLogGroups/);
  });

  it('exits 2 saying Config is not recording', async () => {
    aws = await startLoopbackAccount(demoAccount({ recorders: [{ name: 'default', recording: false }] }));
    pointAwsAt(aws.endpoint);

    const r = await vigil(['scan', '--live', '--region', REGION]);

    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vigil: AWS Config is not recording in eu-west-1');
  });

  it('rejects --live with --snapshot, and --region without --live', async () => {
    const both = await vigil(['scan', '--live', '--snapshot', 'x.json']);
    const stray = await vigil(['scan', '--snapshot', 'x.json', '--region', REGION]);

    expect([both.code, stray.code]).toEqual([2, 2]);
    expect(both.stderr).toContain('--live and --snapshot are exclusive');
    expect(stray.stderr).toContain('--region and --profile go with --live');
  });
});
