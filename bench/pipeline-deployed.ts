/**
 * The evaluate function as deployed: the bundle `osls package` builds (esbuild with
 * infra/esbuild-plugins.ts, through scripts/measure-bundles.ts), imported into the bench process
 * and invoked as Lambda invokes it, with SQS batches of 10 records and the Lambda environment. Its
 * CPU is then the handler's whole: middy and Powertools (batch processing, logging and metrics,
 * written to /dev/null as the runtime takes stdout) around the use-case.
 *
 * bench/pipeline.ts runs it after the use-case's own rounds, over the same events.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createFindingsTable } from '../local/findings-table.ts';
import { buildLambdaBundle } from '../scripts/measure-bundles.ts';
import type { EvaluateRunner, EventFigures } from './pipeline.ts';
import type { PipelineServices } from './pipeline-services.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, '.esbuild', 'bench-deployed');
const REGION = 'eu-west-1';
const ACCOUNT = '111122223333';
const SQS_BATCH = 10;

export interface DeployedFigures {
  readonly firstSeen: EventFigures;
  readonly changes: EventFigures;
  readonly duplicates: EventFigures;
  readonly firstPass: { readonly firstSeen: number; readonly changes: number; readonly duplicates: number };
}

type Handler = (event: unknown, context: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
type MeasureEvents = (runner: EvaluateRunner, services: PipelineServices) => Promise<DeployedFigures>;

/**
 * Builds and loads the evaluate bundle with the environment Lambda would give it, runs
 * `measureEvents` through it, and puts the environment back.
 */
export async function measureDeployedEvaluate(services: PipelineServices, measureEvents: MeasureEvents): Promise<DeployedFigures> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const bundle = join(OUT, 'handler.mjs');
  await buildLambdaBundle('evaluate', bundle);
  const credentials = { accessKeyId: 'AKIDBENCHDEPLOYED', secretAccessKey: 'bench-deployed-secret' };
  const tableName = await createFindingsTable(new DynamoDBClient({ endpoint: services.dynamodbEndpoint, region: REGION, credentials }), {
    service: 'vigil',
    stage: `d${randomUUID().slice(0, 8)}`,
  });
  const environment: Record<string, string> = {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: 'bench-deployed-session',
    AWS_ENDPOINT_URL: services.awsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: services.dynamodbEndpoint,
    AWS_LAMBDA_FUNCTION_NAME: 'vigil-bench-evaluate',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: OUT,
    FINDINGS_TABLE_NAME: tableName,
    EVALUATION_QUEUE_URL: `${services.awsEndpoint}/${ACCOUNT}/vigil-bench-evaluation`,
    RULE_PARAMS: '{}',
    POWERTOOLS_SERVICE_NAME: 'vigil',
    POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
  };
  const saved = Object.fromEntries(Object.keys(environment).map((k) => [k, process.env[k]]));
  Object.assign(process.env, environment);
  const devNull = openSync('/dev/null', 'w');
  try {
    const { handler } = (await withStdoutTo(devNull, () => import(pathToFileURL(bundle).href))) as { handler: Handler };
    let invocation = 0;
    const invoke = async (bodies: readonly string[]): Promise<void> => {
      invocation++;
      const event = { Records: bodies.map((body, i) => sqsRecord(body, `${invocation}-${i}`)) };
      const context = { awsRequestId: randomUUID(), functionName: environment['AWS_LAMBDA_FUNCTION_NAME'], memoryLimitInMB: '1024', getRemainingTimeInMillis: () => 60_000 };
      const { batchItemFailures } = await withStdoutTo(devNull, () => handler(event, context));
      if (batchItemFailures.length > 0) throw new Error(`the deployed evaluate handler failed ${batchItemFailures.length} of ${bodies.length} messages`);
    };
    const runner: EvaluateRunner = {
      batchSize: SQS_BATCH,
      process: invoke,
      async drain(bodies) {
        for (let i = 0; i < bodies.length; i += SQS_BATCH) await invoke(bodies.slice(i, i + SQS_BATCH));
      },
    };
    return await measureEvents(runner, services);
  } finally {
    closeSync(devNull);
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(OUT, { recursive: true, force: true });
  }
}

/** An SQS record as the event source mapping delivers it. */
function sqsRecord(body: string, id: string) {
  return {
    messageId: `bench-${id}`,
    receiptHandle: `bench-receipt-${id}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'AIDABENCH', ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:vigil-bench-evaluation`,
    awsRegion: REGION,
  };
}

/**
 * Runs `task` with this process's stdout going to `fd`: the function's log lines and metrics
 * are written (a write per line, as the runtime's pipe takes them) but not shown.
 */
async function withStdoutTo<T>(fd: number, task: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    if (typeof chunk === 'string') writeSync(fd, chunk);
    else writeSync(fd, chunk);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  }) as typeof process.stdout.write;
  try {
    return await task();
  } finally {
    process.stdout.write = write;
  }
}
