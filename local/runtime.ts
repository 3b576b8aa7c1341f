/**
 * Local mode's composition root: the deployed stack's parts, in this process, on loopback.
 *
 *   sweep ─▶ evaluation queue (SQS semantics, DLQ) ─▶ evaluate ─▶ findings table (dynalite)
 *   Invoke API :3002 ─▶ any function;  Config events fed to evaluate go through the queue
 *
 * It wires the same handler factories the Lambda entry points use (functions/<name>/create-*),
 * with local adapters behind the same ports; it adds no evaluation logic of its own.
 */
import { mkdirSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { createEvaluateHandler } from '../functions/evaluate/create-evaluate-handler.ts';
import { createApiHandler } from '../functions/api/create-api-handler.ts';
import { createSweepHandler } from '../functions/sweep/create-sweep-handler.ts';
import { createHeartbeats } from '../shared/adapters/dynamodb-findings-queries-health.ts';
import { createFindingsStore } from '../shared/adapters/dynamodb-findings-store.ts';
import { createHeartbeatRecorder } from '../shared/adapters/dynamodb-heartbeats.ts';
import type { Api } from '../shared/app/api/create-api.ts';
import { createSweepContinuation } from '../shared/adapters/lambda-sweep-continuation.ts';
import { createEvaluationQueue } from '../shared/adapters/sqs-evaluation-queue.ts';
import type { FindingsStore } from '../shared/app/ports.ts';
import type { EvaluationDeps } from '../shared/app/process-evaluation-message.ts';
import { resolveParams, type ParamOverrides } from '../shared/engine/params.ts';
import { catalog } from '../shared/rules/index.ts';
import { startLocalAlerting } from './alerting.ts';
import { createLocalApi } from './api.ts';
import type { AccountSource } from './account-source.ts';
import { startDynalite, type LocalDynamoDb } from './dynalite.ts';
import { createFindingsTable } from './findings-table.ts';
import { createEnvironmentPool } from './environment-pool.ts';
import { configChangesIn, isSqsEvent } from './events.ts';
import { startInvokeServer, type InvocableFunction, type InvokeServer } from './invoke-server.ts';
import { lambdaContext, type LocalFunctionConfig } from './lambda-context.ts';
import { createLocalQueue, type LocalQueue } from './queue.ts';
import { createSqsRequestHandler } from './sqs-endpoint.ts';
import { startSqsEventSource, type SqsEventSource } from './sqs-event-source.ts';
import { recordStream } from './stream-recorder.ts';

export const SERVICE = 'vigil';
/** The account and region local clients sign for (nothing checks them). */
const LOCAL_CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

export interface LocalRuntimeOptions {
  /** `vigil-<stage>-<function>` and the table `vigil-<stage>-findings`. */
  readonly stage: string;
  /** A LevelDB folder for the table, kept between runs; in memory when absent. */
  readonly dataDir?: string | undefined;
  /** Where the account is read: a snapshot (the demo account) or a live account. */
  readonly source: AccountSource;
  /** Invoke API port; 0 picks a free one. */
  readonly invokePort: number;
  /** Seconds a received evaluation message stays hidden before it is retried. */
  readonly visibilityTimeoutSeconds: number;
  readonly params?: ParamOverrides;
  /** Where alerts are printed, rendered like their Slack messages (stdout). */
  readonly printAlert: (text: string) => void;
  /** Alerts are also posted to this Slack incoming webhook when set. */
  readonly slackWebhookUrl?: string | undefined;
  /** Where local mode reports what happens outside the pipeline (dead letters, async failures): stderr. */
  readonly report: (line: string) => void;
}

export interface LocalRuntime {
  readonly invokeUrl: string;
  readonly tableName: string;
  readonly store: FindingsStore;
  readonly dynamodb: DynamoDBClient;
  readonly source: AccountSource;
  readonly queue: LocalQueue;
  readonly deadLetterQueue: LocalQueue;
  readonly region: string;
  readonly accountId: string;
  /** The findings API (createApi), wired to the local table and queue. */
  readonly api: Api;
  /**
   * The first sweep, as after a deployment: every resource evaluated, then the stream's records
   * handed to notify together, so the first findings come as one digest rather than a flood.
   * Resolves once the findings are recorded and their alerts are out.
   */
  firstSweep(): Promise<void>;
  /** Invokes a local function as the Invoke API does (RequestResponse). */
  invoke(name: string, payload: unknown): Promise<unknown>;
  /** Resolves once the queue and the stream have nothing left to do (alerts included). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** serverless.yml's settings of each function, as the local context reports them. */
const FUNCTIONS = {
  evaluate: { timeoutSeconds: 60, memoryMb: 1024 },
  sweep: { timeoutSeconds: 900, memoryMb: 1024 },
  notify: { timeoutSeconds: 300, memoryMb: 512 },
  counters: { timeoutSeconds: 60, memoryMb: 256 },
  api: { timeoutSeconds: 29, memoryMb: 512 },
} as const;
type FunctionName = keyof typeof FUNCTIONS;

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const { source } = options;
  const [home] = source.scopes;
  const accountId = home?.accountId ?? '111122223333';
  const region = home?.region ?? 'eu-west-1';
  const stopping: (() => Promise<void>)[] = [];
  let stopped = false;
  const stopAll = async (): Promise<void> => {
    stopped = true;
    for (const stop of stopping.reverse()) await stop().catch((error: unknown) => options.report(`vigil local: while stopping: ${String(error)}`));
  };

  try {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const ddb: LocalDynamoDb = await startDynalite(options.dataDir ? { path: options.dataDir } : {});
    stopping.push(() => ddb.stop());
    const dynamodb = new DynamoDBClient({ ...ddb.clientConfig, region });
    stopping.push(async () => dynamodb.destroy());
    const tableName = `${SERVICE}-${options.stage}-findings`;
    if (!(await tableExists(dynamodb, tableName))) await createFindingsTable(dynamodb, { service: SERVICE, stage: options.stage });
    // The table's stream, as DynamoDB would produce it from every write through this client.
    const recorder = recordStream(dynamodb, { tableName, region });

    const deadLetterQueue = createLocalQueue({ name: `${SERVICE}-${options.stage}-evaluation-dlq`, accountId, region, visibilityTimeoutSeconds: 30 });
    const queue = createLocalQueue({
      name: `${SERVICE}-${options.stage}-evaluation`,
      accountId,
      region,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      // infra/ingestion.yml's redrive policy.
      maxReceiveCount: 5,
      deadLetterQueue,
      onDeadLetter: (message) =>
        options.report(
          `vigil local: message ${message.messageId} failed ${message.receiveCount} receives and moved to the dead-letter queue ${deadLetterQueue.name} ` +
            `(the evaluate function's error log above gives the reason): ${message.body.slice(0, 200)}`,
        ),
    });
    const sqs = new SQSClient({ region, credentials: LOCAL_CREDENTIALS, requestHandler: createSqsRequestHandler([queue, deadLetterQueue]) });
    stopping.push(async () => sqs.destroy());

    const store = createFindingsStore({ client: dynamodb, tableName, suppressionCacheMs: 0 });
    const config = (name: FunctionName): LocalFunctionConfig => ({ functionName: `${SERVICE}-${options.stage}-${name}`, region, accountId, ...FUNCTIONS[name] });
    // Powertools as deployed, quieter: warnings and errors only, on stderr (stdout carries the
    // ready line and the alerts); metrics off (they would be EMF lines on stdout).
    const powertools = (name: FunctionName) => ({
      logger: new Logger({ serviceName: `${SERVICE}-${name}`, logLevel: 'WARN' }),
      metrics: new Metrics({ namespace: 'Vigil', serviceName: `${SERVICE}-${name}` }),
    });

    const params = resolveParams(catalog, options.params);
    const evaluateDeps: EvaluationDeps = {
      store,
      queue: createEvaluationQueue({ client: sqs, queueUrl: queue.url, retryDelayMs: 0 }),
      configReader: (accountId, region) => source.configReader(accountId, region),
      ...(source.logGroups ? { logGroups: source.logGroups } : {}),
      catalog,
      params,
      now: () => new Date(),
    };
    const evaluateEnvironments = createEnvironmentPool(() => createEvaluateHandler({ deps: evaluateDeps, ...powertools('evaluate') }));
    const runEvaluate = (event: SQSEvent): Promise<unknown> =>
      evaluateEnvironments.run((handler) => handler(event, lambdaContext(config('evaluate'))));
    const eventSource: SqsEventSource = startSqsEventSource({
      queue,
      region,
      batchSize: 10,
      maxConcurrency: 2,
      invoke: runEvaluate,
      onBatchError: (error, ids) => options.report(`vigil local: evaluate failed a batch of ${ids.length} message(s); they return after the visibility timeout: ${String(error)}`),
    });
    stopping.push(() => eventSource.stop());

    // GET /health's last sweep and last alert, written and read as deployed (HEARTBEAT items).
    const heartbeats = createHeartbeatRecorder({ client: dynamodb, tableName });
    const alerting = startLocalAlerting({
      dynamodb,
      tableName,
      recorder,
      catalog,
      printAlert: options.printAlert,
      slackWebhookUrl: options.slackWebhookUrl,
      names: { notify: config('notify').functionName, counters: config('counters').functionName },
      powertools,
      notifyContext: () => lambdaContext(config('notify')),
      heartbeats,
      report: options.report,
    });
    const { stream, runNotify, runCounters } = alerting;
    stopping.push(() => stream.stop());

    // Filled once the Invoke API listens: the sweep's continuation invokes the sweep through it.
    let invokeServer: InvokeServer | undefined;
    const lambda = (): LambdaClient => new LambdaClient({ region, credentials: LOCAL_CREDENTIALS, endpoint: invokeServer?.url ?? 'http://127.0.0.1:1' });
    const sweeps = source.scopes.map((scope) =>
      createSweepHandler({
        deps: {
          ...scope,
          configReader: source.configReader(scope.accountId, scope.region),
          collectors: source.collectors(scope),
          store,
          queue: createEvaluationQueue({ client: sqs, queueUrl: queue.url, retryDelayMs: 0 }),
          catalog,
          heartbeats,
        },
        continuation: { resume: (cursor) => createSweepContinuation({ client: lambda(), functionName: config('sweep').functionName }).resume(cursor) },
        ...powertools('sweep'),
      }),
    );

    const api = createLocalApi({
      dynamodb,
      tableName,
      store,
      sqs,
      queue,
      catalog,
      params,
      home: { accountId, region },
      heartbeats: createHeartbeats({ client: dynamodb, tableName }),
      onError: (error, correlationId) => options.report(`vigil local: api error ${correlationId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });

    const apiHandler = createApiHandler(api);

    const functions: Record<FunctionName, InvocableFunction> = {
      evaluate: {
        functionName: config('evaluate').functionName,
        async invoke(payload, type) {
          // What a user feeds is the change itself: Config's inventory records it first, as in AWS.
          for (const resource of configChangesIn(payload)) source.recordChange(resource);
          // An SQS batch goes to the handler as it is (a direct invocation, as Lambda runs it).
          if (isSqsEvent(payload)) return runEvaluate(payload);
          // Anything else is an event EventBridge would deliver to the evaluation queue: it is
          // queued, and a synchronous invocation takes it at once (its first receive) and
          // answers the function's batch response; retries and the DLQ follow the queue's rules.
          const message = queue.send(JSON.stringify(payload));
          if (type === 'Event') return undefined;
          const received = queue.receiveById(message.messageId);
          return received ? eventSource.deliver([received]) : undefined;
        },
      },
      sweep: {
        functionName: config('sweep').functionName,
        async invoke(payload) {
          // One sweep per account and region the source holds (one deployment each in AWS).
          for (const sweep of sweeps) await sweep(payload, lambdaContext(config('sweep')));
          return undefined;
        },
      },
      notify: {
        functionName: config('notify').functionName,
        invoke: async (payload) => runNotify(payload as DynamoDBStreamEvent),
      },
      counters: {
        functionName: config('counters').functionName,
        invoke: async (payload) => runCounters(payload as DynamoDBStreamEvent),
      },
      api: {
        functionName: config('api').functionName,
        invoke: async (payload) => apiHandler(payload as APIGatewayProxyEventV2, lambdaContext(config('api'))),
      },
    };
    const resolve = (name: string): InvocableFunction | undefined => {
      const short = name.startsWith(`${SERVICE}-${options.stage}-`) ? name.slice(`${SERVICE}-${options.stage}-`.length) : name;
      return Object.hasOwn(functions, short) ? functions[short as FunctionName] : undefined;
    };

    invokeServer = await startInvokeServer({
      port: options.invokePort,
      region,
      accountId,
      resolve,
      onAsyncError: (name, error) => options.report(`vigil local: ${name} (Event invocation) failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    const server = invokeServer;
    stopping.push(() => server.close());

    const settled = async (): Promise<void> => {
      // Evaluations write, writes make stream records, notify writes the ledger: until quiet
      // (or stopped: then nothing more will happen).
      do {
        await eventSource.settled();
        await stream.settled();
      } while (!stopped && queue.stats().visible > 0);
    };

    return {
      invokeUrl: server.url,
      tableName,
      store,
      dynamodb,
      source,
      queue,
      deadLetterQueue,
      region,
      accountId,
      api,
      async firstSweep() {
        stream.pause();
        try {
          await functions.sweep.invoke({}, 'RequestResponse');
          do await eventSource.settled();
          while (!stopped && queue.stats().visible > 0);
        } finally {
          stream.resume();
        }
        await settled();
      },
      async invoke(name, payload) {
        const fn = resolve(name);
        if (!fn) throw new Error(`no local function named ${name}`);
        return fn.invoke(payload, 'RequestResponse');
      },
      settled,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return false;
    throw error;
  }
}
