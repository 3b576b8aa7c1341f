/**
 * `npm run bench` (findings API section): GET /findings with typical filters over 100,000
 * findings in dynalite, served by createApi exactly as the Lambda and local mode serve it.
 * Reports p50 / p95 latency per filter and the items DynamoDB read per request (ScannedCount),
 * against the bound of 2 × the page size + 1. Latency here is dynalite's on this machine (an
 * in-process LevelDB-backed emulator), so the figures compare filters with each other; DynamoDB's
 * own single-digit-millisecond queries are not what this measures.
 *
 * Run alone: node bench/api.ts [findings=100000]
 */
import { randomBytes } from 'node:crypto';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { startDynalite } from '../local/dynalite.ts';
import { createFindingsTable } from '../local/findings-table.ts';
import { createFindingsQueries } from '../shared/adapters/dynamodb-findings-queries.ts';
import { findingItem, resourcePk } from '../shared/adapters/dynamodb-findings-items.ts';
import { createFindingsStore } from '../shared/adapters/dynamodb-findings-store.ts';
import { createApi } from '../shared/app/api/create-api.ts';
import type { EvaluationStatus } from '../shared/domain/evaluation.ts';
import type { AnyResource } from '../shared/domain/resource.ts';
import { SEVERITIES } from '../shared/domain/severity.ts';
import { resolveParams } from '../shared/engine/params.ts';
import { catalog } from '../shared/rules/index.ts';

const TAG_KEYS = ['team'];
const TYPES = ['AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::RDS::DBInstance'];
const REQUESTS = 200;
const LIMIT = 50;

export interface ApiBench {
  readonly findings: number;
  readonly seedSeconds: number;
  readonly rows: readonly { readonly name: string; readonly query: string; readonly p50: number; readonly p95: number; readonly itemsRead: number; readonly returned: number }[];
}

export async function measureApi(total = 100_000): Promise<ApiBench> {
  const ddb = await startDynalite();
  const client = new DynamoDBClient(ddb.clientConfig);
  let read = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') read += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return result;
    },
    { step: 'initialize', name: 'countReads' },
  );
  try {
    const tableName = await createFindingsTable(client);
    // Seeded with the store's own item builder (the items a recorded evaluation writes), in
    // batches: 100,000 evaluations through the store would time the store, not the API.
    const started = performance.now();
    const base = Date.parse('2026-05-01T00:00:00.000Z');
    const rules = catalog.slice(0, 40);
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: batch.map((Item) => ({ PutRequest: { Item: marshall(Item, { removeUndefinedValues: true }) } })) } }));
      batch = [];
    };
    for (let i = 0; i < total; i++) {
      const resourceType = TYPES[i % TYPES.length] ?? 'AWS::S3::Bucket';
      const rule = rules[i % rules.length] ?? rules[0];
      if (!rule) throw new Error('empty catalog');
      const resource = {
        accountId: '111122223333',
        region: i % 10 === 0 ? 'us-east-1' : 'eu-west-1',
        resourceType,
        resourceId: `resource-${Math.floor(i / 3)}`,
        resourceName: `resource-${Math.floor(i / 3)}`,
        status: 'OK',
        tags: { team: `team-${i % 20}` },
        relationships: [],
        model: {},
      } as unknown as AnyResource;
      // A typical account: three quarters compliant, a fifth open, a few suppressed or in error.
      const roll = i % 100;
      const status: EvaluationStatus = roll < 75 ? 'COMPLIANT' : roll < 97 ? 'NON_COMPLIANT' : roll < 99 ? 'NON_COMPLIANT' : 'ERROR';
      const at = new Date(base + i * 10_000).toISOString();
      batch.push(
        findingItem(
          resourcePk(resource),
          resource,
          {
            ruleId: `${rule.id}-${i % 3}`,
            resourceType,
            resourceId: resource.resourceId,
            resourceName: resource.resourceName,
            accountId: resource.accountId,
            region: resource.region,
            status,
            severity: SEVERITIES[i % 4] ?? 'low',
            reason: `${resource.resourceId}: finding ${i}.`,
            equivalents: {},
            ...(roll >= 97 && roll < 99 ? { suppression: { id: 'accepted', reason: 'accepted risk', expiresAt: '2027-01-01T00:00:00.000Z' } } : {}),
          },
          { version: 1, at, stateId: 1, ttl: undefined, firstSeenAt: at, lastChangedAt: at, historyId: undefined, tagKeys: TAG_KEYS },
        ),
      );
      if (batch.length === 25) await flush();
    }
    await flush();
    const seedSeconds = (performance.now() - started) / 1000;

    const key = randomBytes(32);
    const api = createApi({
      reader: createFindingsQueries({ client, tableName, tagKeys: TAG_KEYS }),
      store: createFindingsStore({ client, tableName, tagKeys: TAG_KEYS }),
      queue: { enqueue: async () => undefined, enqueueObserved: async () => undefined },
      catalog,
      params: resolveParams(catalog, {}),
      cursorKey: async () => key,
      tagKeys: TAG_KEYS,
      home: { accountId: '111122223333', region: 'eu-west-1' },
    });
    const firstRule = `${rules[0]?.id ?? ''}-0`;
    const typical: [string, string][] = [
      ['open findings (default)', ''],
      ['severity ≥ high', 'severity=high'],
      ['one rule, open', `ruleId=${firstRule}`],
      ['one rule, compliant', `ruleId=${firstRule}&status=COMPLIANT`],
      ['one resource type, severity ≥ medium', 'resourceType=AWS::S3::Bucket&severity=medium'],
      ['one region', 'region=us-east-1'],
      ['one tag', 'tag=team:team-3'],
      ['suppressed', 'suppressed=true'],
      ['change feed (since 1 day)', `since=${new Date(base + total * 10_000 - 86_400_000).toISOString()}`],
      ['page 2 (with a cursor)', 'cursor'],
    ];
    const rows = [];
    for (const [name, query] of typical) {
      let path = `/findings?limit=${LIMIT}${query && query !== 'cursor' ? `&${query}` : ''}`;
      if (query === 'cursor') {
        const first = (await (await api.fetch(new Request(`http://bench${path}`))).json()) as { next?: string };
        path = `${path}&cursor=${encodeURIComponent(first.next ?? '')}`;
      }
      const times: number[] = [];
      read = 0;
      let returned = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const response = await api.fetch(new Request(`http://bench${path}`));
        const body = (await response.json()) as { items?: unknown[] };
        times.push(performance.now() - t);
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
        returned += body.items?.length ?? 0;
      }
      times.sort((a, b) => a - b);
      rows.push({
        name,
        query: query === 'cursor' ? 'limit=50&cursor=…' : `limit=${LIMIT}${query ? `&${query}` : ''}`,
        p50: times[Math.floor(REQUESTS * 0.5)] ?? Number.NaN,
        p95: times[Math.floor(REQUESTS * 0.95)] ?? Number.NaN,
        itemsRead: read / REQUESTS,
        returned: returned / REQUESTS,
      });
    }
    return { findings: total, seedSeconds, rows };
  } finally {
    await ddb.stop();
  }
}

export async function benchApi(total = 100_000): Promise<string> {
  const r = await measureApi(total);
  return [
    '## Findings API (`GET /findings`)',
    '',
    `${r.findings.toLocaleString('en')} findings in dynalite (seeded in ${r.seedSeconds.toFixed(0)} s), served by \`createApi\` in process; ${REQUESTS} requests per filter, one after another, page size ${LIMIT}. Latency is dynalite's (an emulator on this machine): compare filters with each other, not with DynamoDB. Items read = DynamoDB's ScannedCount per request; the bound is 2 × ${LIMIT} + 1 = ${2 * LIMIT + 1}.`,
    '',
    '| filter | query | p50 | p95 | items read / request | items returned |',
    '|---|---|---:|---:|---:|---:|',
    ...r.rows.map((row) => `| ${row.name} | \`${row.query}\` | ${row.p50.toFixed(1)} ms | ${row.p95.toFixed(1)} ms | ${row.itemsRead.toFixed(0)} | ${row.returned.toFixed(0)} |`),
    '',
  ].join('\n');
}

if (import.meta.main) {
  process.stdout.write(`${await benchApi(Number(process.argv[2] ?? 100_000))}\n`);
}
