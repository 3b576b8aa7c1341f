/**
 * The delivery ledger on the findings table (DESIGN §4): one item per (transition, channel).
 *
 * | item  | pk               | sk    | index keys (while PENDING) |
 * |-------|------------------|-------|----------------------------|
 * | alert | ALERT#{alertId}  | ALERT | pendingPk = PENDING#{channelId}, pendingSk = {order}#{alertId} |
 * | held  | ALERT#{alertId}  | ALERT | pendingPk = HELD#{channelId}, pendingSk = {sweepId}#{alertId} (a sweep's transition awaiting its digest) |
 *
 * Every write is one conditional item write (no transactions): the put refuses an existing id, so
 * a redelivered stream batch creates nothing; claim, DELIVERED and FAILED are conditional on the
 * entry still being PENDING. Delivered and failed entries keep no index keys and expire by TTL.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../app/notify-alerts.ts';
import { LedgerStatus, type AlertLedger, type HeldEntry, type LedgerEntry } from '../app/notify-ports.ts';
import { CorruptLedgerEntryError, toEntry } from './alert-ledger-entry.ts';
import { mapLimit } from '../app/map-limit.ts';

export { CorruptLedgerEntryError } from './alert-ledger-entry.ts';

export const alertLedgerIamActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] as const;

export interface AlertLedgerOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long a finished entry stays (TTL): the window in which a redelivered batch is recognised. Default 30 days (a stream keeps records 24 h). */
  readonly retentionDays?: number;
}

const PENDING_INDEX = 'pending-alerts';
const SK = 'ALERT';

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

  /** One conditional put per entry: `created`, or the status the ledger already has (a redelivered batch). */
  async function putNew(entries: readonly { readonly alert: Alert; readonly extra: Record<string, unknown> }[], now: Date): Promise<Map<string, 'created' | LedgerStatus>> {
    const out = new Map<string, 'created' | LedgerStatus>();
    await mapLimit(entries, 16, async ({ alert, extra }) => {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...key(alert.id), kind: 'alert', channelId: alert.channelId, status: LedgerStatus.PENDING, alert: JSON.stringify(alert), createdAt: now.toISOString(), attempts: 0, ...extra },
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
  }

  /** An update of an entry that is still PENDING and held on the channel; false when it no longer is. */
  async function updateHeld(id: string, channelId: string, UpdateExpression: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: key(id),
          UpdateExpression,
          ConditionExpression: '#status = :pending AND pendingPk = :held',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':pending': LedgerStatus.PENDING, ':held': `HELD#${channelId}` },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  return {
    createPending: (entries, leaseUntil, now) =>
      putNew(
        entries.map(({ alert, order }) => ({ alert, extra: { pendingPk: `PENDING#${alert.channelId}`, pendingSk: `${order}#${alert.id}`, leaseUntil: leaseUntil?.toISOString() } })),
        now,
      ),

    // Held entries sit in the same sparse index under their own partition, sorted by sweep: the
    // channel's drain (PENDING#…) never sees them, and one Query lists every sweep still held.
    createHeld: (entries, now) =>
      putNew(
        entries.map(({ alert, sweepId }) => ({ alert, extra: { pendingPk: `HELD#${alert.channelId}`, pendingSk: `${sweepId}#${alert.id}`, heldFor: sweepId } })),
        now,
      ),

    async *listHeld(channelId) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({ TableName, IndexName: PENDING_INDEX, KeyConditionExpression: 'pendingPk = :p', ExpressionAttributeValues: { ':p': `HELD#${channelId}` }, ExclusiveStartKey }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
        for (const item of page.Items ?? []) {
          const entry = toEntry(item);
          const sweepId = item['heldFor'];
          const heldAt = item['createdAt'];
          const digestId = typeof item['digestId'] === 'string' ? item['digestId'] : undefined;
          if (typeof sweepId !== 'string' || typeof heldAt !== 'string') throw new CorruptLedgerEntryError(`ledger entry ${String(item['pk'])}: held without heldFor or createdAt`);
          // The index is eventually consistent: an entry delivered a moment ago may still show.
          if (entry.status === LedgerStatus.PENDING) yield { ...entry, sweepId, heldAt, digestId } satisfies HeldEntry;
        }
      } while (ExclusiveStartKey);
    },

    enqueueHeld: (id, channelId, order) => updateHeld(id, channelId, 'SET pendingPk = :queue, pendingSk = :sk', { ':queue': `PENDING#${channelId}`, ':sk': `${order}#${id}` }),
    tagHeld: (id, channelId, digestId) => updateHeld(id, channelId, 'SET digestId = :digest', { ':digest': digestId }),

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

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

