/**
 * The findings API on dynalite for tests: the real table (infra/findings-table.yml), the real
 * store writing findings, the real query adapter reading them, through a DynamoDB client that
 * refuses any Scan and counts the items each request reads.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import ajvFormats from 'ajv-formats';
import OpenAPIBackend from 'openapi-backend';
import { startDynalite, type LocalDynamoDb } from '../../../local/dynalite.ts';
import { createFindingsTable } from '../../../local/findings-table.ts';
import { createFindingsStore } from '../../../shared/adapters/dynamodb-findings-store.ts';
import { createFindingsQueries } from '../../../shared/adapters/dynamodb-findings-queries.ts';
import { createApi, type Api, type ApiDeps } from '../../../shared/app/api/create-api.ts';
import type { EvaluationQueue, FindingsStore } from '../../../shared/app/ports.ts';
import type { EvaluationStatus } from '../../../shared/domain/evaluation.ts';
import type { FindingInput } from '../../../shared/domain/finding.ts';
import type { AnyResource, ResourceKey } from '../../../shared/domain/resource.ts';
import type { Severity } from '../../../shared/domain/severity.ts';
import type { SuppressionRef } from '../../../shared/domain/suppression.ts';
import { resolveParams } from '../../../shared/engine/params.ts';
import { catalog } from '../../../shared/rules/index.ts';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const TAG_KEYS = ['team', 'env'] as const;

export interface Harness {
  readonly api: Api;
  readonly store: FindingsStore;
  readonly ddb: LocalDynamoDb;
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly enqueued: ResourceKey[][];
  /** Items read (ScannedCount of Queries, 1 per GetItem) since the last reset. */
  itemsRead(): number;
  resetItemsRead(): void;
  get(path: string, init?: RequestInit): Promise<Response>;
  clock: { now: Date };
  stop(): Promise<void>;
}

export async function startHarness(overrides: Partial<ApiDeps> = {}): Promise<Harness> {
  const ddb = await startDynalite();
  const client = new DynamoDBClient(ddb.clientConfig);
  let read = 0;
  // The guard every API test runs under: a Scan through this client (or a document client made
  // from it, which shares its middleware) fails the test; Queries and Gets count what they read.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/Scan/.test(context.commandName ?? '')) throw new Error(`a Scan was sent (${context.commandName}): the API must only Query or Get`);
      const result = await next(args);
      const output = result.output as { ScannedCount?: number; Item?: unknown };
      if (context.commandName === 'QueryCommand') read += output.ScannedCount ?? 0;
      if (context.commandName === 'GetItemCommand' && output.Item) read += 1;
      return result;
    },
    { step: 'initialize', name: 'refuseScans' },
  );
  const tableName = await createFindingsTable(client);
  const clock = { now: new Date('2026-06-01T12:00:00.000Z') };
  const enqueued: ResourceKey[][] = [];
  const queue: EvaluationQueue = {
    enqueue: async (keys) => void enqueued.push([...keys]),
    enqueueObserved: async () => undefined,
  };
  const store = createFindingsStore({ client, tableName, tagKeys: TAG_KEYS, suppressionCacheMs: 0 });
  const reader = createFindingsQueries({ client, tableName, tagKeys: TAG_KEYS, now: () => clock.now });
  const key = randomBytes(32);
  const api = createApi({
    reader,
    store,
    queue,
    catalog,
    params: resolveParams(catalog, {}),
    cursorKey: async () => key,
    tagKeys: TAG_KEYS,
    home: { accountId: ACCOUNT, region: REGION },
    now: () => clock.now,
    callerOf: () => 'arn:aws:iam::111122223333:role/tester',
    ...overrides,
  });
  return {
    api,
    store,
    ddb,
    client,
    tableName,
    enqueued,
    clock,
    itemsRead: () => read,
    resetItemsRead: () => void (read = 0),
    get: (path, init) => api.fetch(new Request(`http://vigil.test${path}`, init)),
    stop: () => ddb.stop(),
  };
}

let sequence = 0;

export interface SeedFinding {
  readonly ruleId: string;
  readonly status: EvaluationStatus;
  readonly severity: Severity;
  readonly suppression?: SuppressionRef;
}

export function resource(id: string, options: { type?: string; tags?: Record<string, string>; region?: string; account?: string } = {}): AnyResource {
  return {
    accountId: options.account ?? ACCOUNT,
    region: options.region ?? REGION,
    resourceType: options.type ?? 'AWS::S3::Bucket',
    resourceId: id,
    resourceName: id,
    arn: `arn:aws:s3:::${id}`,
    status: 'OK',
    configurationStateId: ++sequence,
    tags: options.tags ?? {},
    relationships: [],
    model: {},
  } as unknown as AnyResource;
}

export async function record(store: FindingsStore, r: AnyResource, findings: readonly SeedFinding[], at: Date): Promise<void> {
  const inputs: FindingInput[] = findings.map((f) => ({
    ruleId: f.ruleId,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    resourceName: r.resourceName,
    accountId: r.accountId,
    region: r.region,
    status: f.status,
    severity: f.severity,
    reason: `${r.resourceId}: ${f.ruleId} is ${f.status}.`,
    equivalents: {},
    suppression: f.suppression,
  }));
  const outcome = await store.recordEvaluation({ resource: { ...r, configurationStateId: ++sequence } as AnyResource, findings: inputs, evaluatedAt: at });
  if (outcome.kind === 'conflict' || outcome.kind === 'stale') throw new Error(`seeding ${r.resourceId}: ${outcome.kind}`);
}

/** Validates responses against the document the API serves, with openapi-backend (ajv). */
export async function openApiValidator(api: Api) {
  const document = (await (await api.fetch(new Request('http://vigil.test/openapi.json'))).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  // openapi-backend validates bodies declared as application/json only: hand it a copy where the
  // problem responses' media type reads so (the media type itself is checked below, as served).
  const forValidation = JSON.parse(JSON.stringify(document).replaceAll('"application/problem+json"', '"application/json"'));
  // ajv-formats: `format: date-time` and the like are checked, not ignored with a warning.
  const backend = new OpenAPIBackend({
    definition: forValidation,
    quick: true,
    strict: false,
    validate: true,
    ajvOpts: { strict: false },
    customizeAjv: (ajv) => {
      ajvFormats.default(ajv);
      return ajv;
    },
  });
  await backend.init();
  return {
    document,
    /** Throws with the validator's errors when the response does not match its operation. */
    async check(response: Response, operationId: string): Promise<unknown> {
      const text = await response.clone().text();
      const body = text ? JSON.parse(text) : undefined;
      const result = backend.validateResponse(body, operationId, response.status);
      if (result.errors?.length) throw new Error(`${operationId} ${response.status} does not match the OpenAPI document: ${JSON.stringify(result.errors).slice(0, 800)}`);
      const declared = (document.paths as Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>>);
      const operation = Object.values(declared).flatMap((p) => Object.values(p)).find((o) => o.operationId === operationId);
      const spec = operation?.responses[String(response.status)];
      if (!spec) throw new Error(`${operationId} answered ${response.status}, which its OpenAPI operation does not declare`);
      const type = response.headers.get('content-type')?.split(';')[0];
      if (spec.content && (!type || !(type in spec.content))) throw new Error(`${operationId} ${response.status} answered ${type}, declared ${Object.keys(spec.content).join(', ')}`);
      return body;
    },
  };
}
