/**
 * A delivery-ledger item read back (shared/adapters/alert-ledger.ts): the alert createPending
 * stored, validated, so a corrupt item names itself instead of reaching a channel.
 */
import { z } from 'zod';
import type { Alert } from '../app/notify-alerts.ts';
import { findingImageSchema, TransitionKind } from '../app/notify-transitions.ts';
import { Severity } from '../domain/severity.ts';
import { LedgerStatus, type LedgerEntry } from '../app/notify-ports.ts';

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
      sweepId: z.string().optional(),
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
    sweepId: z.string().optional(),
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

export function toEntry(item: Record<string, unknown>): LedgerEntry {
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
