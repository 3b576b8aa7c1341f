/**
 * The ports the notify and redeliver use-cases depend on: a sender per channel and the delivery
 * ledger. Adapters: shared/adapters/{slack,sns,eventbridge}-sender.ts, alert-ledger.ts; local mode
 * adds its own (a console channel).
 */
import type { Alert } from './notify-alerts.ts';

/** What one send attempt of one alert came to. */
export type SendOutcome =
  | { readonly kind: 'delivered' }
  /** Permanent (a webhook answering 404, a topic that does not exist): marked FAILED, never retried. */
  | { readonly kind: 'failed'; readonly reason: string }
  /** Transient (429 past the time left, 5xx, network): stays PENDING for the redeliver function. */
  | { readonly kind: 'retry'; readonly reason: string };

export interface SendContext {
  /** Milliseconds left in the invocation: a sender never waits past it. */
  readonly remainingTimeMs: () => number;
}

/** Delivers alerts to one channel. */
export interface AlertSender {
  /** How many alerts one send takes (EventBridge: 10 entries per PutEvents). */
  readonly batchSize: number;
  /** Outcomes in the order of `alerts`. */
  send(alerts: readonly Alert[], context: SendContext): Promise<readonly SendOutcome[]>;
}

export const LedgerStatus = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const;
export type LedgerStatus = (typeof LedgerStatus)[keyof typeof LedgerStatus];

export interface LedgerEntry {
  readonly alert: Alert;
  readonly status: LedgerStatus;
  /** Send attempts so far. */
  readonly attempts: number;
  readonly lastError?: string | undefined;
}

/**
 * The delivery ledger (an outbox in the findings table): one entry per (transition, channel),
 * written PENDING before the send and DELIVERED (or FAILED) after.
 *
 * An entry is leased while someone sends it: notify creates its entries leased to itself, the
 * redeliver function claims an entry before sending it. A lease that runs out (the sender
 * crashed) makes the entry drainable again: that is the one window for a duplicate.
 */
export interface AlertLedger {
  /**
   * Conditional puts, one per alert: `created` when new, else the status it already has (a
   * redelivered stream batch). `order` sorts a channel's pending entries (time, then finding and
   * version). `leaseUntil` undefined = created unleased (drainable at once).
   */
  createPending(entries: readonly { readonly alert: Alert; readonly order: string }[], leaseUntil: Date | undefined, now: Date): Promise<ReadonlyMap<string, 'created' | LedgerStatus>>;
  /** True when the channel has any PENDING entry. */
  hasPending(channelId: string): Promise<boolean>;
  /** The channel's PENDING entries in order (leased ones included: `claim` decides). */
  listPending(channelId: string): AsyncIterable<LedgerEntry>;
  /** Takes the lease of a PENDING entry whose lease ran out (or never existed); false when someone else holds it or it is no longer PENDING. */
  claim(alertId: string, leaseUntil: Date, now: Date): Promise<boolean>;
  /** `via`: the digest that delivered it. */
  markDelivered(alertId: string, now: Date, via?: string): Promise<void>;
  markFailed(alertId: string, reason: string, now: Date): Promise<void>;
  /** Stays PENDING, lease released, the attempt and its error recorded. */
  release(alertId: string, reason: string, now: Date): Promise<void>;
  /** One entry (tests, the API). */
  get(alertId: string): Promise<LedgerEntry | undefined>;
}
