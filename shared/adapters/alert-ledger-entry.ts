/**
 * A delivery-ledger item read back (shared/adapters/alert-ledger.ts): the alert createPending
 * stored, validated, so a corrupt item names itself instead of reaching a channel.
 */
import * as z from '../zod.ts';
import type { Alert } from '../app/notify-alerts.ts';
import { findingImageSchema, TransitionKind } from '../app/notify-transitions.ts';
import { Severity } from '../domain/severity.ts';
import { LedgerStatus, type LedgerEntry } from '../app/notify-ports.ts';

const entrySchema = z.object({
  alert: z.string(),
  status: z.enum(LedgerStatus),
  attempts: z.optional(z.number()),
  lastError: z.optional(z.string()),
});

/** An alert as createPending stored it (shared/app/notify-alerts.ts), validated when read back. */
const severity = z.enum(Severity);
const transitionKind = z.enum(TransitionKind);
const suppressionRef = z.object({ id: z.string(), reason: z.string(), expiresAt: z.optional(z.string()) });
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
      sequenceNumber: z.optional(z.string()),
      finding: findingImageSchema,
      openedAt: z.optional(z.string()),
      resourceDeleted: z.optional(z.boolean()),
      endedSuppression: z.optional(suppressionRef),
      sweepId: z.optional(z.string()),
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
        resourceName: z.optional(z.string()),
        accountId: z.string(),
        region: z.string(),
        reason: z.string(),
      }),
    ),
    since: z.string(),
    sweepId: z.optional(z.string()),
  }),
  z.object({
    kind: z.literal('expiring-suppressions'),
    id: z.string(),
    channelId: z.string(),
    at: z.string(),
    suppressions: z.array(
      z.object({ id: z.string(), ruleId: z.string(), reason: z.string(), createdBy: z.string(), expiresAt: z.string(), resourcePattern: z.optional(z.string()) }),
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
