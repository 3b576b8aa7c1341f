/**
 * The delivery ledger on the findings table (DESIGN §4): one item per (transition, channel).
 *
 * | item  | pk               | sk    | index keys (while PENDING) |
 * |-------|------------------|-------|----------------------------|
 * | alert | ALERT#{alertId}  | ALERT | pendingPk = PENDING#{channelId}, pendingSk = {order}#{alertId} |
 *
 * Every write is one conditional item write (no transactions): the put refuses an existing id, so
 * a redelivered stream batch creates nothing; claim, DELIVERED and FAILED are conditional on the
 * entry still being PENDING. Delivered and failed entries keep no index keys and expire by TTL.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Alert } from '../app/notify-alerts.ts';
import { findingImageSchema, TransitionKind } from '../app/notify-transitions.ts';
import { Severity } from '../domain/severity.ts';
import { LedgerStatus, type AlertLedger, type LedgerEntry } from '../app/notify-ports.ts';

export const alertLedgerIamActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] as const;

export interface AlertLedgerOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long a finished entry stays (TTL): the window in which a redelivered batch is recognised. Default 30 days (a stream keeps records 24 h). */
  readonly retentionDays?: number;
}

const PENDING_INDEX = 'pending-alerts';
const SK = 'ALERT';

const entrySchema = z.object({
  alert: z.string(),
  status: z.enum(LedgerStatus),
  attempts: z.number().optional(),
  lastError: z.string().optional(),
});

/** An alert as createPending stored it (shared/app/notify-alerts.ts), validated when read back. */
const severity = z.enum(Severity);
const transitionKind = z.enum(TransitionKind);
const suppressionRef = z.object({ id: z.string(), reason: z.string(), expiresAt: z.string().optional() });
const alertSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('transition'),
    id: z.string(),
    channelId: z.string(),
    transition: z.object({
      kind: transitionKind,
      findingKey: z.string(),
      version: z.number(),
      at: z.string(),
      sequenceNumber: z.string().optional(),
      finding: findingImageSchema,
      openedAt: z.string().optional(),
      resourceDeleted: z.boolean().optional(),
      endedSuppression: suppressionRef.optional(),
    }),
  }),
  z.object({
    kind: z.literal('digest'),
    id: z.string(),
    channelId: z.string(),
    at: z.string(),
    total: z.number(),
    bySeverity: z.partialRecord(severity, z.number()),
    byTransition: z.partialRecord(transitionKind, z.number()),
    topRules: z.array(z.object({ ruleId: z.string(), count: z.number() })),
    topFindings: z.array(
      z.object({
        transition: transitionKind,
        severity,
        ruleId: z.string(),
        resourceType: z.string(),
        resourceId: z.string(),
        resourceName: z.string().optional(),
        accountId: z.string(),
        region: z.string(),
        reason: z.string(),
      }),
    ),
    since: z.string(),
  }),
  z.object({
    kind: z.literal('expiring-suppressions'),
    id: z.string(),
    channelId: z.string(),
    at: z.string(),
    suppressions: z.array(
      z.object({ id: z.string(), ruleId: z.string(), reason: z.string(), createdBy: z.string(), expiresAt: z.string(), resourcePattern: z.string().optional() }),
    ),
  }),
]);

/** A ledger item that does not read as one. */
export class CorruptLedgerEntryError extends Error {
  override readonly name = 'CorruptLedgerEntryError';
}

/**
 * @example
 * const ledger = createAlertLedger({ client: new DynamoDBClient({}), tableName: 'vigil-prod-findings' });
 */
export function createAlertLedger(options: AlertLedgerOptions): AlertLedger {
  const doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const TableName = options.tableName;
  const retentionSeconds = (options.retentionDays ?? 30) * 86_400;
  const key = (id: string) => ({ pk: `ALERT#${id}`, sk: SK });
  const ttlFrom = (now: Date) => Math.floor(now.getTime() / 1000) + retentionSeconds;

  const finish = async (id: string, status: LedgerStatus, now: Date, reason?: string, via?: string): Promise<void> => {
    try {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: key(id),
          UpdateExpression: `SET #status = :status, finishedAt = :now, #ttl = :ttl, attempts = if_not_exists(attempts, :zero) + :one${reason !== undefined ? ', lastError = :reason' : ''}${via !== undefined ? ', deliveredVia = :via' : ''} REMOVE pendingPk, pendingSk, leaseUntil`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':status': status,
            ':pending': LedgerStatus.PENDING,
            ':now': now.toISOString(),
            ':ttl': ttlFrom(now),
            ':zero': 0,
            ':one': 1,
            ...(reason !== undefined ? { ':reason': reason.slice(0, 1_000) } : {}),
            ...(via !== undefined ? { ':via': via } : {}),
          },
        }),
      );
    } catch (error) {
      // Already finished by another sender (the duplicate window): nothing to record.
      if (!isConditionFailure(error)) throw error;
    }
  };

  async function get(id: string): Promise<LedgerEntry | undefined> {
    const out = await doc.send(new GetCommand({ TableName, Key: key(id), ConsistentRead: true }));
    return out.Item ? toEntry(out.Item) : undefined;
  }

  return {
    async createPending(entries, leaseUntil, now) {
      const out = new Map<string, 'created' | LedgerStatus>();
      await mapLimit(entries, 16, async ({ alert, order }) => {
        try {
          await doc.send(
            new PutCommand({
              TableName,
              Item: {
                ...key(alert.id),
                kind: 'alert',
                channelId: alert.channelId,
                status: LedgerStatus.PENDING,
                alert: JSON.stringify(alert),
                createdAt: now.toISOString(),
                attempts: 0,
                pendingPk: `PENDING#${alert.channelId}`,
                pendingSk: `${order}#${alert.id}`,
                leaseUntil: leaseUntil?.toISOString(),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          out.set(alert.id, 'created');
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          out.set(alert.id, (await get(alert.id))?.status ?? LedgerStatus.PENDING);
        }
      });
      return out;
    },

    async hasPending(channelId) {
      const page = await doc.send(
        new QueryCommand({ TableName, IndexName: PENDING_INDEX, KeyConditionExpression: 'pendingPk = :p', ExpressionAttributeValues: { ':p': `PENDING#${channelId}` }, Limit: 1 }),
      );
      return (page.Items?.length ?? 0) > 0;
    },

    async *listPending(channelId) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName,
            IndexName: PENDING_INDEX,
            KeyConditionExpression: 'pendingPk = :p',
            ExpressionAttributeValues: { ':p': `PENDING#${channelId}` },
            ExclusiveStartKey,
          }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
        for (const item of page.Items ?? []) {
          const entry = toEntry(item);
          // The index is eventually consistent: an entry finished a moment ago may still show.
          if (entry.status === LedgerStatus.PENDING) yield entry;
        }
      } while (ExclusiveStartKey);
    },

    async claim(id, leaseUntil, now) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: key(id),
            UpdateExpression: 'SET leaseUntil = :until',
            ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':until': leaseUntil.toISOString(), ':pending': LedgerStatus.PENDING, ':now': now.toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    markDelivered: (id, now, via) => finish(id, LedgerStatus.DELIVERED, now, undefined, via),
    markFailed: (id, reason, now) => finish(id, LedgerStatus.FAILED, now, reason),

    async release(id, reason, now) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: key(id),
            UpdateExpression: 'SET attempts = if_not_exists(attempts, :zero) + :one, lastError = :reason, lastAttemptAt = :now REMOVE leaseUntil',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':reason': reason.slice(0, 1_000), ':now': now.toISOString(), ':pending': LedgerStatus.PENDING },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    get,
  };
}

function toEntry(item: Record<string, unknown>): LedgerEntry {
  const parsed = entrySchema.safeParse(item);
  if (!parsed.success) throw new CorruptLedgerEntryError(`ledger entry ${String(item['pk'])}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { cause: parsed.error });
  let json: unknown;
  try {
    json = JSON.parse(parsed.data.alert);
  } catch (error) {
    throw new CorruptLedgerEntryError(`ledger entry ${String(item['pk'])}: alert is not JSON`, { cause: error });
  }
  const alert = alertSchema.safeParse(json);
  if (!alert.success) throw new CorruptLedgerEntryError(`ledger entry ${String(item['pk'])}: alert.${alert.error.issues[0]?.path.join('.') ?? ''}: ${alert.error.issues[0]?.message ?? 'invalid'}`);
  const value: Alert = alert.data;
  return { alert: value, status: parsed.data.status, attempts: parsed.data.attempts ?? 0, lastError: parsed.data.lastError };
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
