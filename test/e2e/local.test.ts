/**
 * `vigil local` end to end, driven only through what a user has: the process and its stdout, the
 * findings API over HTTP, the AWS SDK pointed at the Invoke API (as `aws lambda invoke
 * --endpoint-url` is), a Slack incoming webhook (loopback), the story's event files, and Ctrl-C.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRequestContentException, InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, REPO, startVigilLocal, stopAllVigilLocal, type LocalProcess } from '../support/local-process.ts';
import { startLoopbackSlack, type LoopbackSlack } from '../support/loopback-slack.ts';

const demo = JSON.parse(readFileSync(join(REPO, 'examples', 'demo-account.json'), 'utf8')) as { configurationItems: Record<string, unknown>[] };

/** A Config change event for a demo item, changed by `edit`, at configuration state `stateId`. */
function configEvent(resourceType: string, resourceId: string, stateId: number, edit: (item: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const found = demo.configurationItems.find((i) => i['resourceType'] === resourceType && i['resourceId'] === resourceId);
  if (!found) throw new Error(`the demo account has no ${resourceType} ${resourceId}`);
  const item = structuredClone(found);
  edit(item);
  item['configurationStateId'] = stateId;
  item['configurationItemCaptureTime'] = new Date(stateId).toISOString();
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Config Configuration Item Change',
    source: 'aws.config',
    account: item['awsAccountId'],
    time: new Date(stateId).toISOString(),
    region: item['awsRegion'],
    resources: [item['ARN']],
    detail: { recordVersion: '1.3', messageType: 'ConfigurationItemChangeNotification', configurationItemDiff: { changedProperties: {}, changeType: 'UPDATE' }, notificationCreationTime: new Date(stateId).toISOString(), configurationItem: item },
  };
}
const withoutPitr = (item: Record<string, unknown>): void => {
  item['supplementaryConfiguration'] = { ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } } };
};
/** Resolves once `condition` holds, checked as things happen (every 50 ms); the test's timeout bounds it. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}
const decode = (payload: Uint8Array | undefined): unknown => JSON.parse(new TextDecoder().decode(payload));
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

interface FindingJson {
  readonly resourceId: string;
  readonly ruleId: string;
  readonly status: string;
  readonly severity: string;
  readonly lastChangedAt: string;
}

describe('vigil local, end to end', () => {
  let local: LocalProcess;
  let lambda: LambdaClient;
  let slack: LoopbackSlack;
  let cwd: string;
  const findings = async (query: string): Promise<FindingJson[]> => {
    const response = await fetch(`${local.ready.api}/findings?${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: FindingJson[] }).items;
  };
  const pitrFinding = async (status: string): Promise<FindingJson | undefined> =>
    (await findings(`ruleId=dynamodb-table-pitr-enabled&status=${status}`)).find((f) => f.resourceId === 'orders');
  /** Feeds an event to evaluate and waits for the alert it causes (if any) to be printed. */
  const invokeEvaluate = async (event: unknown) => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: encode(event) }));
    return { statusCode: out.StatusCode, functionError: out.FunctionError, answer: decode(out.Payload) };
  };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'vigil-local-'));
    slack = await startLoopbackSlack();
    local = await startVigilLocal(['--visibility-timeout', '1'], { cwd, env: { VIGIL_SLACK_WEBHOOK_URL: slack.url } });
    lambda = new LambdaClient({ endpoint: local.ready.invoke, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    await stopAllVigilLocal();
    lambda?.destroy();
    if (local && local.child.exitCode === null) await local.interrupt();
    await slack?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('prints a JSON ready line first, with loopback URLs, then says there is no auth', async () => {
    // Act
    const notice = await local.waitForLine((line) => /authentication/i.test(line), 1);
    // Assess
    expect(local.ready).toMatchObject({ event: 'ready', auth: 'none', stage: 'local', source: 'demo', table: 'vigil-local-findings' });
    for (const url of [local.ready.api, local.ready.dashboard, local.ready.invoke]) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(notice).toMatch(/No authentication.*127\.0\.0\.1 only/);
  });

  it("answers queries over the demo account's findings", async () => {
    // Act
    const high = await findings('severity=high&limit=100');
    // Assess
    expect(high.length).toBeGreaterThan(5);
    expect(high.every((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
    expect(high).toContainEqual(expect.objectContaining({ resourceId: 'legacy-mailer', ruleId: 'lambda-function-no-plaintext-secrets', status: 'NON_COMPLIANT' }));
  });

  it('reports its health: the table answers, the first sweep and its digest are recorded', async () => {
    // Act
    const response = await fetch(`${local.ready.api}/health`);
    const health = (await response.json()) as { status: string; table: { reachable: boolean }; lastSweepAt?: string; lastAlertAt?: string };
    // Assess
    expect(response.status).toBe(200);
    expect(health).toMatchObject({ status: 'ok', table: { reachable: true } });
    expect(Date.parse(health.lastSweepAt ?? '')).toBeGreaterThan(0);
    expect(Date.parse(health.lastAlertAt ?? '')).toBeGreaterThan(0);
  });

  it("sends the first sweep's findings as one digest of openings: a fresh start has nothing to resolve", async () => {
    // Act
    await until(() => slack.delivered().length > 0);
    const first = JSON.stringify(slack.delivered()[0]?.body);
    // Assess: findings that opened and resolved within the sweep (a table judged before its
    // backup plan was stored) are no change: every change counted is an opening
    const total = /Vigil digest: (\d+) finding changes/.exec(first)?.[1];
    expect(Number(total)).toBeGreaterThan(10);
    expect(first).toContain(`opened ${total}`);
    expect(first).not.toMatch(/resolved \d/);
  });

  it('plays the story: each step names its event file and command, alerts print and reach Slack', async () => {
    // Act
    await local.waitForLine((line) => line.startsWith('The story is over'));
    // Assess
    const text = local.lines.join('\n');
    const files = [...text.matchAll(/fed by: aws lambda invoke --endpoint-url (\S+) --function-name evaluate --payload fileb:\/\/(\S+) out\.json/g)];
    expect(files).toHaveLength(4);
    for (const [, url, file] of files) {
      expect(url).toBe(local.ready.invoke);
      expect(existsSync(join(cwd, file ?? ''))).toBe(true);
    }
    const storyAlerts = slack.delivered().map((p) => JSON.stringify(p.body)).slice(-6);
    expect(storyAlerts.filter((a) => a.includes('dynamodb-table-pitr-enabled'))).toHaveLength(2);
    expect(storyAlerts.filter((a) => a.includes('ec2-security-group-no-public-data-ports'))).toHaveLength(2);
    expect(await pitrFinding('COMPLIANT')).toBeDefined();
  });

  it("replays a story step from its file as the printed command does; an older step is stale and changes nothing", async () => {
    // Prepare: the first step's event (PITR off), older than the fix the story ended with.
    const file = /fed by: .* --payload fileb:\/\/(\S+) out\.json/.exec(local.lines.find((l) => l.includes('fed by') && l.includes('01-orders-table-pitr-disabled')) ?? '')?.[1] ?? '';
    const before = await pitrFinding('COMPLIANT');
    const alerts = slack.delivered().length;
    // Act
    const replay = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: readFileSync(join(cwd, file)) }));
    // Assess
    expect(decode(replay.Payload)).toEqual({ batchItemFailures: [] });
    expect(await pitrFinding('COMPLIANT')).toEqual(before);
    expect(await pitrFinding('NON_COMPLIANT')).toBeUndefined();
    expect(slack.delivered()).toHaveLength(alerts);
  });

  it('turns an injected change into one alert on Slack and a visible finding; a stale replay changes nothing; the fix resolves it with one alert', async () => {
    // Prepare
    const before = slack.delivered().length;
    const changedAt = Date.now() + 60_000;
    // Act: the orders table loses point-in-time recovery.
    const injected = await invokeEvaluate(configEvent('AWS::DynamoDB::Table', 'orders', changedAt, withoutPitr));
    await until(() => slack.delivered().length > before);
    const open = await pitrFinding('NON_COMPLIANT');
    // Act: an older event about the same table arrives late.
    const stale = await invokeEvaluate(configEvent('AWS::DynamoDB::Table', 'orders', changedAt - 30_000));
    const afterStale = await pitrFinding('NON_COMPLIANT');
    // Act: the fix.
    const fixed = await invokeEvaluate(configEvent('AWS::DynamoDB::Table', 'orders', changedAt + 1_000));
    // Alerts go out in stream order: once the fix's alert is in, the stale replay's would be too.
    await until(() => slack.delivered().length > before + 1);
    // Assess
    expect(injected).toEqual({ statusCode: 200, functionError: undefined, answer: { batchItemFailures: [] } });
    expect(open).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
    expect(stale.answer).toEqual({ batchItemFailures: [] });
    expect(afterStale).toEqual(open);
    expect(fixed.answer).toEqual({ batchItemFailures: [] });
    expect(await pitrFinding('NON_COMPLIANT')).toBeUndefined();
    expect(await pitrFinding('COMPLIANT')).toBeDefined();
    const alerts = slack.delivered().slice(before).map((p) => JSON.stringify(p.body));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatch(/dynamodb-table-pitr-enabled/);
    expect(alerts[0]).toMatch(/Regressed|Opened/);
    expect(alerts[1]).toMatch(/Resolved/);
  });

  it('answers Event 202 and DryRun 204, under the short and the deployed name', async () => {
    // Act
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-sweep', InvocationType: 'Event', Payload: encode({}) }));
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', InvocationType: 'DryRun', Payload: encode({}) }));
    // Assess
    expect(event.StatusCode).toBe(202);
    expect(dryRun.StatusCode).toBe(204);
  });

  it('runs the api function on an API Gateway HTTP API event, and reports a handler error as Unhandled', async () => {
    // Prepare
    const httpEvent = { version: '2.0', rawPath: '/findings', rawQueryString: 'severity=critical', headers: { host: 'api.example' }, requestContext: { http: { method: 'GET' } }, isBase64Encoded: false };
    // Act
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-api', Payload: encode(httpEvent) }));
    const bad = await lambda.send(new InvokeCommand({ FunctionName: 'api', Payload: encode({ not: 'an http event' }) }));
    // Assess
    const result = decode(ok.Payload) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect((JSON.parse(result.body) as { items: FindingJson[] }).items.every((f) => f.severity === 'critical')).toBe(true);
    expect(bad.StatusCode).toBe(200);
    expect(bad.FunctionError).toBe('Unhandled');
    expect(decode(bad.Payload)).toMatchObject({ errorType: expect.any(String), errorMessage: expect.any(String) });
  });

  it('invokes notify on a stream batch and counters on a reconcile request, as deployed', async () => {
    // Act
    const notify = await lambda.send(new InvokeCommand({ FunctionName: 'notify', Payload: encode({ Records: [] }) }));
    const counters = await lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-counters', Payload: encode({ reconcile: true }) }));
    const summary = (await (await fetch(`${local.ready.api}/summary`)).json()) as { open: { total: number }; stale: boolean };
    // Assess
    expect(decode(notify.Payload)).toEqual({ batchItemFailures: [] });
    expect(decode(counters.Payload)).toEqual({ outcome: 'reconciled' });
    expect(summary.open.total).toBe((await findings('limit=500')).length);
    expect(summary.stale).toBe(false);
  });

  it('answers an unknown function with ResourceNotFoundException, and a payload that is not JSON with InvalidRequestContentException', async () => {
    // Act
    const unknown: unknown = await lambda.send(new InvokeCommand({ FunctionName: 'vigil-local-nope', Payload: encode({}) })).catch((error: unknown) => error);
    const notJson: unknown = await lambda.send(new InvokeCommand({ FunctionName: 'evaluate', Payload: new TextEncoder().encode('{"detail": ') })).catch((error: unknown) => error);
    // Assess
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(notJson).toBeInstanceOf(InvalidRequestContentException);
  });

  it('keeps a malformed event for retries, then moves it to the dead-letter queue and says so', async () => {
    // Act
    const out = await invokeEvaluate({ hello: 'world' });
    const dead = await local.waitForStderr(/moved to the dead-letter queue/);
    // Assess
    expect((out.answer as { batchItemFailures: unknown[] }).batchItemFailures).toHaveLength(1);
    expect(dead).toMatch(/failed 5 receives.*"hello":"world"/);
  });

  it('stops on Ctrl-C, leaving no process behind', async () => {
    // Act
    const code = await local.interrupt();
    // Assess
    expect(code).toBe(0);
    expect(isRunning(local.ready.pid)).toBe(false);
  });
});
