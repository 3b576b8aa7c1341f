/**
 * The event pipeline's costs, measured on this machine: processEvaluationMessage over ~1,300
 * realistic events (CPU per event of the evaluate function's side alone, DynamoDB requests and
 * request units per event), a sweep of 10,000 resources against the loopback Config API, and what
 * 1,000,000 configuration changes cost on AWS, next to what AWS Config would charge to evaluate
 * the same rules as Config rules.
 *
 * This process plays the evaluate function (its adapters and SDK clients as
 * functions/evaluate/handler.ts builds them); DynamoDB, Config and SQS run in a child process
 * (bench/pipeline-services.ts), so that `process.cpuUsage` here counts what the function would.
 *
 * Run alone with `node bench/pipeline.ts` (prints the markdown section; `--profile-changes
 * <file.cpuprofile>` also profiles the configuration-changes round); bench/run.ts calls
 * benchPipeline().
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { lowOverheadClientOptions } from '../shared/adapters/aws-client-options.ts';
import { createConfigReader } from '../shared/adapters/config-service.ts';
import { createFindingsStore } from '../shared/adapters/dynamodb-findings-store.ts';
import { createEvaluationQueue } from '../shared/adapters/sqs-evaluation-queue.ts';
import type { ConfigReader } from '../shared/app/ports.ts';
import { processEvaluationMessage, relevantTypes, type EvaluationDeps } from '../shared/app/process-evaluation-message.ts';
import { runSweep } from '../shared/app/sweep.ts';
import { normalizeConfigurationItem } from '../shared/config-items/normalize.ts';
import { CollectedType } from '../shared/domain/collected-types.ts';
import { rulesFor } from '../shared/engine/evaluate.ts';
import { resolveParams } from '../shared/engine/params.ts';
import { catalog } from '../shared/rules/index.ts';
import { createFindingsTable } from '../local/findings-table.ts';
import { changeEvent } from '../test/support/config-events.ts';
import { fixtureAccountVariants } from '../test/support/fixture-account.ts';
import { measureDeployedEvaluate, type DeployedFigures } from './pipeline-deployed.ts';
import { startPipelineServices, type PipelineServices } from './pipeline-services.ts';

/**
 * Prices, us-east-1, as published on the AWS pricing pages in 2025 (DynamoDB on-demand after the
 * 2024-11-01 price reduction; Lambda arm64; SQS standard queue beyond the free tier; AWS Config
 * rule evaluations by monthly tier per account and region).
 */
export const PRICES = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  sqsRequest: 0.4 / 1e6,
  dynamodbWru: 0.625 / 1e6,
  dynamodbRru: 0.125 / 1e6,
  configEvaluationTiers: [
    { upTo: 100_000, price: 0.001 },
    { upTo: 500_000, price: 0.0008 },
    { upTo: Infinity, price: 0.0005 },
  ],
} as const;

/** The deployment's settings the cost model uses (serverless.yml: evaluate function and its queue). */
const LAMBDA_MEMORY_GB = 1;
const SQS_BATCH_SIZE = 10;
/**
 * dynalite answers in microseconds-to-milliseconds from the same machine; in a Lambda, a
 * DynamoDB request takes single-digit milliseconds. Billed time is CPU plus this wait per request.
 */
const DYNAMODB_LATENCY_MS = 6;
const SQS_SEND_LATENCY_MS = 15;

export interface EventFigures {
  readonly events: number;
  readonly cpuMsPerEvent: number;
  readonly requestsPerEvent: number;
  readonly writeRequestsPerEvent: number;
  readonly wruPerEvent: number;
  /** What the same writes cost as the transactions the store used before issue 7. */
  readonly transactionalWruPerEvent: number;
  readonly rruPerEvent: number;
  /** Messages the events queued (dependents, re-checks), and what processing them cost, per event. */
  readonly followUpMessagesPerEvent: number;
  readonly followUpCpuMsPerEvent: number;
  readonly followUpRequestsPerEvent: number;
  readonly followUpWruPerEvent: number;
  readonly followUpRruPerEvent: number;
}

export interface SweepFigures {
  readonly resources: number;
  readonly seconds: number;
  readonly resourcesPerSecond: number;
  readonly listCalls: number;
  readonly sendCalls: number;
}

export interface CostModel {
  readonly changes: number;
  readonly evaluationsPerChange: number;
  readonly lambda: { readonly requests: number; readonly gbSeconds: number; readonly usd: number };
  readonly sqs: { readonly requests: number; readonly usd: number };
  readonly dynamodb: { readonly wru: number; readonly rru: number; readonly usd: number };
  readonly vigilUsd: number;
  readonly configRulesUsd: number;
}

export interface PipelineBench {
  readonly rules: number;
  readonly firstSeen: EventFigures;
  readonly changes: EventFigures;
  readonly duplicates: EventFigures;
  /** CPU ms per event of the same events in a fresh process (before V8 has compiled what they run). */
  readonly firstPass: { readonly firstSeen: number; readonly changes: number; readonly duplicates: number };
  /** The same events through the packaged evaluate handler (bench/pipeline-deployed.ts). */
  readonly deployed: DeployedFigures;
  readonly sweep: SweepFigures;
  readonly cost: CostModel;
  /** os.loadavg() when the measurement started. */
  readonly loadAverage: readonly number[];
}

export async function measurePipeline(): Promise<PipelineBench> {
  const loadAverage = loadavg();
  const services = await startPipelineServices();
  try {
    const { firstSeen, changes, duplicates, firstPass, evaluationsPerChange } = await measureEvents(inProcessRunner(await evaluateFunction(services)), services);
    // After the use-case's rounds, in the same process: the bundle is code of its own, with its own first pass.
    const deployed = await measureDeployedEvaluate(services, measureEvents);
    const sweep = await measureSweep(services);
    return { rules: catalog.length, firstSeen, changes, duplicates, firstPass, deployed, sweep, cost: costModel(deployed.changes, evaluationsPerChange), loadAverage };
  } finally {
    await services.stop();
  }
}

/**
 * How a round's SQS record bodies reach the evaluate function's code: one `processEvaluationMessage`
 * call each (in process, the use-case alone), or SQS batches through the packaged handler
 * (bench/pipeline-deployed.ts). CPU is measured around each `process` call.
 */
export interface EvaluateRunner {
  /** Bodies per `process` call: 1 for the use-case, an SQS batch (10) for the deployed handler. */
  readonly batchSize: number;
  process(bodies: readonly string[]): Promise<void>;
  /** Follow-ups (dependents, re-checks), as concurrent invocations would take them. */
  drain(bodies: readonly string[]): Promise<void>;
}

/** The use-case alone: `processEvaluationMessage` per body, with `fn`'s adapters and clients. */
export function inProcessRunner(fn: EvaluateFunction): EvaluateRunner {
  return {
    batchSize: 1,
    async process(bodies) {
      for (const body of bodies) await processEvaluationMessage(body, fn.deps);
    },
    // Four messages at a time, as concurrent invocations take them.
    async drain(bodies) {
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < bodies.length; i = next++) await processEvaluationMessage(bodies[i] ?? '', fn.deps);
      };
      await Promise.all(Array.from({ length: Math.min(4, bodies.length) }, worker));
    },
  };
}

/** The evaluate function's side, as functions/evaluate/handler.ts builds it: the real adapters and SDK clients, pointed at the services' process. */
export interface EvaluateFunction {
  readonly deps: EvaluationDeps;
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
}

/**
 * A fresh findings table, or `tableName`'s: two functions on one table (say, two versions of the
 * code) can then take rounds of the same events in turn, an A/B comparison under the same load.
 */
export async function evaluateFunction(services: PipelineServices, tableName?: string): Promise<EvaluateFunction> {
  // As the function's clients (the SDK's default retries included), with endpoints and credentials for the services' process.
  const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
  const aws = { endpoint: services.awsEndpoint, region: 'eu-west-1', credentials, ...lowOverheadClientOptions };
  const dynamodb = new DynamoDBClient({ ...aws, endpoint: services.dynamodbEndpoint });
  tableName ??= await createFindingsTable(dynamodb, { service: 'vigil', stage: `b${randomUUID().slice(0, 8)}` });
  const configClient = new ConfigServiceClient(aws);
  const readers = new Map<string, ConfigReader>();
  const deps: EvaluationDeps = {
    store: createFindingsStore({ client: dynamodb, tableName }),
    configReader: (accountId, region) => {
      let reader = readers.get(`${accountId}#${region}`);
      if (!reader) readers.set(`${accountId}#${region}`, (reader = createConfigReader({ client: configClient, accountId, retryDelayMs: 0 })));
      return reader;
    },
    queue: createEvaluationQueue({
      client: new SQSClient(aws),
      queueUrl: `${services.awsEndpoint}/111122223333/vigil-bench-evaluation`,
      retryDelayMs: 0,
    }),
    catalog,
    params: resolveParams(catalog),
    now: () => new Date('2026-11-23T00:00:00.000Z'),
  };
  return { deps, dynamodb, tableName };
}

const NOT_IN_CONFIG = new Set<string>(Object.values(CollectedType));

/** The account measured, and the one the first pass runs in (its inventory is its own). */
const ACCOUNT = '111122223333';
const FIRST_PASS_ACCOUNT = '999988887777';

/**
 * The fixture account's resources, each in every version the fixtures hold, as a stream of
 * events: first seen (creation), then changes cycling through the versions (a resource with one
 * version changes in ways no rule reads, Config's most common change), then the last round
 * delivered again (at-least-once delivery).
 *
 * Twice: first in another account, in the fresh process, then in the measured account. An
 * evaluate container serves thousands of events in its life; what the first few hundred cost
 * more (V8 compiling the paths a change takes) belongs to its start, not to a change, and is
 * reported apart (`firstPass`).
 */
export async function measureEvents(fn: EvaluateRunner, services: PipelineServices) {
  const variants = fixtureAccountVariants();
  let stateId = Date.parse('2026-10-01T00:00:00.000Z');
  // As SQS delivers them: the record's body, a JSON string.
  const bodyFor = (item: Record<string, unknown>, accountId: string): string => {
    stateId += 1_000;
    const next = {
      ...item,
      ...('awsAccountId' in item ? { awsAccountId: accountId } : {}),
      ...('accountId' in item ? { accountId } : {}),
      configurationStateId: stateId,
      configurationItemCaptureTime: new Date(stateId).toISOString(),
    };
    return JSON.stringify(NOT_IN_CONFIG.has(String(item['resourceType'])) ? { kind: 'observed', resources: [normalizeConfigurationItem(next)] } : changeEvent(next));
  };
  const pass = async (accountId: string, profile: boolean) => {
    const round = (n: number): string[] => variants.map((v) => bodyFor(v[n % v.length] ?? {}, accountId));
    const firstSeen = await measureRound(fn, services, round(0));
    const changeBodies = [round(1), round(2), round(3)];
    const measureChanges = () => measureRound(fn, services, changeBodies.flat());
    const changes = await (profile ? profiled(measureChanges) : measureChanges());
    const duplicates = await measureRound(fn, services, changeBodies[2] ?? []);
    return { firstSeen, changes, duplicates };
  };

  const first = await pass(FIRST_PASS_ACCOUNT, false);
  const measured = await pass(ACCOUNT, true);

  // AWS Config evaluates each change-triggered rule of the changed type once per change.
  const evaluationsPerChange =
    variants.reduce((n, v) => n + rulesFor(catalog, String(v[0]?.['resourceType'])).length, 0) / variants.length;
  const firstPass = { firstSeen: first.firstSeen.cpuMsPerEvent, changes: first.changes.cpuMsPerEvent, duplicates: first.duplicates.cpuMsPerEvent };
  return { ...measured, firstPass, evaluationsPerChange };
}

/**
 * `node bench/pipeline.ts --profile-changes <file.cpuprofile>` writes a CPU profile of the
 * configuration-changes round alone (open it in Chrome DevTools or VS Code).
 */
async function profiled<T>(run: () => Promise<T>): Promise<T> {
  const at = process.argv.indexOf('--profile-changes');
  const file = at < 0 ? undefined : process.argv[at + 1];
  if (!file) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** CPU of the calling process (this one: the evaluate function's side), in milliseconds. */
function cpuMs(since?: NodeJS.CpuUsage): { usage: NodeJS.CpuUsage; ms: number } {
  const usage = process.cpuUsage(since);
  return { usage, ms: (usage.user + usage.system) / 1000 };
}

async function measureRound(fn: EvaluateRunner, services: PipelineServices, bodies: readonly string[]): Promise<EventFigures> {
  await services.call('reset');
  let cpu = 0;
  for (let i = 0; i < bodies.length; i += fn.batchSize) {
    const batch = bodies.slice(i, i + fn.batchSize);
    const { usage } = cpuMs();
    await fn.process(batch);
    cpu += cpuMs(usage).ms;
  }
  const events = await services.call('figures');

  await services.call('reset');
  const followUps = await services.call('pending');
  const { usage } = cpuMs();
  await drain(fn, services);
  const followUpCpu = cpuMs(usage).ms;
  const after = await services.call('figures');
  const n = bodies.length;
  return {
    events: n,
    cpuMsPerEvent: cpu / n,
    requestsPerEvent: events.requests / n,
    writeRequestsPerEvent: events.writes / n,
    wruPerEvent: events.wru / n,
    transactionalWruPerEvent: events.transactionalWru / n,
    rruPerEvent: events.rru / n,
    followUpMessagesPerEvent: followUps / n,
    followUpCpuMsPerEvent: followUpCpu / n,
    followUpRequestsPerEvent: after.requests / n,
    followUpWruPerEvent: after.wru / n,
    followUpRruPerEvent: after.rru / n,
  };
}

/** Processes what was queued, and what that queues, until nothing is left. */
async function drain(fn: EvaluateRunner, services: PipelineServices): Promise<void> {
  for (let bodies = await services.call('take'); bodies.length > 0; bodies = await services.call('take')) await fn.drain(bodies);
}

/**
 * A steady-state sweep of 10,000 resources: Config lists them (ten types of 1,000), the store
 * already holds them, and the sweep queues them all. Listing and sending only: evaluation is the
 * evaluate function's, measured above.
 */
async function measureSweep(services: PipelineServices, count = 10_000): Promise<SweepFigures> {
  const types = [...relevantTypes(catalog)].filter((t) => !NOT_IN_CONFIG.has(t)).sort().slice(0, 10);
  const items = Array.from({ length: count }, (_, i) => ({
    resourceType: types[i % types.length] ?? 'AWS::S3::Bucket',
    resourceId: `resource-${String(i).padStart(5, '0')}`,
    configurationStateId: 1_790_000_000_000 + i,
    configuration: {},
  }));
  await services.call('record', items);
  const fn = await evaluateFunction(services);
  // The inventory as earlier evaluations left it: what the sweep compares the listing with.
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((item) => ({
      PutRequest: {
        Item: {
          pk: { S: `RES#111122223333#eu-west-1#${item.resourceType}#${item.resourceId}` },
          sk: { S: 'META' },
          invPk: { S: `INV#111122223333#${item.resourceType}` },
          invSk: { S: `eu-west-1#${item.resourceId}` },
          accountId: { S: '111122223333' },
          region: { S: 'eu-west-1' },
          resourceType: { S: item.resourceType },
          resourceId: { S: item.resourceId },
          resourceStatus: { S: 'OK' },
        },
      },
    }));
    await fn.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [fn.tableName]: batch } }));
  }
  await services.call('reset');
  const started = performance.now();
  const summary = await runSweep({
    accountId: '111122223333',
    region: 'eu-west-1',
    configReader: fn.deps.configReader('111122223333', 'eu-west-1'),
    store: fn.deps.store,
    queue: fn.deps.queue,
    catalog,
    resourceTypes: types,
  });
  const seconds = (performance.now() - started) / 1000;
  if (summary.listed !== count || summary.vanished !== 0) throw new Error(`sweep listed ${summary.listed}, vanished ${summary.vanished}`);
  const calls = await services.call('calls');
  await services.call('take');
  return {
    resources: count,
    seconds,
    resourcesPerSecond: count / seconds,
    listCalls: calls['ListDiscoveredResources'] ?? 0,
    sendCalls: calls['SendMessageBatch'] ?? 0,
  };
}

/**
 * 1,000,000 configuration changes of the measured mix, each an EventBridge event into SQS, then
 * the evaluate function (SQS batches of 10) and its follow-ups (dependents, re-checks).
 * EventBridge's delivery of AWS service events and Lambda's reads of the DynamoDB stream are free.
 */
export function costModel(changes: EventFigures, evaluationsPerChange: number, count = 1_000_000): CostModel {
  const messagesPerChange = 1 + changes.followUpMessagesPerEvent;
  const requestsPerChange = changes.requestsPerEvent + changes.followUpRequestsPerEvent;
  const cpuMsPerChange = changes.cpuMsPerEvent + changes.followUpCpuMsPerEvent;
  const billedMsPerChange = cpuMsPerChange + requestsPerChange * DYNAMODB_LATENCY_MS + changes.followUpMessagesPerEvent * SQS_SEND_LATENCY_MS;
  const lambdaRequests = (count * messagesPerChange) / SQS_BATCH_SIZE;
  const gbSeconds = (count * billedMsPerChange * LAMBDA_MEMORY_GB) / 1000;
  // Each message: one send (EventBridge, or the function for follow-ups), its share of a receive and a delete batch.
  const sqsRequests = count * messagesPerChange * (1 + 2 / SQS_BATCH_SIZE);
  const wru = count * (changes.wruPerEvent + changes.followUpWruPerEvent);
  const rru = count * (changes.rruPerEvent + changes.followUpRruPerEvent);
  const lambdaUsd = gbSeconds * PRICES.lambdaGbSecondArm + lambdaRequests * PRICES.lambdaRequest;
  const sqsUsd = sqsRequests * PRICES.sqsRequest;
  const dynamodbUsd = wru * PRICES.dynamodbWru + rru * PRICES.dynamodbRru;
  return {
    changes: count,
    evaluationsPerChange,
    lambda: { requests: lambdaRequests, gbSeconds, usd: lambdaUsd },
    sqs: { requests: sqsRequests, usd: sqsUsd },
    dynamodb: { wru, rru, usd: dynamodbUsd },
    vigilUsd: lambdaUsd + sqsUsd + dynamodbUsd,
    configRulesUsd: configRulesCost(count * evaluationsPerChange),
  };
}

/** AWS Config rule evaluations in one account and region in one month, by tier. */
export function configRulesCost(evaluations: number): number {
  let usd = 0;
  let floor = 0;
  for (const tier of PRICES.configEvaluationTiers) {
    const inTier = Math.max(0, Math.min(evaluations, tier.upTo) - floor);
    usd += inTier * tier.price;
    floor = tier.upTo;
  }
  return usd;
}

export async function benchPipeline(): Promise<string> {
  const b = await measurePipeline();
  const n = (value: number, digits = 2) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const usd = (value: number) => `$${n(value)}`;
  const row = (label: string, f: EventFigures) =>
    `| ${label} | ${f.events} | ${n(f.cpuMsPerEvent)} | ${n(f.requestsPerEvent)} | ${n(f.writeRequestsPerEvent)} | ${n(f.wruPerEvent)} | ${n(f.transactionalWruPerEvent)} | ${n(f.rruPerEvent)} | ${n(f.followUpMessagesPerEvent)} | ${n(f.followUpCpuMsPerEvent)} | ${n(f.followUpRequestsPerEvent)} |`;
  const c = b.cost;
  // 100,000 resources: this machine's share scaled up, plus ten times the calls at an assumed AWS latency.
  const sweep100kSeconds = (100_000 / b.sweep.resourcesPerSecond) + 10 * (b.sweep.listCalls * 0.15 + b.sweep.sendCalls * SQS_SEND_LATENCY_MS / 1000);
  return [
    '## Event pipeline (`processEvaluationMessage`, dynalite in its own process)',
    '',
    `Full catalog (${b.rules} rules). Events: the rule fixtures' ${b.firstSeen.events} resources, first seen, then changed three times over (cycling through the versions the fixtures hold of each), then the last round delivered again.`,
    '',
    `**What the CPU column counts**: the CPU time (\`process.cpuUsage\`, user + system) of the process that plays the evaluate function, around each \`processEvaluationMessage\` call on an SQS record's body (the JSON string), with the function's adapters and AWS SDK clients configured as functions/evaluate/handler.ts configures them. That is the event's parsing and normalization, the rules, the findings store's planning and items, and the SDK's serialization, signing and HTTP (over loopback, without the TLS the function pays on AWS). DynamoDB (dynalite, behind a metering proxy), Config and SQS run in a separate process (bench/pipeline-services.ts), as those services run outside the function on AWS, and their CPU is not counted; nor is the Lambda runtime's, middy's or Powertools' (logging, metrics) around the use-case: the deployed handler's section below counts those. The figures are for a function that has served some events: they follow a first pass over the same events in another account, in which V8 compiles what they run; that first pass, in the fresh process, cost ${n(b.firstPass.firstSeen)} / ${n(b.firstPass.changes)} / ${n(b.firstPass.duplicates)} CPU ms per event (first seen / changes / duplicates). Load average when the run started: ${b.loadAverage.map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min; the machine is shared, and CPU time grows with contention).`,
    '',
    'Request units follow DynamoDB\'s billing rules from the items on the wire, as the proxy sees them (bench/dynamodb-capacity.ts); writes are one conditional PutItem per item (docs/architecture.md), and the "as transactions" column prices the same writes as the TransactWriteItems the store used before (2 WRU per KB per item and index entry).',
    '',
    '| events | n | CPU ms / event | DynamoDB requests / event | of which writes | WRU / event | WRU / event as transactions | RRU / event | follow-up messages / event | their CPU ms / event | their requests / event |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('first seen', b.firstSeen),
    row('configuration changes', b.changes),
    row('duplicates (redelivered)', b.duplicates),
    '',
    '### The same events through the deployed handler',
    '',
    `The evaluate bundle as \`osls package\` builds it (infra/esbuild-plugins.ts), loaded in the same process with the environment Lambda gives it and invoked with SQS batches of 10 records (bench/pipeline-deployed.ts). The CPU column now also counts middy and Powertools (batch processing, logging, metrics, written to /dev/null as the runtime takes stdout). Its own first pass, in another account: ${n(b.deployed.firstPass.firstSeen)} / ${n(b.deployed.firstPass.changes)} / ${n(b.deployed.firstPass.duplicates)} CPU ms per event.`,
    '',
    '| events | n | CPU ms / event | DynamoDB requests / event | WRU / event | RRU / event | follow-up messages / event | their CPU ms / event |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...([['first seen', b.deployed.firstSeen], ['configuration changes', b.deployed.changes], ['duplicates (redelivered)', b.deployed.duplicates]] as const).map(
      ([label, f]) => `| ${label} | ${f.events} | ${n(f.cpuMsPerEvent)} | ${n(f.requestsPerEvent)} | ${n(f.wruPerEvent)} | ${n(f.rruPerEvent)} | ${n(f.followUpMessagesPerEvent)} | ${n(f.followUpCpuMsPerEvent)} |`,
    ),
    '',
    '## Sweep',
    '',
    `${b.sweep.resources.toLocaleString('en')} resources (ten types), listed from the loopback Config API and compared with a populated store, queued to loopback SQS: **${Math.round(b.sweep.resourcesPerSecond).toLocaleString('en')} resources/s** (${n(b.sweep.seconds)} s; ${b.sweep.listCalls} ListDiscoveredResources calls, ${b.sweep.sendCalls} SendMessageBatch calls). Against AWS, Config's latency and rate dominate: at ~150 ms a ListDiscoveredResources page, 100,000 resources take about ${Math.round(sweep100kSeconds / 60)} min in one invocation, within the 15-minute limit; the cursor continues in a fresh invocation if not.`,
    '',
    '## Cost per 1,000,000 configuration changes',
    '',
    `The "configuration changes" through the deployed handler above; Lambda arm64 ${LAMBDA_MEMORY_GB * 1024} MB, SQS batches of ${SQS_BATCH_SIZE}; billed time = CPU + ${DYNAMODB_LATENCY_MS} ms per DynamoDB request + ${SQS_SEND_LATENCY_MS} ms per follow-up send (assumed AWS latencies). Prices: us-east-1 list prices as published in 2025 — Lambda arm64 $0.0000133334/GB-s and $0.20/M requests, SQS $0.40/M requests, DynamoDB on demand $0.625/M WRU and $0.125/M RRU (after the 2024-11-01 reduction), AWS Config $0.001 / $0.0008 / $0.0005 per rule evaluation (first 100k / next 400k / above 500k, per account and region and month). Config's $0.003 per recorded item is paid either way (Vigil reads what Config records) and is left out of both columns; EventBridge delivery of AWS service events and Lambda's DynamoDB stream reads are free.`,
    '',
    '| | quantity | cost |',
    '|---|---:|---:|',
    `| Lambda | ${Math.round(c.lambda.requests).toLocaleString('en')} invocations, ${Math.round(c.lambda.gbSeconds).toLocaleString('en')} GB-s | ${usd(c.lambda.usd)} |`,
    `| SQS | ${Math.round(c.sqs.requests).toLocaleString('en')} requests | ${usd(c.sqs.usd)} |`,
    `| DynamoDB | ${Math.round(c.dynamodb.wru).toLocaleString('en')} WRU, ${Math.round(c.dynamodb.rru).toLocaleString('en')} RRU | ${usd(c.dynamodb.usd)} |`,
    `| **Vigil** | | **${usd(c.vigilUsd)}** |`,
    `| **AWS Config rules** (same rules, ${n(c.evaluationsPerChange)} evaluations per change) | ${Math.round(c.changes * c.evaluationsPerChange).toLocaleString('en')} evaluations | **${usd(c.configRulesUsd)}** |`,
    '',
  ].join('\n');
}

if (import.meta.main) process.stdout.write(`${await benchPipeline()}\n`);
