/**
 * The Lambda handlers through their event contracts: an SQS batch in, batch item failures out
 * (evaluate); a schedule or CloudFormation event in, queued keys and a CloudFormation answer out
 * (sweep). The use-cases run on the real findings store (dynalite) and the real Config and
 * SQS adapters (loopback servers).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SweepCursor } from '../../shared/app/sweep.ts';
import { catalog } from '../../shared/rules/index.ts';
import { createEvaluateHandler } from '../../functions/evaluate/create-evaluate-handler.ts';
import { createSweepHandler, SweepFailedError } from '../../functions/sweep/create-sweep-handler.ts';
import { ACCOUNT, REGION, asFakeItem, changeEvent, tableItem } from '../support/config-events.ts';
import { startDynalite, type LocalDynamoDb } from '../../local/dynalite.ts';
import { startPipeline, type Pipeline } from '../support/pipeline.ts';

const TABLE = 'AWS::DynamoDB::Table';

function sqsRecord(body: string, receiveCount = 1): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: `AQEB${randomUUID().replaceAll('-', '')}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1795338000000',
      SenderId: 'AIDAEVENTBRIDGE',
      ApproximateFirstReceiveTimestamp: '1795338000100',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:vigil-test-evaluation`,
    awsRegion: REGION,
  };
}

function lambdaContext(functionName: string, remainingMs = 900_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/23/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Observability that stays quiet in tests; `logger.error` is spied on. */
function observability() {
  const logger = new Logger({ serviceName: 'vigil-test', logLevel: 'SILENT' });
  return {
    logger,
    // Its warnings (such as "No application metrics to publish" for a run that counted nothing) go to the silent logger.
    metrics: new Metrics({ namespace: 'VigilTest', serviceName: 'vigil-test', logger }),
    errors: vi.spyOn(logger, 'error'),
  };
}

let ddb: LocalDynamoDb;
let pipeline: Pipeline;

beforeAll(async () => {
  // EMF metrics would print to stdout at the end of each invocation.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  ddb = await startDynalite();
  pipeline = await startPipeline(ddb, { catalog });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await pipeline?.close();
  await ddb?.stop();
});
afterEach(() => {
  pipeline.queue.take();
});

describe('evaluate handler', () => {
  it('reports exactly the malformed message as a batch item failure, and records the good one', async () => {
    // Prepare
    const o = observability();
    const handler = createEvaluateHandler({ deps: pipeline.deps, ...o });
    const good = sqsRecord(JSON.stringify(changeEvent(tableItem({ name: 'orders-prod', stateId: 1795338000000, pitr: false }))));
    const malformed = sqsRecord(JSON.stringify({ kind: 'evaluate', keys: 'orders-prod' }), 3);

    // Act
    const response = await handler({ Records: [good, malformed] } satisfies SQSEvent, lambdaContext('vigil-test-evaluate'));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: malformed.messageId }] });
    const findings = await pipeline.store.getFindings({ accountId: ACCOUNT, region: REGION, resourceType: TABLE, resourceId: 'orders-prod' });
    expect(findings.find((f) => f.ruleId === 'dynamodb-table-pitr-enabled')).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(o.errors).toHaveBeenCalledTimes(1);
    expect(o.errors.mock.calls[0]?.[0]).toMatch(/malformed .*dead-letter/);
    expect(o.errors.mock.calls[0]?.[1]).toMatchObject({
      messageId: malformed.messageId,
      receiveCount: 3,
      reason: expect.stringMatching(/keys/),
      bodyExcerpt: malformed.body,
    });
  });

  it('answers a batch that failed entirely instead of throwing, so Lambda errors mean crashes only', async () => {
    // Prepare
    const o = observability();
    const handler = createEvaluateHandler({ deps: pipeline.deps, ...o });
    const notJson = sqsRecord('{"detail-type": "Config Configuration Item Change", ');
    const unknownEvent = sqsRecord(JSON.stringify({ 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2', detail: {} }));

    // Act
    const response = await handler({ Records: [notJson, unknownEvent] }, lambdaContext('vigil-test-evaluate'));

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([notJson.messageId, unknownEvent.messageId].sort());
    expect(o.errors.mock.calls.map((c) => c[1])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ messageId: notJson.messageId, reason: expect.stringMatching(/not JSON/) }),
        expect.objectContaining({ messageId: unknownEvent.messageId, reason: expect.stringMatching(/detail-type/) }),
      ]),
    );
  });

  it('returns a transient failure to the queue for a retry, logged as such', async () => {
    // Prepare: an oversized event whose item AWS Config's history does not hold yet.
    const o = observability();
    const handler = createEvaluateHandler({ deps: pipeline.deps, ...o });
    const event = changeEvent(tableItem({ name: 'sessions-prod', stateId: 1795338100000, pitr: true }));
    const detail = event['detail'] as Record<string, unknown>;
    const oversized = {
      ...event,
      detail: {
        messageType: 'OversizedConfigurationItemChangeNotification',
        configurationItemSummary: {
          awsAccountId: ACCOUNT,
          awsRegion: REGION,
          resourceType: TABLE,
          resourceId: 'sessions-prod',
          configurationStateId: 1795338100000,
          configurationItemCaptureTime: detail['notificationCreationTime'],
          configurationItemStatus: 'OK',
        },
      },
    };
    const record = sqsRecord(JSON.stringify(oversized));

    // Act
    const first = await handler({ Records: [record] }, lambdaContext('vigil-test-evaluate'));
    pipeline.config.record(asFakeItem(tableItem({ name: 'sessions-prod', stateId: 1795338100000, pitr: true })));
    const retried = await handler({ Records: [{ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }] }, lambdaContext('vigil-test-evaluate'));

    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(o.errors.mock.calls[0]?.[0]).toMatch(/will retry/);
    expect(retried).toEqual({ batchItemFailures: [] });
    const findings = await pipeline.store.getFindings({ accountId: ACCOUNT, region: REGION, resourceType: TABLE, resourceId: 'sessions-prod' });
    expect(findings.find((f) => f.ruleId === 'dynamodb-table-pitr-enabled')).toMatchObject({ status: 'COMPLIANT' });
  });
});

describe('sweep handler', () => {
  /** Stands in for CloudFormation's pre-signed response URL. */
  let responses: { body: Record<string, unknown>; contentType: string | undefined }[];
  let responseUrl: string;
  let server: ReturnType<typeof createServer>;

  beforeAll(async () => {
    responses = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        responses.push({ body: JSON.parse(body), contentType: req.headers['content-type'] });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cfn-response?X-Amz-Signature=0f1e`;
    pipeline.config.record(asFakeItem(tableItem({ name: 'invoices-prod', stateId: 1795338200000, pitr: true })));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const cfnRequest = (requestType: 'Create' | 'Update' | 'Delete') => ({
    RequestType: requestType,
    ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:vigil-test-sweep`,
    ResponseURL: responseUrl,
    StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/vigil-test/2f0c6a40-8f4e-11f0-9d7a-0a1b2c3d4e5f`,
    RequestId: randomUUID(),
    LogicalResourceId: 'InitialSweep',
    ResourceType: 'Custom::VigilSweep',
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'vigil-post-deploy-sweep' }),
    ResourceProperties: { ServiceToken: 'arn', Deployment: 'a1b2c3d4' },
  });

  const sweepHandler = (resumed: SweepCursor[]) =>
    createSweepHandler({
      deps: {
        accountId: ACCOUNT,
        region: REGION,
        configReader: pipeline.deps.configReader(ACCOUNT, REGION),
        store: pipeline.store,
        queue: pipeline.deps.queue,
        catalog,
        resourceTypes: [TABLE],
      },
      continuation: { resume: async (cursor) => void resumed.push(cursor) },
      ...observability(),
    });
  const queuedKeys = () =>
    pipeline.queue.take().flatMap((body) => (JSON.parse(body) as { keys?: { resourceId: string }[] }).keys ?? []).map((k) => k.resourceId);

  it('answers CloudFormation SUCCESS, then sweeps', async () => {
    // Act
    await sweepHandler([])(cfnRequest('Create'), lambdaContext('vigil-test-sweep'));

    // Assess
    expect(responses.at(-1)?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vigil-post-deploy-sweep', LogicalResourceId: 'InitialSweep' });
    expect(queuedKeys()).toContain('invoices-prod');
  });

  it('only answers a stack delete', async () => {
    await sweepHandler([])(cfnRequest('Delete'), lambdaContext('vigil-test-sweep'));
    expect(responses.at(-1)?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'vigil-post-deploy-sweep' });
    expect(queuedKeys()).toEqual([]);
  });

  it('sweeps on schedule without answering anyone', async () => {
    const before = responses.length;
    await sweepHandler([])({ source: 'vigil.schedule' }, lambdaContext('vigil-test-sweep'));
    expect(responses).toHaveLength(before);
    expect(queuedKeys()).toContain('invoices-prod');
  });

  it('hands the rest of a sweep to a new invocation when time runs short, and resumes from it', async () => {
    // Act: too little time left to start any unit.
    const resumed: SweepCursor[] = [];
    await sweepHandler(resumed)({ source: 'vigil.schedule' }, lambdaContext('vigil-test-sweep', 30_000));
    await sweepHandler([])({ source: 'vigil.sweep-continuation', cursor: resumed[0] }, lambdaContext('vigil-test-sweep'));

    // Assess
    expect(resumed).toEqual([{ sweepId: expect.any(String), pending: [`config:${TABLE}`] }]);
    expect(queuedKeys()).toContain('invoices-prod');
  });

  it('fails the invocation when a unit failed, after the others ran', async () => {
    // Prepare: a collector that cannot read (e.g. a permission missing).
    const handler = createSweepHandler({
      deps: {
        accountId: ACCOUNT,
        region: REGION,
        configReader: pipeline.deps.configReader(ACCOUNT, REGION),
        store: pipeline.store,
        queue: pipeline.deps.queue,
        catalog,
        resourceTypes: [TABLE, 'AWS::Logs::LogGroup'],
        collectors: [
          {
            name: 'log-groups',
            iamActions: ['logs:DescribeLogGroups'],
            resourceTypes: ['AWS::Logs::LogGroup'],
            collect: async () => {
              throw new Error('missing permission logs:DescribeLogGroups in eu-west-1');
            },
          },
        ],
      },
      continuation: { resume: async () => undefined },
      ...observability(),
    });

    // Act
    const run = handler({ source: 'vigil.schedule' }, lambdaContext('vigil-test-sweep'));

    // Assess
    await expect(run).rejects.toBeInstanceOf(SweepFailedError);
    await expect(run).rejects.toThrow(/collector:log-groups \(missing permission logs:DescribeLogGroups/);
    expect(queuedKeys()).toContain('invoices-prod');
  });
});
