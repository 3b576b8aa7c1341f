/**
 * Summary counters for `GET /summary`, kept on write by a consumer of the table's stream (DESIGN
 * §4), never computed by a Scan.
 *
 * One counter item (pk SUMMARY, sk COUNTS) holds a number per group
 * `c|{state}|{severity}|{ruleId}|{accountId}|{region}`; a stream batch becomes one UpdateItem of
 * ADDs (−1 for the group a finding left, +1 for the one it entered), computed from each record's
 * old and new images.
 *
 * Redelivery: Lambda retries a failed batch, and a retried batch must not count twice. Without
 * transactions (dynalite has none, and they would double the write cost) the guard is a marker per
 * batch, written before the counters (`pending`) and after them (`done`), keyed by the batch's
 * first and last sequence numbers: a redelivered batch whose marker is `done` is skipped; one
 * whose marker is still `pending` crashed between the two writes, so nobody knows whether its ADDs
 * landed: the summary is flagged `stale` and `reconcileSummary` recounts it exactly from the
 * findings-by-rule-state index (Queries, never a Scan). The flag shows in GET /summary.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient as Doc } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { SummaryCounts } from '../app/api/ports.ts';
import { findingState, QUERY_INDEXES, type FindingState } from './dynamodb-findings-queries-keys.ts';

export const SUMMARY_PK = 'SUMMARY';
const COUNTS_SK = 'COUNTS';
const COUNTER_PREFIX = 'c|';
/** Batch markers outlive the stream's 24-hour retention, after which no record is redelivered. */
const MARKER_TTL_SECONDS = 2 * 86_400;
/** States counted (not-applicable findings count for nothing). */
const COUNTED: ReadonlySet<FindingState> = new Set(['open', 'suppressed', 'COMPLIANT', 'ERROR']);

export const summaryCountersIamActions = ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] as const;

export function counterName(state: FindingState, severity: string, ruleId: string, accountId: string, region: string): string {
  return `${COUNTER_PREFIX}${state}|${severity}|${ruleId}|${accountId}|${region}`;
}

/** The counter a finding image counts in, if any. */
function groupOf(image: Record<string, unknown> | undefined): string | undefined {
  if (!image || typeof image['sk'] !== 'string' || !image['sk'].startsWith('RULE#')) return undefined;
  const status = image['status'];
  if (status !== 'COMPLIANT' && status !== 'NON_COMPLIANT' && status !== 'ERROR') return undefined;
  const state = findingState(status, image['suppression'] !== undefined && image['suppression'] !== null);
  if (!COUNTED.has(state)) return undefined;
  return counterName(state, String(image['severity']), String(image['ruleId']), String(image['accountId']), String(image['region']));
}

/** The counter changes a batch of stream records makes (pure). */
export function summaryDeltas(records: readonly DynamoDBRecord[]): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (group: string | undefined, n: number) => {
    if (group) deltas.set(group, (deltas.get(group) ?? 0) + n);
  };
  for (const record of records) {
    const change = record.dynamodb;
    const before = change?.OldImage ? unmarshall(change.OldImage as never) : undefined;
    const after = change?.NewImage ? unmarshall(change.NewImage as never) : undefined;
    const [from, to] = [groupOf(before), groupOf(after)];
    if (from === to) continue;
    add(from, -1);
    add(to, 1);
  }
  for (const [group, n] of deltas) if (n === 0) deltas.delete(group);
  return deltas;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'flagged-stale' | 'nothing';

export interface SummaryCounters {
  /** Applies a stream batch to the counters, once however often it is delivered. */
  apply(records: readonly DynamoDBRecord[], now: Date): Promise<ApplyOutcome>;
  /** Recounts every counter from the findings-by-rule-state index for the given rules. */
  reconcile(ruleIds: readonly string[], now: Date): Promise<void>;
}

export function createSummaryCounters(options: { readonly client: DynamoDBClient; readonly tableName: string }): SummaryCounters {
  const doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const TableName = options.tableName;
  return {
    async apply(records, now) {
      const first = records[0]?.dynamodb?.SequenceNumber;
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (!first || !last) return 'nothing';
      const marker = { pk: SUMMARY_PK, sk: `BATCH#${first}-${last}` };
      const ttl = Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS;
      try {
        await doc.send(new PutCommand({ TableName, Item: { ...marker, state: 'pending', ttl }, ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        const seen = await doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p AND sk = :s', ExpressionAttributeValues: { ':p': marker.pk, ':s': marker.sk }, ConsistentRead: true }));
        if (seen.Items?.[0]?.['state'] === 'done') return 'duplicate';
        await doc.send(new UpdateCommand({ TableName, Key: { pk: SUMMARY_PK, sk: COUNTS_SK }, UpdateExpression: 'SET stale = :t', ExpressionAttributeValues: { ':t': true } }));
        return 'flagged-stale';
      }
      const deltas = summaryDeltas(records);
      if (deltas.size > 0) {
        const names: Record<string, string> = { '#u': 'updatedAt' };
        const values: Record<string, unknown> = { ':u': now.toISOString() };
        const adds: string[] = [];
        [...deltas].forEach(([group, n], i) => {
          names[`#c${i}`] = group;
          values[`:c${i}`] = n;
          adds.push(`#c${i} :c${i}`);
        });
        await doc.send(new UpdateCommand({ TableName, Key: { pk: SUMMARY_PK, sk: COUNTS_SK }, UpdateExpression: `SET #u = :u ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values }));
      }
      await doc.send(new PutCommand({ TableName, Item: { ...marker, state: 'done', ttl } }));
      return deltas.size > 0 ? 'applied' : 'nothing';
    },

    async reconcile(ruleIds, now) {
      const counts = new Map<string, number>();
      const index = QUERY_INDEXES.rule;
      for (const ruleId of ruleIds) {
        for (const state of COUNTED) {
          let ExclusiveStartKey: Record<string, unknown> | undefined;
          do {
            const page = await doc.send(
              new QueryCommand({
                TableName,
                IndexName: index.name,
                KeyConditionExpression: '#p = :p',
                ProjectionExpression: 'severity, accountId, #r',
                ExpressionAttributeNames: { '#p': index.pk, '#r': 'region' },
                ExpressionAttributeValues: { ':p': `${ruleId}#${state}` },
                ExclusiveStartKey,
              }),
            );
            for (const item of page.Items ?? []) {
              const name = counterName(state, String(item['severity']), ruleId, String(item['accountId']), String(item['region']));
              counts.set(name, (counts.get(name) ?? 0) + 1);
            }
            ExclusiveStartKey = page.LastEvaluatedKey;
          } while (ExclusiveStartKey);
        }
      }
      // A fresh item replaces the old one whole: counters of groups that emptied disappear.
      await doc.send(new PutCommand({ TableName, Item: { pk: SUMMARY_PK, sk: COUNTS_SK, updatedAt: now.toISOString(), reconciledAt: now.toISOString(), ...Object.fromEntries(counts) } }));
    },
  };
}

/** The counters as GET /summary reads them: one GetItem-sized Query. */
export async function readSummaryCounts(doc: Doc, TableName: string): Promise<SummaryCounts & { readonly stale?: boolean }> {
  const result = await doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p AND sk = :s', ExpressionAttributeValues: { ':p': SUMMARY_PK, ':s': COUNTS_SK } }));
  const item = result.Items?.[0] ?? {};
  const groups: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COUNTER_PREFIX) && typeof value === 'number' && value !== 0) groups[name.slice(COUNTER_PREFIX.length)] = value;
  }
  return { groups, updatedAt: typeof item['updatedAt'] === 'string' ? item['updatedAt'] : undefined, stale: item['stale'] === true };
}
