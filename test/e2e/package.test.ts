/**
 * Packages the stack the way a deployment does (`osls package`, offline, dummy credentials) and
 * reads the synthesized CloudFormation template: what would actually be deployed, not what
 * serverless.yml seems to say.
 */
import { execFile, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite } from '../../local/dynalite.ts';
import { createFindingsTable } from '../../local/findings-table.ts';
import { accountSummaryCollectorIamActions } from '../../shared/adapters/collectors/account-summary.ts';
import { credentialReportCollectorIamActions } from '../../shared/adapters/collectors/credential-report.ts';
import {
  elastiCacheCacheClustersCollectorIamActions,
  elastiCacheReplicationGroupsCollectorIamActions,
} from '../../shared/adapters/collectors/elasticache.ts';
import { logGroupsCollectorIamActions } from '../../shared/adapters/collectors/log-groups.ts';
import { webAclAssociationsCollectorIamActions } from '../../shared/adapters/collectors/web-acl-associations.ts';
import { alertLedgerIamActions } from '../../shared/adapters/alert-ledger.ts';
import { configReaderIamActions } from '../../shared/adapters/config-service.ts';
import { eventBridgeSenderIamActions } from '../../shared/adapters/eventbridge-sender.ts';
import { webhookParametersIamActions, webhookSecretsIamActions } from '../../shared/adapters/secrets.ts';
import { snsSenderIamActions } from '../../shared/adapters/sns-sender.ts';
import { suppressedFindingsIamActions } from '../../shared/adapters/suppressed-findings.ts';
import { findingsStoreIamActions } from '../../shared/adapters/dynamodb-findings-store.ts';
import { findingsQueriesIamActions, suppressionWritesIamActions } from '../../shared/adapters/dynamodb-findings-queries.ts';
import { queueAgeIamActions, queueStatsIamActions } from '../../shared/adapters/dynamodb-findings-queries-health.ts';
import { HEARTBEAT_PK, heartbeatRecorderIamActions } from '../../shared/adapters/dynamodb-heartbeats.ts';
import { summaryCountersIamActions } from '../../shared/adapters/dynamodb-findings-queries-summary.ts';
import { sweepContinuationIamActions } from '../../shared/adapters/lambda-sweep-continuation.ts';
import { evaluationQueueIamActions } from '../../shared/adapters/sqs-evaluation-queue.ts';
import { LOG_GROUP_EVENTS } from '../../shared/app/evaluation-message.ts';
import { ACCOUNT, changeEvent, tableItem } from '../support/config-events.ts';
import { startLoopbackAws } from '../support/loopback-aws.ts';
import { createLoopbackQueue } from '../support/loopback-sqs.ts';
import { scanResources } from '../../shared/app/scan.ts';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import { catalog } from '../../shared/rules/index.ts';
import { configSubscriptionTypes } from '../../infra/subscriptions.ts';
import {
  CONVERTED_TYPES,
  SELF_CHECK_SCOPE,
  templateToConfigItems,
  type CloudFormationTemplate,
  type Deployment,
} from '../support/template-to-config-items.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
let outDir: string;
let template: { Resources: Record<string, { Type: string; Properties: Json; DependsOn?: Json; Condition?: string }>; Conditions?: Record<string, Json> };

const resource = (logicalId: string) => {
  const r = template.Resources[logicalId];
  if (!r) throw new Error(`template has no ${logicalId}; it has ${Object.keys(template.Resources).join(', ')}`);
  return r;
};
const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'vigil-package-'));
  // serverless-esbuild leaves a working folder per function in os.tmpdir(): keep them in outDir.
  mkdirSync(join(outDir, 'tmp'));
  await run(process.execPath, [join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'package', '--stage', 'e2e', '--package', outDir], {
    cwd: ROOT,
    // Never real credentials: packaging needs none, and these make any accidental AWS call fail.
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      TMPDIR: join(outDir, 'tmp'),
      AWS_ACCESS_KEY_ID: 'AKIAVIGILPACKAGETEST',
      AWS_SECRET_ACCESS_KEY: 'vigil-package-test-not-a-secret',
      AWS_REGION: 'eu-west-1',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  template = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('osls package', () => {
  it('bundles each function into its own small ESM artifact', () => {
    for (const name of ['evaluate', 'sweep', 'api', 'counters', 'notify', 'redeliver']) {
      const size = statSync(join(outDir, `${name}.zip`)).size;
      expect(size).toBeGreaterThan(50_000);
      expect(size).toBeLessThan(5_000_000);
    }
  });

  it('keeps every handler within the 500 KB budget of a fast cold start (issue 13)', () => {
    // `node scripts/measure-bundles.ts` shows where a bundle's bytes come from, by source.
    const sizes = Object.fromEntries(
      ['evaluate', 'sweep', 'api', 'counters', 'notify', 'redeliver'].map((name) => {
        const handler = readZip(readFileSync(join(outDir, `${name}.zip`))).get(`functions/${name}/handler.mjs`);
        return [name, handler?.length];
      }),
    );
    expect(Object.entries(sizes).filter(([, bytes]) => bytes === undefined || bytes > 500_000)).toEqual([]);
  });
});

describe('artifacts', () => {
  // What the functions read at cold start (functions/*/handler.ts); no AWS call happens on import.
  const coldStartEnv = {
    PATH: process.env['PATH'] ?? '',
    AWS_REGION: 'eu-west-1',
    AWS_LAMBDA_FUNCTION_NAME: 'vigil-e2e-sweep',
    ACCOUNT_ID: '111122223333',
    FINDINGS_TABLE_NAME: 'vigil-e2e-findings',
    EVALUATION_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/vigil-e2e-evaluation',
    RULE_PARAMS: '{}',
    POWERTOOLS_TRACE_ENABLED: 'false',
    CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:vigil-e2e-cursor-key-AbCdEf',
    ALERT_CHANNELS: '[{"id":"alerts","type":"sns","target":"default"},{"id":"ops","type":"slack","target":"vigil/slack"}]',
    ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:vigil-e2e-alerts',
  };
  const importHandler = (fn: string, env: Record<string, string>) => {
    const dir = join(outDir, 'unzipped', fn);
    for (const [name, content] of readZip(readFileSync(join(outDir, `${fn}.zip`)))) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const file = join(dir, 'functions', fn, 'handler.mjs');
    const script = `const m = await import(${JSON.stringify(file)}); console.log(typeof m.handler);`;
    // Outside the repository: the bundle must not need node_modules (the runtime has none of ours).
    return { run: () => run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env }), script, dir };
  };
  /**
   * What a failed cold start prints. Node prints the throwing source line first, and a minified
   * bundle is one line of hundreds of kilobytes: through a pipe, the tail (the error itself) can be
   * lost when the process exits, so stderr goes to a file.
   */
  const coldStartError = (fn: string, env: Record<string, string>): { status: number | null; stderr: string } => {
    const { script, dir } = importHandler(fn, env);
    const file = join(dir, 'stderr.txt');
    const fd = openSync(file, 'w');
    try {
      const { status } = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, stdio: ['ignore', 'ignore', fd] });
      return { status, stderr: readFileSync(file, 'utf8') };
    } finally {
      closeSync(fd);
    }
  };

  it.each(['evaluate', 'sweep', 'api', 'counters', 'notify', 'redeliver'])('%s loads on Node 24 from its zip alone and exports a handler', async (fn) => {
    const { stdout } = await importHandler(fn, coldStartEnv).run();
    expect(stdout.trim()).toBe('function');
  });

  it('api answers GET /rules from DynamoDB with the role credentials of its environment', async () => {
    // Prepare: the findings table on dynalite, and what Lambda puts in the environment: the
    // role's credentials, the function's name and its task root.
    const ddb = await startDynalite();
    try {
      const tableName = await createFindingsTable(new DynamoDBClient(ddb.clientConfig));
      const { dir } = importHandler('api', coldStartEnv);
      const env = {
        ...coldStartEnv,
        FINDINGS_TABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
        AWS_ACCESS_KEY_ID: 'AKIAVIGILBUNDLETEST',
        AWS_SECRET_ACCESS_KEY: 'vigil-bundle-test-not-a-secret',
        AWS_SESSION_TOKEN: 'vigil-bundle-test-session',
        AWS_LAMBDA_FUNCTION_NAME: 'vigil-e2e-api',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        LAMBDA_TASK_ROOT: dir,
      };
      const event = { rawPath: '/rules', rawQueryString: '', headers: {}, requestContext: { requestId: 'bundle-test', domainName: 'api.example', http: { method: 'GET' } } };
      const script = `const { handler } = await import(${JSON.stringify(join(dir, 'functions', 'api', 'handler.mjs'))}); console.log(JSON.stringify(await handler(${JSON.stringify(event)})));`;

      // Act
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });

      // Assess: every rule of the catalog with its open findings (read from the table).
      const response = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { statusCode?: number; body?: string };
      expect(response.statusCode, stdout.slice(0, 3000)).toBe(200);
      const { items } = JSON.parse(response.body ?? '{}') as { items: { id: string; title: string; openFindings: number }[] };
      expect(items.map(({ id, title, openFindings }) => ({ id, title, openFindings }))).toEqual(catalog.map(({ id, title }) => ({ id, title, openFindings: 0 })));
    } finally {
      await ddb.stop();
    }
  });

  it('evaluate judges a batch of Config changes from its zip alone, stores the findings, and takes a redelivery without a second write', async () => {
    // Prepare: the findings table on dynalite and the evaluation queue on loopback (for the
    // re-checks evaluate queues); every other AWS endpoint refuses connections, so an unexpected
    // call fails the batch instead of reaching AWS. Two tables, one without PITR.
    const ddb = await startDynalite();
    const queue = createLoopbackQueue();
    const sqs = await startLoopbackAws(queue.handlers);
    try {
      const client = new DynamoDBClient(ddb.clientConfig);
      const tableName = await createFindingsTable(client);
      const { dir } = importHandler('evaluate', coldStartEnv);
      const env = {
        ...coldStartEnv,
        FINDINGS_TABLE_NAME: tableName,
        EVALUATION_QUEUE_URL: `${sqs.endpoint}/${ACCOUNT}/vigil-e2e-evaluation`,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
        AWS_ACCESS_KEY_ID: 'AKIAVIGILBUNDLETEST',
        AWS_SECRET_ACCESS_KEY: 'vigil-bundle-test-not-a-secret',
        AWS_LAMBDA_FUNCTION_NAME: 'vigil-e2e-evaluate',
        LAMBDA_TASK_ROOT: dir,
      };
      const records = [tableItem({ name: 'orders', stateId: 1_764_000_000_000, pitr: true }), tableItem({ name: 'sessions', stateId: 1_764_000_000_000, pitr: false })].map((item, i) => ({
        messageId: `m-${i}`,
        receiptHandle: `r-${i}`,
        body: JSON.stringify(changeEvent(item)),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1764000000000', SenderId: 'AIDAVIGIL', ApproximateFirstReceiveTimestamp: '1764000000001' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:eu-west-1:${ACCOUNT}:vigil-e2e-evaluation`,
        awsRegion: 'eu-west-1',
      }));
      const file = join(dir, 'functions', 'evaluate', 'handler.mjs');
      // The same batch twice, as SQS redelivers it when an invocation times out.
      const script = `const { handler } = await import(${JSON.stringify(file)}); const event = ${JSON.stringify({ Records: records })};
        for (const n of [1, 2]) console.log(JSON.stringify(await handler(event, { awsRequestId: 'e2e-' + n, functionName: 'vigil-e2e-evaluate', getRemainingTimeInMillis: () => 60000 })));`;
      const items = async () => ((await client.send(new ScanCommand({ TableName: tableName }))).Items ?? []).map((item) => unmarshall(item));

      // Act
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
      const stored = await items();

      // Assess: nothing failed, each table judged by the catalog, and the redelivery wrote nothing new.
      // stdout: each invocation's metrics (CloudWatch embedded metric format), then its result.
      const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.filter((line) => 'batchItemFailures' in line), stdout.slice(0, 3000)).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
      expect(lines.filter((line) => 'ResourcesWritten' in line).map((line) => line['ResourcesWritten'])).toEqual([[1, 1], [0, 0]]);
      const pitr = stored.filter((item) => item['ruleId'] === 'dynamodb-table-pitr-enabled' && String(item['sk']).startsWith('RULE#'));
      expect(pitr.map((item) => [item['resourceId'], item['status']]).sort()).toEqual([
        ['orders', 'COMPLIANT'],
        ['sessions', 'NON_COMPLIANT'],
      ]);
      const history = stored.filter((item) => String(item['sk']).startsWith('HIST#dynamodb-table-pitr-enabled#'));
      expect(history).toHaveLength(2);
    } finally {
      await sqs.close();
      await ddb.stop();
    }
  });

  it('fails at cold start, naming the variable, when the environment is wrong', async () => {
    const { FINDINGS_TABLE_NAME: _, ...withoutTable } = coldStartEnv;
    const { status, stderr } = coldStartError('evaluate', withoutTable);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/EnvError.*FINDINGS_TABLE_NAME/s);
  });

  it('fails notify at cold start, naming the channel and field, when the channel list is wrong', async () => {
    const env = { ...coldStartEnv, ALERT_CHANNELS: '[{"id":"ops","type":"teams","target":"x"}]' };
    const { status, stderr } = coldStartError('notify', env);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/EnvError.*ALERT_CHANNELS.*channels\[0\.type\]/s);
  });
});

describe('functions', () => {
  it.each([
    ['EvaluateLambdaFunction', 'EvaluateRole', 'handler.handler'],
    ['SweepLambdaFunction', 'SweepRole', 'handler.handler'],
    ['ApiLambdaFunction', 'ApiRole', 'handler.handler'],
    ['CountersLambdaFunction', 'CountersRole', 'handler.handler'],
    ['NotifyLambdaFunction', 'NotifyRole', 'handler.handler'],
    ['RedeliverLambdaFunction', 'RedeliverRole', 'handler.handler'],
  ])('%s runs nodejs24.x on arm64 with its own role, active tracing, JSON logs and a dead-letter target', (logicalId, role, handler) => {
    const p = resource(logicalId).Properties;
    expect(p.Runtime).toBe('nodejs24.x');
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.Handler).toContain(handler);
    expect(p.Role).toEqual(getAtt(role, 'Arn'));
    expect(p.TracingConfig).toEqual({ Mode: 'Active' });
    expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    expect(p.DeadLetterConfig).toEqual({ TargetArn: getAtt('AsyncFailureQueue', 'Arn') });
    expect(p.KmsKeyArn).toEqual(getAtt('VigilKey', 'Arn'));
    expect(p.Environment.Variables).toMatchObject({ NODE_ENV: 'production', RULE_PARAMS: '{}' });
  });

  it('gives every function a log group kept at least 14 days (Vigil passes its own logs-log-group-retention-set)', () => {
    for (const logicalId of ['EvaluateLogGroup', 'SweepLogGroup', 'ApiLogGroup', 'ApiAccessLogGroup', 'CountersLogGroup', 'NotifyLogGroup', 'RedeliverLogGroup']) {
      expect(resource(logicalId).Properties.RetentionInDays).toBeGreaterThanOrEqual(14);
    }
  });

  it('feeds evaluate from the evaluation queue in batches, reporting per-message failures', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(getAtt('EvaluationQueue', 'Arn')));
    const [mapping, ...others] = mappings;
    expect(others).toHaveLength(0);
    expect(mapping?.[1].Properties).toMatchObject({
      EventSourceArn: getAtt('EvaluationQueue', 'Arn'),
      FunctionName: getAtt('EvaluateLambdaFunction', 'Arn'),
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });
});

describe('alerts', () => {
  it('feeds notify from the findings stream, finding items only, bisecting failed batches, retrying at most 5 times, then the on-failure destination', () => {
    const [mapping, ...others] = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName).includes('Notify'));
    expect(others).toHaveLength(0);
    const p = mapping?.[1].Properties;
    expect(p).toMatchObject({
      EventSourceArn: getAtt('FindingsTable', 'StreamArn'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: getAtt('AsyncFailureQueue', 'Arn') } },
    });
    expect(p.MaximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(p.MaximumRetryAttempts).toBeLessThanOrEqual(5);
    const [filter] = p.FilterCriteria.Filters;
    const pattern = JSON.parse(filter.Pattern);
    const record = (sk: string) => ({ dynamodb: { Keys: { pk: { S: 'RES#1#r#T#x' }, sk: { S: sk } } } });
    expect(matches(pattern, record('RULE#s3-bucket-versioning-enabled'))).toBe(true);
    for (const sk of ['META', 'HIST#2026-12-01T00:00:00.000Z#r#1', 'SUP#abc', 'ALERT']) expect(matches(pattern, record(sk)), sk).toBe(false);
  });

  it('feeds counters from the findings stream, finding items only: its own markers and the heartbeats never invoke it', () => {
    const [mapping, ...others] = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName).includes('Counters'));
    expect(others).toHaveLength(0);
    const p = mapping?.[1].Properties;
    expect(p.EventSourceArn).toEqual(getAtt('FindingsTable', 'StreamArn'));
    const [filter, ...more] = p.FilterCriteria.Filters;
    expect(more).toHaveLength(0);
    const pattern = JSON.parse(filter.Pattern);
    const record = (pk: string, sk: string) => ({ dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } } } });
    expect(matches(pattern, record('RES#1#r#T#x', 'RULE#s3-bucket-versioning-enabled'))).toBe(true);
    for (const [pk, sk] of [['SUMMARY', 'BATCH#1-2'], ['SUMMARY', 'COUNTS'], [HEARTBEAT_PK, 'alert'], ['RES#1#r#T#x', 'META'], ['ALERT#a', 'ALERT']] as const) expect(matches(pattern, record(pk, sk)), `${pk} ${sk}`).toBe(false);
  });

  it('drains the ledger every 5 minutes and sends the expiring-suppressions digest weekly, through Scheduler with a dead-letter queue', () => {
    for (const [id, input] of [['RedeliverSchedule', '{"kind":"redeliver"}'], ['ExpiringSuppressionsSchedule', '{"kind":"expiring-suppressions"}']] as const) {
      expect(resource(id).Properties.Target).toMatchObject({ Arn: getAtt('RedeliverLambdaFunction', 'Arn'), RoleArn: getAtt('RedeliverScheduleRole', 'Arn'), Input: input, DeadLetterConfig: { Arn: getAtt('AsyncFailureQueue', 'Arn') } });
    }
    expect(resource('RedeliverSchedule').Properties.ScheduleExpression).toBe('rate(5 minutes)');
  });

  it('encrypts the alerts topic with the stack key, and alarms on permanently failed alerts', () => {
    expect(resource('AlertsTopic').Properties.KmsMasterKeyId).toEqual({ Ref: 'VigilKey' });
    const notifyEnv = resource('NotifyLambdaFunction').Properties.Environment.Variables;
    expect(resource('AlertsFailedAlarm').Properties).toMatchObject({ Namespace: notifyEnv.POWERTOOLS_METRICS_NAMESPACE, MetricName: 'AlertsFailed', Dimensions: [{ Name: 'service', Value: notifyEnv.POWERTOOLS_SERVICE_NAME }] });
    const redeliverEnv = resource('RedeliverLambdaFunction').Properties.Environment.Variables;
    expect(resource('AlertsFailedRedeliverAlarm').Properties).toMatchObject({ MetricName: 'AlertsFailed', Dimensions: [{ Name: 'service', Value: redeliverEnv.POWERTOOLS_SERVICE_NAME }] });
  });

  it('keeps Slack webhooks out of the environment: channels name secrets, validated at package time', () => {
    const channels = JSON.parse(resource('NotifyLambdaFunction').Properties.Environment.Variables.ALERT_CHANNELS);
    expect(channels).toEqual([
      { id: 'alerts', type: 'sns', target: 'default', minSeverity: 'high' },
      { id: 'events', type: 'eventbridge', target: 'default', minSeverity: 'informational' },
    ]);
    expect(JSON.stringify(template.Resources)).not.toContain('hooks.slack.com');
  });
});

describe('ingestion', () => {
  const normalEvent = (resourceType: string) => ({
    source: 'aws.config',
    'detail-type': 'Config Configuration Item Change',
    detail: { messageType: 'ConfigurationItemChangeNotification', configurationItem: { resourceType } },
  });
  const oversizedEvent = (resourceType: string) => ({
    source: 'aws.config',
    'detail-type': 'Config Configuration Item Change',
    detail: { messageType: 'OversizedConfigurationItemChangeNotification', configurationItemSummary: { resourceType } },
  });
  const cloudTrailEvent = (eventName: string, errorCode?: string) => ({
    source: 'aws.logs',
    'detail-type': 'AWS API Call via CloudTrail',
    detail: { eventSource: 'logs.amazonaws.com', eventName, ...(errorCode ? { errorCode } : {}) },
  });
  const matchingRules = (event: object) =>
    ofType('AWS::Events::Rule')
      .filter(([, rule]) => matches(rule.Properties.EventPattern, event))
      .map(([id]) => id);

  it('subscribes both Config message types, each at its own resource-type path, for every type the catalog needs', () => {
    const types = configSubscriptionTypes(catalog);
    expect(types).toContain('AWS::DynamoDB::Table');
    expect(resource('ConfigItemChangeRule').Properties.EventPattern.detail.configurationItem.resourceType).toEqual(types);
    expect(resource('OversizedConfigItemChangeRule').Properties.EventPattern.detail.configurationItemSummary.resourceType).toEqual(types);
    for (const type of types) {
      expect(matchingRules(normalEvent(type))).toEqual(['ConfigItemChangeRule']);
      expect(matchingRules(oversizedEvent(type))).toEqual(['OversizedConfigItemChangeRule']);
    }
  });

  it('ignores changes of types no rule reads, and types Config does not record', () => {
    expect(matchingRules(normalEvent('AWS::SSM::ManagedInstanceInventory'))).toEqual([]);
    expect(matchingRules(oversizedEvent('AWS::SSM::ManagedInstanceInventory'))).toEqual([]);
    expect(configSubscriptionTypes(catalog)).not.toContain('AWS::Logs::LogGroup');
    expect(configSubscriptionTypes(catalog)).not.toContain('AWS::::Account');
  });

  it('subscribes the log-group CloudTrail calls, except refused ones', () => {
    expect(resource('LogGroupApiCallRule').Properties.EventPattern.detail.eventName).toEqual([...LOG_GROUP_EVENTS]);
    for (const name of LOG_GROUP_EVENTS) {
      expect(matchingRules(cloudTrailEvent(name))).toEqual(['LogGroupApiCallRule']);
    }
    expect(matchingRules(cloudTrailEvent('PutRetentionPolicy', 'AccessDenied'))).toEqual([]);
    expect(matchingRules(cloudTrailEvent('CreateLogStream'))).toEqual([]);
  });

  it('keeps every event pattern within EventBridge default 2,048-character quota', () => {
    for (const [id, rule] of ofType('AWS::Events::Rule')) {
      expect(JSON.stringify(rule.Properties.EventPattern).length, id).toBeLessThanOrEqual(2048);
    }
  });

  it('targets the one evaluation queue, with retries and a dead-letter queue, from every rule', () => {
    const rules = ofType('AWS::Events::Rule');
    expect(rules.map(([id]) => id).sort()).toEqual(['ConfigItemChangeRule', 'LogGroupApiCallRule', 'OversizedConfigItemChangeRule']);
    for (const [, rule] of rules) {
      expect(rule.Properties.Targets).toEqual([
        {
          Id: 'evaluation-queue',
          Arn: getAtt('EvaluationQueue', 'Arn'),
          DeadLetterConfig: { Arn: getAtt('EvaluationDeadLetterQueue', 'Arn') },
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
        },
      ]);
    }
  });

  it('encrypts the queue and redrives it to an encrypted DLQ that outlives its messages', () => {
    const queue = resource('EvaluationQueue').Properties;
    const dlq = resource('EvaluationDeadLetterQueue').Properties;
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt('EvaluationDeadLetterQueue', 'Arn'), maxReceiveCount: 5 });
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(dlq.SqsManagedSseEnabled).toBe(true);
    expect(resource('AsyncFailureQueue').Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.MessageRetentionPeriod).toBeGreaterThan(queue.MessageRetentionPeriod);
    // AWS: at least six times the function timeout for a Lambda event source.
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * resource('EvaluateLambdaFunction').Properties.Timeout);
  });

  it('lets only Vigil rules send to the queue and its DLQ through the queue policy', () => {
    const policy = resource('EvaluationQueuePolicy').Properties;
    expect(policy.Queues).toEqual([{ Ref: 'EvaluationQueue' }, { Ref: 'EvaluationDeadLetterQueue' }]);
    const [statement, ...others] = policy.PolicyDocument.Statement;
    expect(others).toHaveLength(0);
    expect(statement).toMatchObject({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' });
    expect(statement.Condition.ArnEquals['aws:SourceArn']).toEqual(
      ['ConfigItemChangeRule', 'OversizedConfigItemChangeRule', 'LogGroupApiCallRule'].map((id) => getAtt(id, 'Arn')),
    );
  });
});

describe('findings table', () => {
  it('is on demand, with PITR, KMS encryption, a NEW_AND_OLD_IMAGES stream and TTL', () => {
    const p = resource('FindingsTable').Properties;
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    expect(p.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(p.TimeToLiveSpecification).toMatchObject({ Enabled: true });
    expect(p.TableName).toBe('vigil-e2e-findings');
  });
});

describe('sweep schedule', () => {
  it('runs the sweep daily through EventBridge Scheduler with its own role and a dead-letter queue', () => {
    const p = resource('SweepSchedule').Properties;
    expect(resource('SweepSchedule').Type).toBe('AWS::Scheduler::Schedule');
    expect(p.ScheduleExpression).toBe('rate(1 day)');
    expect(p.Target).toMatchObject({
      Arn: getAtt('SweepLambdaFunction', 'Arn'),
      RoleArn: getAtt('SweepScheduleRole', 'Arn'),
      DeadLetterConfig: { Arn: getAtt('AsyncFailureQueue', 'Arn') },
    });
  });

  it('runs the sweep after every deployment through a custom resource whose properties change each time', () => {
    const sweep = resource('InitialSweep');
    expect(sweep.Properties.ServiceToken).toEqual(getAtt('SweepLambdaFunction', 'Arn'));
    expect(sweep.Properties.Deployment).toMatch(/\S{8,}/);
    expect(asList(sweep.DependsOn)).toContain('EvaluateEventSourceMappingSQSEvaluationQueue');
  });
});

describe('IAM', () => {
  const lambdaRuntime = { logs: ['logs:CreateLogStream', 'logs:PutLogEvents'], xray: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] };
  const eventSourcePoll = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
  const streamPoll = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
  const sub = (arn: string) => ({ 'Fn::Sub': arn });
  const inAccount = (service: string, resource: string) => sub(`arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
  const table = [getAtt('FindingsTable', 'Arn'), sub('${FindingsTable.Arn}/index/*')];
  const withoutDetector = accountSummaryCollectorIamActions.filter((a) => a !== 'guardduty:GetDetector');
  const heartbeat = { actions: heartbeatRecorderIamActions, resources: [getAtt('FindingsTable', 'Arn')] };
  // The default channels (serverless.yml alertChannels): the stack's topic and the default bus; no Slack secret.
  const alertChannelGrants = {
    AlertTopics: { actions: snsSenderIamActions, resources: [{ Ref: 'AlertsTopic' }] },
    AlertTopicKey: { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [getAtt('VigilKey', 'Arn')] },
    AlertBuses: { actions: eventBridgeSenderIamActions, resources: [inAccount('events', 'event-bus/default')] },
    WebhookSecrets: { actions: webhookSecretsIamActions, resources: [inAccount('secretsmanager', 'secret:vigil-no-such-channel')] },
    WebhookParameters: { actions: webhookParametersIamActions, resources: [inAccount('ssm', 'parameter/vigil-no-such-channel')] },
  };

  // Per role, per statement: the actions (the adapters' own declarations wherever an adapter
  // calls them) and the resources they are scoped to.
  const lambdaBase = (fn: string) => ({
    OwnLogGroup: { actions: lambdaRuntime.logs, resources: [getAtt(`${fn}LogGroup`, 'Arn')] },
    Tracing: { actions: lambdaRuntime.xray, resources: ['*'] },
    EnvironmentKey: { actions: ['kms:Decrypt'], resources: [getAtt('VigilKey', 'Arn')] },
    DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
    EvaluationQueue: { actions: evaluationQueueIamActions, resources: [getAtt('EvaluationQueue', 'Arn')] },
    FindingsStore: { actions: findingsStoreIamActions, resources: table },
    ConfigReader: { actions: configReaderIamActions, resources: ['*'] },
    LogGroupsCollector: { actions: logGroupsCollectorIamActions, resources: [inAccount('logs', 'log-group:*')] },
  });
  const expected: Record<string, Record<string, { actions: readonly string[]; resources: unknown[] }>> = {
    EvaluateRole: {
      ...lambdaBase('Evaluate'),
      EventSourcePoll: { actions: eventSourcePoll, resources: [getAtt('EvaluationQueue', 'Arn')] },
    },
    SweepRole: {
      ...lambdaBase('Sweep'),
      ElastiCacheReplicationGroupsCollector: {
        actions: elastiCacheReplicationGroupsCollectorIamActions,
        resources: [inAccount('elasticache', 'replicationgroup:*')],
      },
      ElastiCacheCacheClustersCollector: {
        actions: elastiCacheCacheClustersCollectorIamActions,
        resources: [inAccount('elasticache', 'cluster:*')],
      },
      WebAclAssociationsCollector: {
        actions: webAclAssociationsCollectorIamActions,
        resources: [
          inAccount('wafv2', 'regional/webacl/*/*'),
          inAccount('elasticloadbalancing', 'loadbalancer/app/*/*'),
          sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/*/stages/*'),
        ],
      },
      AccountSummaryCollector: { actions: withoutDetector, resources: ['*'] },
      AccountSummaryCollectorDetectors: { actions: ['guardduty:GetDetector'], resources: [inAccount('guardduty', 'detector/*')] },
      CredentialReportCollector: { actions: credentialReportCollectorIamActions, resources: ['*'] },
      SweepContinuation: { actions: sweepContinuationIamActions, resources: [inAccount('lambda', 'function:vigil-e2e-sweep')] },
      Heartbeat: heartbeat,
    },
    ApiRole: {
      OwnLogGroup: { actions: lambdaRuntime.logs, resources: [getAtt('ApiLogGroup', 'Arn')] },
      Tracing: { actions: lambdaRuntime.xray, resources: ['*'] },
      EnvironmentKey: { actions: ['kms:Decrypt'], resources: [getAtt('VigilKey', 'Arn')] },
      DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
      EvaluationQueue: { actions: [...evaluationQueueIamActions, ...queueStatsIamActions], resources: [getAtt('EvaluationQueue', 'Arn')] },
      FindingsQueries: { actions: findingsQueriesIamActions, resources: table },
      Suppressions: { actions: suppressionWritesIamActions, resources: [getAtt('FindingsTable', 'Arn')] },
      CursorKey: { actions: ['secretsmanager:GetSecretValue'], resources: [{ Ref: 'CursorSigningKey' }] },
      QueueAge: { actions: queueAgeIamActions, resources: ['*'] },
    },
    CountersRole: {
      OwnLogGroup: { actions: lambdaRuntime.logs, resources: [getAtt('CountersLogGroup', 'Arn')] },
      Tracing: { actions: lambdaRuntime.xray, resources: ['*'] },
      EnvironmentKey: { actions: ['kms:Decrypt'], resources: [getAtt('VigilKey', 'Arn')] },
      DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
      EventSourcePoll: { actions: streamPoll, resources: [getAtt('FindingsTable', 'StreamArn')] },
      SummaryCounters: { actions: summaryCountersIamActions, resources: table },
    },
    NotifyRole: {
      OwnLogGroup: { actions: lambdaRuntime.logs, resources: [getAtt('NotifyLogGroup', 'Arn')] },
      Tracing: { actions: lambdaRuntime.xray, resources: ['*'] },
      EnvironmentKey: { actions: ['kms:Decrypt'], resources: [getAtt('VigilKey', 'Arn')] },
      DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
      StreamPoll: { actions: streamPoll, resources: [getAtt('FindingsTable', 'StreamArn')] },
      AlertLedger: { actions: alertLedgerIamActions, resources: table },
      Heartbeat: heartbeat,
      ...alertChannelGrants,
    },
    RedeliverRole: {
      OwnLogGroup: { actions: lambdaRuntime.logs, resources: [getAtt('RedeliverLogGroup', 'Arn')] },
      Tracing: { actions: lambdaRuntime.xray, resources: ['*'] },
      EnvironmentKey: { actions: ['kms:Decrypt'], resources: [getAtt('VigilKey', 'Arn')] },
      DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
      AlertLedger: { actions: alertLedgerIamActions, resources: table },
      Heartbeat: heartbeat,
      EvaluationQueue: { actions: evaluationQueueIamActions, resources: [getAtt('EvaluationQueue', 'Arn')] },
      ...alertChannelGrants,
    },
    RedeliverScheduleRole: {
      InvokeRedeliver: { actions: ['lambda:InvokeFunction'], resources: [getAtt('RedeliverLambdaFunction', 'Arn')] },
      DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
    },
    SweepScheduleRole: {
      InvokeSweep: { actions: ['lambda:InvokeFunction'], resources: [getAtt('SweepLambdaFunction', 'Arn')] },
      DeadLetters: { actions: ['sqs:SendMessage'], resources: [getAtt('AsyncFailureQueue', 'Arn')] },
    },
  };
  // What the Lambda platform itself calls with a function's role (logs, X-Ray, the dead-letter
  // target, the environment key, the SQS poller): the only actions no adapter declares.
  const platform = [...lambdaRuntime.logs, ...lambdaRuntime.xray, 'kms:Decrypt', 'sqs:SendMessage'];
  const declared: Record<string, readonly string[]> = {
    EvaluateRole: [...platform, ...eventSourcePoll, ...configReaderIamActions, ...findingsStoreIamActions, ...evaluationQueueIamActions, ...logGroupsCollectorIamActions],
    NotifyRole: [...platform, ...streamPoll, ...alertLedgerIamActions, ...heartbeatRecorderIamActions, ...snsSenderIamActions, 'kms:GenerateDataKey', ...eventBridgeSenderIamActions, ...webhookSecretsIamActions, ...webhookParametersIamActions],
    RedeliverRole: [...platform, ...alertLedgerIamActions, ...heartbeatRecorderIamActions, ...suppressedFindingsIamActions, ...evaluationQueueIamActions, ...snsSenderIamActions, 'kms:GenerateDataKey', ...eventBridgeSenderIamActions, ...webhookSecretsIamActions, ...webhookParametersIamActions],
    SweepRole: [
      ...platform,
      ...configReaderIamActions,
      ...findingsStoreIamActions,
      ...evaluationQueueIamActions,
      ...logGroupsCollectorIamActions,
      ...elastiCacheReplicationGroupsCollectorIamActions,
      ...elastiCacheCacheClustersCollectorIamActions,
      ...webAclAssociationsCollectorIamActions,
      ...accountSummaryCollectorIamActions,
      ...credentialReportCollectorIamActions,
      ...sweepContinuationIamActions,
      ...heartbeatRecorderIamActions,
    ],
    CountersRole: [...platform, ...streamPoll, ...summaryCountersIamActions],
    ApiRole: [...platform, ...evaluationQueueIamActions, ...queueStatsIamActions, ...findingsQueriesIamActions, ...suppressionWritesIamActions, ...queueAgeIamActions, 'secretsmanager:GetSecretValue'],
  };

  const statementsOf = (roleId: string) =>
    (resource(roleId).Properties.Policies as Json[]).flatMap((policy) => policy.PolicyDocument.Statement as Json[]);
  const sorted = (list: readonly string[]) => [...new Set(list)].sort();

  it('has exactly one role per function and one for the schedule, and no shared default role', () => {
    expect(ofType('AWS::IAM::Role').map(([id]) => id).sort()).toEqual(Object.keys(expected).sort());
    expect(template.Resources['IamRoleLambdaExecution']).toBeUndefined();
  });

  it.each(Object.keys(declared))('%s grants exactly what its adapters declare, plus the Lambda platform', (roleId) => {
    expect(sorted(statementsOf(roleId).flatMap((s) => asList(s.Action)))).toEqual(sorted(declared[roleId] ?? []));
  });

  it.each(Object.keys(expected))('%s scopes each statement to its own resources', (roleId) => {
    const statements = statementsOf(roleId);
    const actual = Object.fromEntries(statements.map((s) => [s.Sid, { actions: sorted(asList(s.Action)), resources: asList(s.Resource) }]));
    const wanted = Object.fromEntries(Object.entries(expected[roleId] ?? {}).map(([sid, e]) => [sid, { actions: sorted(e.actions), resources: e.resources }]));
    expect(actual).toEqual(wanted);
    expect(statements.every((s) => s.Effect === 'Allow' && !s.NotAction && !s.NotResource)).toBe(true);
  });

  it.each(['SweepRole', 'NotifyRole', 'RedeliverRole'])('%s writes heartbeats in their own partition only', (roleId) => {
    const [statement, ...others] = statementsOf(roleId).filter((s) => s.Sid === 'Heartbeat');
    expect(others).toHaveLength(0);
    expect(statement.Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [HEARTBEAT_PK] } });
  });

  it('uses Resource "*" only for actions without resource-level permissions', () => {
    const allowedOnStar = new Set([...lambdaRuntime.xray, ...configReaderIamActions, ...withoutDetector, ...credentialReportCollectorIamActions, ...queueAgeIamActions]);
    for (const roleId of Object.keys(expected)) {
      for (const s of statementsOf(roleId)) {
        if (asList(s.Resource).includes('*')) expect(asList(s.Action).every((a: string) => allowedOnStar.has(a)), `${roleId} ${s.Sid}`).toBe(true);
      }
    }
  });

  it('allows no wildcard action anywhere in the template (roles, queue policies, key policy)', () => {
    const allowed: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        const statement = node as Json;
        // Deny statements only take away (osls's deployment bucket policy denies s3:* without TLS).
        if (statement.Effect === 'Allow') allowed.push(...asList<string>(statement.Action ?? []), ...asList<string>(statement.NotAction ?? []));
        Object.values(node).forEach(visit);
      }
    };
    visit(template.Resources);
    expect(allowed.length).toBeGreaterThan(30);
    expect(allowed.filter((a) => a.includes('*'))).toEqual([]);
  });
});

describe('alarms', () => {
  it('alarm on dead letters, backlog age and function errors, each notifying the operations topic', () => {
    const alarms = Object.fromEntries(ofType('AWS::CloudWatch::Alarm').map(([id, r]) => [id, r.Properties]));
    expect(Object.keys(alarms).sort()).toEqual([
      'AlertsFailedAlarm',
      'AlertsFailedRedeliverAlarm',
      'ApiErrorsAlarm',
      'AsyncFailureAlarm',
      'CountersErrorsAlarm',
      'EvaluateErrorsAlarm',
      'EvaluationBacklogAlarm',
      'EvaluationDeadLetterAlarm',
      'NotifyErrorsAlarm',
      'RedeliverErrorsAlarm',
      'SweepErrorsAlarm',
      'SweepUnitFailuresAlarm',
    ]);
    for (const alarm of Object.values(alarms)) expect(alarm.AlarmActions).toEqual([{ Ref: 'OpsAlarmTopic' }]);
    expect(alarms['EvaluationDeadLetterAlarm']).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt('EvaluationDeadLetterQueue', 'QueueName') }],
      Threshold: 1,
    });
    expect(alarms['EvaluationBacklogAlarm']).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: getAtt('EvaluationQueue', 'QueueName') }],
    });
    for (const [alarm, fn] of [['EvaluateErrorsAlarm', 'EvaluateLambdaFunction'], ['SweepErrorsAlarm', 'SweepLambdaFunction'], ['ApiErrorsAlarm', 'ApiLambdaFunction'], ['CountersErrorsAlarm', 'CountersLambdaFunction']] as const) {
      expect(alarms[alarm]).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }] });
    }
    // The custom metric's namespace and service dimension are what Powertools emits from the sweep.
    const sweepEnv = resource('SweepLambdaFunction').Properties.Environment.Variables;
    expect(alarms['SweepUnitFailuresAlarm']).toMatchObject({
      Namespace: sweepEnv.POWERTOOLS_METRICS_NAMESPACE,
      MetricName: 'SweepUnitFailures',
      Dimensions: [{ Name: 'service', Value: sweepEnv.POWERTOOLS_SERVICE_NAME }],
    });
  });

  it('encrypts the operations topic with a rotating customer managed key CloudWatch may use', () => {
    expect(resource('OpsAlarmTopic').Properties.KmsMasterKeyId).toEqual({ Ref: 'VigilKey' });
    const key = resource('VigilKey').Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' } }));
  });
});

describe('Vigil passes its own rules (DESIGN §8)', () => {
  // The gaps Vigil accepts in its own stack (docs/operations.md "Vigil flags itself"), by rule and
  // logical id, each with the reason it stays. Any other NON_COMPLIANT or ERROR evaluation fails
  // the test, and so does an entry that no longer matches one: fix the stack, or explain the gap.
  const ACCEPTED_GAPS: readonly (readonly [ruleId: string, logicalId: string, why: string])[] = [
    [
      'sns-topic-has-subscription',
      'OpsAlarmTopic',
      'alarmEmail is empty by default: who gets paged is chosen at deploy time (--param alarmEmail=…, or a subscription to the OpsAlarmTopicArn output).',
    ],
    // Not a gap any more: the template holds no AWS Backup selection, and a stack is not a whole
    // account, so dynamodb-table-in-backup-plan says it cannot judge (enrolling the table in AWS
    // Backup is the account's backup policy, not the stack's; PITR and deletion protection guard it).
    [
      'dynamodb-table-multi-region',
      'FindingsTable',
      "One stack per account and region, watching that region: a replica elsewhere would outlive the region it describes, and a sweep rebuilds the findings from Config.",
    ],
    [
      'sqs-queue-has-dead-letter-queue',
      'AsyncFailureQueue',
      'It is the dead-letter target of both functions and the sweep schedule, which the rule does not recognize (it knows SQS redrive only); AsyncFailureAlarm fires on its first message.',
    ],
    [
      's3-bucket-logging-enabled',
      'ServerlessDeploymentBucket',
      "osls's deployment bucket holds only artifacts each deployment uploads again; access logs would need a second bucket to protect nothing.",
    ],
    [
      'secretsmanager-secret-rotation-enabled',
      'CursorSigningKey',
      'It only signs pagination cursors, which expire after 24 hours; a new value (put-secret-value) invalidates open cursors and nothing else, so a rotation Lambda would add a function to protect nothing.',
    ],
    [
      'secretsmanager-secret-rotated-recently',
      'CursorSigningKey',
      'Same key: never rotated on a schedule, for the reason above (docs/operations.md "Findings API").',
    ],
    [
      's3-bucket-replication-enabled',
      'ServerlessDeploymentBucket',
      'Same artifacts: a deployment from the repository recreates them, so a cross-region copy is not worth a second bucket and a replication role.',
    ],
  ];
  const NOW = new Date('2026-06-01T00:00:00Z');
  let deployment: Deployment;

  beforeAll(() => {
    // What osls passes to CloudFormation as stack tags, which CloudFormation copies onto every resource.
    const { service } = JSON.parse(readFileSync(join(outDir, 'serverless-state.json'), 'utf8'));
    deployment = { ...SELF_CHECK_SCOPE, stackName: `${service.service}-${service.provider.stage}`, stackTags: service.provider.stackTags };
  });

  /** "<status> <rule id> <logical id>" of every NON_COMPLIANT or ERROR evaluation of the stack's resources. */
  const gaps = (t: CloudFormationTemplate, d: Deployment = deployment): string[] => {
    const converted = templateToConfigItems(t, d);
    const resources = converted.map(({ item }) => normalizeConfigurationItem(item));
    const logicalIds = new Map(resources.map((r, i) => [`${r.resourceType} ${r.resourceId}`, converted[i]?.logicalId]));
    // Evaluations without a logical id are of the account pseudo-resources scanResources adds
    // (CloudTrail, GuardDuty, account-level Block Public Access): the account's, not the stack's.
    return scanResources(resources, catalog, { now: NOW })
      .evaluations.filter((e) => e.status === 'NON_COMPLIANT' || e.status === 'ERROR')
      .flatMap((e) => {
        const logicalId = logicalIds.get(`${e.resourceType} ${e.resourceId}`);
        return logicalId ? [`${e.status} ${e.ruleId} ${logicalId}`] : [];
      })
      .sort();
  };

  it('converts every resource type of the stack that a rule reads', () => {
    const read = new Set(catalog.flatMap((rule) => rule.resourceTypes));
    const types = new Set(Object.values(template.Resources).map((r) => r.Type));
    expect([...types].filter((type) => read.has(type) && !CONVERTED_TYPES.includes(type))).toEqual([]);
    expect(templateToConfigItems(template, deployment).map((c) => c.logicalId)).toEqual(
      expect.arrayContaining(['FindingsTable', 'EvaluationQueue', 'EvaluateLambdaFunction', 'SweepLogGroup', 'OpsAlarmTopic', 'VigilKey', 'SweepErrorsAlarm']),
    );
  });

  it('has no NON_COMPLIANT or ERROR evaluation beyond the accepted gaps', () => {
    expect(gaps(template)).toEqual(ACCEPTED_GAPS.map(([ruleId, logicalId]) => `NON_COMPLIANT ${ruleId} ${logicalId}`).sort());
  });

  // Each removes one setting DESIGN §8 promises, in the template, and expects the finding it must cause.
  const regressions: [string, string, (t: Json, d: Json) => void][] = [
    ['the findings table without PITR', 'dynamodb-table-pitr-enabled FindingsTable', (t) => delete t.Resources.FindingsTable.Properties.PointInTimeRecoverySpecification],
    ['the evaluation queue without its redrive policy', 'sqs-queue-has-dead-letter-queue EvaluationQueue', (t) => delete t.Resources.EvaluationQueue.Properties.RedrivePolicy],
    ['the dead-letter queue unencrypted', 'sqs-queue-encrypted EvaluationDeadLetterQueue', (t) => delete t.Resources.EvaluationDeadLetterQueue.Properties.SqsManagedSseEnabled],
    ['a log group without retention', 'logs-log-group-retention-set SweepLogGroup', (t) => delete t.Resources.SweepLogGroup.Properties.RetentionInDays],
    ['no alarm on the evaluate function errors', 'lambda-function-error-alarm EvaluateLambdaFunction', (t) => delete t.Resources.EvaluateErrorsAlarm],
    ['the sweep without tracing', 'lambda-function-tracing-enabled SweepLambdaFunction', (t) => delete t.Resources.SweepLambdaFunction.Properties.TracingConfig],
    ['the sweep logging text', 'lambda-function-json-logs SweepLambdaFunction', (t) => delete t.Resources.SweepLambdaFunction.Properties.LoggingConfig],
    ['the key without rotation', 'kms-key-rotation-enabled VigilKey', (t) => (t.Resources.VigilKey.Properties.EnableKeyRotation = false)],
    [
      'a permission letting anyone invoke evaluate',
      'lambda-function-not-public EvaluateLambdaFunction',
      (t) => (t.Resources.AnyoneInvokes = { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { Ref: 'EvaluateLambdaFunction' }, Action: 'lambda:InvokeFunction', Principal: '*' } }),
    ],
    ['no Owner stack tag', 'resource-required-tags FindingsTable', (_, d) => delete d.stackTags.Owner],
  ];

  it.each(regressions)('fails on a new gap: %s', (_, gap, mutate) => {
    const [t, d] = [structuredClone(template), structuredClone(deployment)];
    mutate(t, d);
    expect(gaps(t, d)).toContain(`NON_COMPLIANT ${gap}`);
  });

  it('closes the subscription gap once alarmEmail is set', () => {
    const t = structuredClone(template);
    t.Conditions = { ...t.Conditions, HasAlarmEmail: { 'Fn::Not': [{ 'Fn::Equals': ['oncall@example.com', ''] }] } };
    expect(gaps(t)).not.toContain('NON_COMPLIANT sns-topic-has-subscription OpsAlarmTopic');
    expect(gaps(t)).toHaveLength(ACCEPTED_GAPS.length - 1);
  });
});

/** The files of a zip archive (central directory sizes, so data descriptors do not matter). */
function readZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let entry = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(entry + 10);
    const size = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const local = zip.readUInt32LE(entry + 42);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return files;
}

/**
 * EventBridge pattern matching for the subset Vigil's patterns use: arrays of exact string values
 * and `{ exists: false }`, nested objects. Enough to check that a real event shape reaches
 * exactly one rule.
 */
function matches(pattern: Json, event: Json): boolean {
  return Object.entries(pattern).every(([key, condition]) => {
    const value = event?.[key];
    if (Array.isArray(condition)) {
      return condition.some((c) => {
        if (typeof c === 'object' && c !== null && 'exists' in c) return (value !== undefined) === c.exists;
        if (typeof c === 'object' && c !== null && 'prefix' in c) return typeof value === 'string' && value.startsWith(c.prefix);
        return value === c;
      });
    }
    return typeof value === 'object' && value !== null && matches(condition, value);
  });
}

describe('findings API', () => {
  it('keeps the summary counters from the findings stream, retrying a failed batch whole, then dead-lettering its metadata', () => {
    // Two readers of the stream, counters and notify: DynamoDB Streams serves two per shard without throttling.
    const readers = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(getAtt('FindingsTable', 'StreamArn')));
    expect(readers.map(([, m]) => m.Properties.FunctionName['Fn::GetAtt'][0]).sort()).toEqual(['CountersLambdaFunction', 'NotifyLambdaFunction']);
    const mapping = readers.find(([, m]) => m.Properties.FunctionName['Fn::GetAtt'][0] === 'CountersLambdaFunction');
    expect(mapping?.[1].Properties).toMatchObject({
      FunctionName: getAtt('CountersLambdaFunction', 'Arn'),
      MaximumRetryAttempts: 10,
      BisectBatchOnFunctionError: false,
      DestinationConfig: { OnFailure: { Destination: getAtt('AsyncFailureQueue', 'Arn') } },
    });
  });

  const routeKeys = () =>
    ofType('AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties.RouteKey as string)
      .sort();

  it('declares exactly the routes the api function serves, plus $default for its 404 and 405 problems', async () => {
    const { createApi } = await import('../../shared/app/api/create-api.ts');
    // Only the route table is read: no request is made, so the ports can be left out.
    const api = createApi({ catalog: [], params: new Map(), home: { accountId: '111122223333', region: 'eu-west-1' } } as never);
    const served = Object.entries(api.openApiDocument['paths'] as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routeKeys()).toEqual([...served, '$default'].sort());
  });

  it('authorizes every route with AWS_IAM unless the stage names a JWT issuer, and throttles the stage', () => {
    for (const [id, route] of ofType('AWS::ApiGatewayV2::Route')) {
      expect(route.Properties.AuthorizationType, id).toEqual({ 'Fn::If': ['ApiUsesJwt', 'JWT', 'AWS_IAM'] });
    }
    expect(template.Conditions?.['ApiUsesJwt']).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
    expect(resource('HttpApiStage').Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(resource('ApiInvokePermission').Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com', FunctionName: getAtt('ApiLambdaFunction', 'Arn') });
  });

  it('ships VigilReadOnly (GET routes only) and VigilOperator (adds suppressions and evaluations), named in the outputs', () => {
    const invoked = (id: string) =>
      (resource(id).Properties.PolicyDocument.Statement as Json[]).flatMap((st) => {
        expect(st.Action).toBe('execute-api:Invoke');
        return asList(st.Resource).map((r: Json) => String(r['Fn::Sub']).split('/*/')[1]);
      });
    const readOnly = invoked('VigilReadOnlyPolicy');
    expect(readOnly.every((r) => r?.startsWith('GET/'))).toBe(true);
    expect(readOnly).toContain('GET/findings');
    expect(invoked('VigilOperatorPolicy').sort()).toEqual([...readOnly, 'POST/suppressions', 'DELETE/suppressions/*', 'POST/evaluations'].sort());
    const outputs = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8')).Outputs;
    expect(outputs.VigilReadOnlyPolicyArn.Value).toEqual({ Ref: 'VigilReadOnlyPolicy' });
    expect(outputs.VigilOperatorPolicyArn.Value).toEqual({ Ref: 'VigilOperatorPolicy' });
    expect(outputs.ApiUrl.Value).toEqual(getAtt('HttpApi', 'ApiEndpoint'));
  });
});

describe('a bad rule parameter at package time', () => {
  it('fails packaging with one line naming the rule and the parameter, without a stack trace', async () => {
    const failed = await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'package', '--stage', 'e2e', '--package', join(outDir, 'bad'), '--param=ruleParams={"s3-bucket-versioning-enabled":{"nope":1}}'],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), TMPDIR: join(outDir, 'tmp'), AWS_ACCESS_KEY_ID: 'AKIAVIGILPACKAGETEST', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'eu-west-1', SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' } },
    ).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
    );
    expect(failed).toBeDefined();
    const lines = (failed ?? '').split('\n').filter((line) => line.includes('ruleParams'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('invalid parameter ruleParams: s3-bucket-versioning-enabled.nope: unknown parameter');
    expect(failed).not.toMatch(/^\s+at /m);
  }, 120_000);
});
