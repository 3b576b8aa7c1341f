/**
 * The notify and redeliver use-cases (DESIGN §4-5, docs/alerts.md): transitions from a stream
 * batch become alerts per channel, recorded in the ledger before they are sent.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import type { Suppression } from '../domain/suppression.ts';
import { alertId, alertsForChannel, channelMatches, ChannelType, DEFAULT_TEAM_TAG, DIGEST_THRESHOLD, digestOf, expiringSuppressionsAlertId, type Alert, type Channel, type ExpiringSuppressionsAlert, type TransitionAlert } from './notify-alerts.ts';
import { recordHeartbeat } from './heartbeat.ts';
import { type AlertLedger, type AlertSender, type SendOutcome } from './notify-ports.ts';
import { HeartbeatKind, type HeartbeatRecorder } from './ports.ts';
import { isFindingRecord, isMalformedStreamRecordError, netTransitions, transitionOfRecord, type FindingTransition } from './notify-transitions.ts';
import { mapLimit } from './map-limit.ts';

export interface NotifyDeps {
  readonly channels: readonly Channel[];
  /** A sender per channel id. */
  readonly senders: Readonly<Record<string, AlertSender>>;
  readonly ledger: AlertLedger;
  /** The resource tag naming its team (default `vigil:team`), read from the finding's copy of the resource's tags. */
  readonly teamTagKey?: string;
  readonly now: () => Date;
  /** Milliseconds left in the invocation (Lambda context); default unbounded. */
  readonly remainingTimeMs?: () => number;
  /** How long a sender holds an entry before a drain may take it over. Default 15 min (longer than notify's timeout). */
  readonly leaseMs?: number;
  /** Counts a permanently failed alert (the FAILED-alerts metric). */
  readonly onFailed?: (alert: Alert, reason: string) => void;
  /**
   * Where an invocation that delivered at least one alert leaves the time it finished, for
   * GET /health: once per invocation, never per alert. Absent: not recorded.
   */
  readonly heartbeats?: HeartbeatRecorder | undefined;
  /**
   * How long a sweep must have added no held transition to a channel before redeliver sends
   * them (one digest, or single alerts below DIGEST_THRESHOLD). Default SWEEP_QUIET_MS.
   */
  readonly sweepQuietMs?: number;
  /**
   * Hold a sweep's transitions for its digest (default true). A runtime with no scheduled
   * redeliver (local mode hands a whole sweep's stream to notify in one batch) passes false: the
   * sweep's transitions are then grouped per batch like any others.
   */
  readonly holdSweeps?: boolean;
}

export interface DeliveryCounts {
  delivered: number;
  failed: number;
  /** Left PENDING for the redeliver function. */
  pending: number;
}

export interface DeliveryResult extends DeliveryCounts {
  /** Why the alert heartbeat could not be recorded (the alerts are out all the same). */
  readonly heartbeatError?: string | undefined;
}

export interface NotifyResult extends DeliveryResult {
  readonly transitions: number;
  /** Ledger entries created by this batch. */
  readonly created: number;
  /** Alerts of this batch the ledger already had (a redelivered batch). */
  readonly duplicates: number;
  /** Of the entries created: held for their sweep's digest (sent by redeliver once the sweep is quiet). */
  readonly held: number;
  /** Transitions that say nothing once the batch is seen whole (a finding that opened and resolved in it): not alerted. */
  readonly folded: number;
  /** The first record that does not read as a finding: reported as a batch item failure. */
  readonly malformed?: { readonly sequenceNumber: string; readonly reason: string } | undefined;
}

/**
 * A sweep is over, for a channel, when it has added no held transition for this long: 10 minutes.
 * Within a sweep the gaps are short (continuations hand over at once, dependents are one SQS hop,
 * rechecks wait 30 s, a stream batch gathers for 5 s) except one: an evaluation batch that failed
 * comes back after the evaluation queue's visibility timeout (6 min) plus its run (≤ 1 min). Ten
 * minutes covers that retry, so its transitions join the sweep's digest instead of trailing it as
 * a second message; run every 5 minutes, redeliver sends a sweep's digest 10 to 15 minutes after
 * its last transition. Nothing a sweep finds is urgent in minutes (it finds drift that change
 * events missed, a day late at worst); change events alert at once.
 */
export const SWEEP_QUIET_MS = 10 * 60_000;

/** The `via` of a held transition that a later one of the same sweep cancelled (see netTransitions). */
const FOLDED_INTO_SWEEP = 'folded into sweep ';

/** A quiet sweep is released only with this much of the invocation left (marking thousands of entries takes seconds). */
const RELEASE_MARGIN_MS = 60_000;

/** Stop sending this long before the invocation ends: the ledger writes still need time. */
const SAFETY_MS = 3_000;
const DEFAULT_LEASE_MS = 15 * 60_000;

/**
 * Turns one stream batch into alerts, exactly once per (transition, channel):
 * 1. the batch's transitions (transitionOfRecord), routed to channels (severity, rules, types,
 *    team tag); a channel getting 10 or more gets one digest instead;
 * 2. every alert written PENDING with a conditional put (an alert the ledger already has, from a
 *    redelivered batch, is not sent again);
 * 3. sent, in order, then marked DELIVERED (or FAILED when the channel refuses it for good).
 * A channel with older PENDING entries (an outage) is drained in order instead, so a finding's
 * alerts never overtake each other. A transient failure leaves the entry PENDING and stops that
 * channel for this invocation; the redeliver function drains it later.
 *
 * @example
 * const result = await notifyTransitions(event.Records, { channels, senders, ledger, now: () => new Date() });
 */
export async function notifyTransitions(records: readonly DynamoDBRecord[], deps: NotifyDeps): Promise<NotifyResult> {
  const transitions: FindingTransition[] = [];
  let malformed: NotifyResult['malformed'];
  for (const record of records) {
    if (!isFindingRecord(record)) continue;
    try {
      const t = transitionOfRecord(record);
      if (t) transitions.push(t);
    } catch (error) {
      if (!isMalformedStreamRecordError(error)) throw error;
      // Records after it are retried with it (ReportBatchItemFailures); the ledger makes that safe.
      malformed = { sequenceNumber: record.dynamodb?.SequenceNumber ?? '', reason: error.message };
      break;
    }
  }
  const counts: DeliveryCounts = { delivered: 0, failed: 0, pending: 0 };
  let created = 0;
  let duplicates = 0;
  let heldCount = 0;
  // A finding that changed and changed back within the batch alerts for neither (netTransitions).
  const { kept, folded } = netTransitions(transitions);
  if (kept.length > 0) {
    const teamTag = deps.teamTagKey ?? DEFAULT_TEAM_TAG;
    const now = deps.now();
    await Promise.all(
      deps.channels.map(async (channel) => {
        const all = kept.filter((t) => channelMatches(channel, t.finding, t.finding.tags?.[teamTag]));
        // A sweep's transitions wait, in the ledger, for the sweep's one digest (redeliver sends it
        // once the sweep is quiet): its evaluations spread over minutes and many stream batches.
        // EventBridge gets one event per transition anyway (its consumers are programs): at once.
        const held = channel.type === ChannelType.eventbridge || deps.holdSweeps === false ? [] : all.flatMap((t) => (t.sweepId === undefined ? [] : [{ alert: transitionAlert(channel, t), sweepId: t.sweepId }]));
        if (held.length > 0) {
          const written = await deps.ledger.createHeld(held, now);
          const fresh = held.filter(({ alert }) => written.get(alert.id) === 'created').length;
          created += fresh;
          heldCount += fresh;
          duplicates += held.length - fresh;
        }
        const matched = held.length === 0 ? all : all.filter((t) => t.sweepId === undefined);
        if (matched.length === 0) return;
        // Older PENDING entries go first: checked before this batch's entries exist.
        const backlog = await deps.ledger.hasPending(channel.id);
        const lease = new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS));
        // Every transition gets its own entry, digest or not: a redelivered batch (or a half of it,
        // as Lambda bisects a failing batch) is recognised transition by transition, and only the
        // transitions no earlier attempt recorded can make a new digest.
        const alerts = alertsForChannel(channel, matched, { digest: false });
        const digestable = alertsForChannel(channel, matched).some((a) => a.kind === 'digest');
        const written = await deps.ledger.createPending(alerts.map((alert) => ({ alert, order: orderOf(alert) })), digestable || !backlog ? lease : undefined, now);
        let fresh: Alert[] = alerts.filter((a) => written.get(a.id) === 'created');
        created += fresh.length;
        duplicates += alerts.length - fresh.length;
        const [digest] = alertsForChannel(channel, fresh.flatMap((a) => (a.kind === 'transition' ? [a.transition] : [])));
        if (digestable && digest?.kind === 'digest') {
          // The digest stands for the fresh transitions: recorded, then they are marked delivered
          // through it. A crash in between leaves them PENDING: the one duplicate window.
          const added = await deps.ledger.createPending([{ alert: digest, order: orderOf(digest) }], backlog ? undefined : lease, now);
          await Promise.all(fresh.map((a) => deps.ledger.markDelivered(a.id, now, digest.id)));
          fresh = added.get(digest.id) === 'created' ? [digest] : [];
          created += fresh.length;
        } else if (digestable && backlog) {
          // Too few fresh ones for a digest, behind older PENDING alerts: the drain sends them in order.
          await Promise.all(fresh.map((a) => deps.ledger.release(a.id, 'queued behind older alerts of the channel', now)));
        }
        // Alerts the ledger already has (a redelivered batch) are not sent again: DELIVERED or
        // FAILED ones are done, PENDING ones belong to the redeliver function.
        const sub = backlog ? await drainChannel(channel, deps) : await sendInOrder(channel, fresh, deps);
        counts.delivered += sub.delivered;
        counts.failed += sub.failed;
        counts.pending += sub.pending;
      }),
    );
  }
  return withHeartbeat({ transitions: transitions.length, created, duplicates, held: heldCount, folded: folded.length, ...counts, malformed }, deps);
}

function transitionAlert(channel: Channel, transition: FindingTransition): TransitionAlert {
  return { kind: 'transition', id: alertId(transition, channel.id), channelId: channel.id, transition };
}

export interface RedeliverResult extends DeliveryResult {
  /** Sweeps whose held transitions became one digest. */
  readonly sweepDigests: number;
  /** Held transitions of quiet sweeps too few for a digest, queued to be sent one by one. */
  readonly released: number;
  /** Transitions still held: their sweep is not quiet yet. */
  readonly held: number;
}

/**
 * Drains every channel's PENDING entries in order (the scheduled redeliver function, every 5
 * minutes). Entries leased by a live sender are skipped; one whose lease ran out is taken over.
 * First, each quiet sweep's held transitions join the drain: as one digest, or one by one.
 */
export async function redeliverPending(deps: Omit<NotifyDeps, 'teamTagKey'>): Promise<RedeliverResult> {
  const counts: DeliveryCounts = { delivered: 0, failed: 0, pending: 0 };
  const sweeps = { sweepDigests: 0, released: 0, held: 0 };
  await Promise.all(
    deps.channels.map(async (channel) => {
      const released = await releaseQuietSweeps(channel, deps);
      sweeps.sweepDigests += released.sweepDigests;
      sweeps.released += released.released;
      sweeps.held += released.held;
      const sub = await drainChannel(channel, deps);
      counts.delivered += sub.delivered;
      counts.failed += sub.failed;
      counts.pending += sub.pending;
    }),
  );
  return withHeartbeat({ ...counts, ...sweeps }, deps);
}

/**
 * A channel's held transitions, by sweep. A sweep quiet for `sweepQuietMs` becomes one digest
 * (DIGEST_THRESHOLD transitions or more): its transitions tagged with the digest's id, the digest
 * recorded PENDING and unleased, then its transitions marked DELIVERED through it, as a batch
 * digest's are; fewer join the channel's drain order one by one. Either way the drain that follows
 * sends them. The digest's id hashes the ids it stands for, so two runs at once, or a run after
 * one that died before recording it, make the same digest, which the ledger records once; a run
 * after one that died while marking finishes the tagged rest through the recorded digest.
 * Transitions of the sweep held after that (a late retry) make their own group later.
 */
async function releaseQuietSweeps(channel: Channel, deps: Omit<NotifyDeps, 'teamTagKey'>): Promise<Omit<RedeliverResult, keyof DeliveryResult>> {
  const out = { sweepDigests: 0, released: 0, held: 0 };
  const bySweep = new Map<string, { latest: string; alerts: { alert: TransitionAlert; digestId: string | undefined }[] }>();
  for await (const entry of deps.ledger.listHeld(channel.id)) {
    if (entry.alert.kind !== 'transition') continue;
    let sweep = bySweep.get(entry.sweepId);
    if (!sweep) bySweep.set(entry.sweepId, (sweep = { latest: entry.heldAt, alerts: [] }));
    if (entry.heldAt > sweep.latest) sweep.latest = entry.heldAt;
    sweep.alerts.push({ alert: entry.alert, digestId: entry.digestId });
  }
  const now = deps.now();
  const quietMs = deps.sweepQuietMs ?? SWEEP_QUIET_MS;
  const remaining = deps.remainingTimeMs ?? (() => Number.POSITIVE_INFINITY);
  for (const [sweepId, { latest, alerts: tagged }] of bySweep) {
    // Not started this late: the next run, 5 minutes on, takes the sweep whole rather than this
    // one timing out half way (which loses nothing, but costs a run).
    if (now.getTime() - Date.parse(latest) < quietMs || remaining() < RELEASE_MARGIN_MS) {
      out.held += tagged.length;
      continue;
    }
    // Entries tagged for a digest the ledger has: an earlier run recorded it and was cut short
    // while marking them. They are finished through it, not put in a second digest.
    const alerts: TransitionAlert[] = [];
    const finished: { id: string; via: string }[] = [];
    const recorded = new Map<string, boolean>();
    for (const { alert, digestId } of tagged) {
      if (digestId !== undefined && !recorded.has(digestId)) recorded.set(digestId, (await deps.ledger.get(digestId)) !== undefined);
      if (digestId !== undefined && recorded.get(digestId)) finished.push({ id: alert.id, via: digestId });
      else alerts.push(alert);
    }
    await mapLimit(finished, 16, ({ id, via }) => deps.ledger.markDelivered(id, now, via));
    // A finding the sweep opened and then resolved (evaluated before what its rule depends on) is
    // no change: its transitions are finished as folded into the sweep, and neither is sent.
    const net = netTransitions(alerts.map((a) => ({ ...a.transition, alert: a })));
    const sent = net.kept.map((t) => t.alert);
    await mapLimit(net.folded, 16, (t) => deps.ledger.markDelivered(t.alert.id, now, `${FOLDED_INTO_SWEEP}${sweepId}`));
    if (sent.length >= DIGEST_THRESHOLD) {
      // Tagged, recorded, marked: each step repeatable, so a run that dies anywhere loses nothing
      // and the next one sends no second digest for the same transitions.
      const digest = digestOf(channel.id, sent, sweepId);
      await mapLimit(sent, 16, async (a) => void (await deps.ledger.tagHeld(a.id, channel.id, digest.id)));
      await deps.ledger.createPending([{ alert: digest, order: orderOf(digest) }], undefined, now);
      await mapLimit(sent, 16, (a) => deps.ledger.markDelivered(a.id, now, digest.id));
      out.sweepDigests++;
    } else {
      for (const a of sent) if (await deps.ledger.enqueueHeld(a.id, channel.id, orderOf(a))) out.released++;
    }
  }
  return out;
}

/**
 * The weekly digest of suppressions expiring within 7 days, one per channel. Its id hashes the
 * channel and the week, so a retried schedule sends it once.
 */
export async function notifyExpiringSuppressions(
  deps: Omit<NotifyDeps, 'teamTagKey'> & { readonly listSuppressions: () => Promise<readonly Suppression[]> },
): Promise<DeliveryResult & { readonly expiring: number }> {
  const now = deps.now();
  const horizon = now.getTime() + 7 * 86_400_000;
  const expiring = (await deps.listSuppressions())
    .filter((s) => Date.parse(s.expiresAt) > now.getTime() && Date.parse(s.expiresAt) <= horizon)
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const counts: DeliveryCounts = { delivered: 0, failed: 0, pending: 0 };
  if (expiring.length === 0) return { ...counts, expiring: 0 };
  const week = isoWeek(now);
  await Promise.all(
    deps.channels.map(async (channel) => {
      const alert: ExpiringSuppressionsAlert = {
        kind: 'expiring-suppressions',
        id: expiringSuppressionsAlertId(channel.id, week),
        channelId: channel.id,
        at: now.toISOString(),
        suppressions: expiring.map((s) => ({ id: s.id, ruleId: s.ruleId, reason: s.reason, createdBy: s.createdBy, expiresAt: s.expiresAt, resourcePattern: s.resourcePattern })),
      };
      const written = await deps.ledger.createPending([{ alert, order: orderOf(alert) }], new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS)), now);
      if (written.get(alert.id) !== 'created') return;
      const sub = await sendInOrder(channel, [alert], deps);
      counts.delivered += sub.delivered;
      counts.failed += sub.failed;
      counts.pending += sub.pending;
    }),
  );
  return withHeartbeat({ ...counts, expiring: expiring.length }, deps);
}

/** After the last send of an invocation that delivered something: the alert heartbeat, once. */
async function withHeartbeat<T extends DeliveryCounts>(result: T, deps: Pick<NotifyDeps, 'heartbeats' | 'now'>): Promise<T & DeliveryResult> {
  if (result.delivered === 0) return result;
  const heartbeatError = await recordHeartbeat(deps.heartbeats, HeartbeatKind.alert, deps.now());
  return heartbeatError ? { ...result, heartbeatError } : result;
}

/** "2026-W49": the ISO week of a date (UTC). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Sends alerts this invocation holds the lease of, in order, stopping at the first transient failure. */
async function sendInOrder(channel: Channel, alerts: readonly Alert[], deps: NotifyDeps): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, failed: 0, pending: 0 };
  const sender = senderOf(channel, deps);
  const remaining = deps.remainingTimeMs ?? (() => Number.POSITIVE_INFINITY);
  let stopped: string | undefined;
  for (let i = 0; i < alerts.length; i += sender.batchSize) {
    const chunk = alerts.slice(i, i + sender.batchSize);
    if (stopped === undefined && remaining() < SAFETY_MS) stopped = 'the invocation ran out of time';
    const outcomes: readonly SendOutcome[] = stopped === undefined ? await sender.send(chunk, { remainingTimeMs: () => remaining() - SAFETY_MS }) : chunk.map(() => ({ kind: 'retry', reason: stopped ?? '' }));
    await record(chunk, outcomes, counts, deps);
    const retry = outcomes.find((o) => o.kind === 'retry');
    if (retry && stopped === undefined) stopped = retry.reason;
  }
  return counts;
}

/** The channel's PENDING entries, oldest first: claimed, sent, recorded; stops at the first transient failure. */
async function drainChannel(channel: Channel, deps: NotifyDeps): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { delivered: 0, failed: 0, pending: 0 };
  const sender = senderOf(channel, deps);
  const remaining = deps.remainingTimeMs ?? (() => Number.POSITIVE_INFINITY);
  let chunk: Alert[] = [];
  let stopped = false;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const outcomes = await sender.send(chunk, { remainingTimeMs: () => remaining() - SAFETY_MS });
    await record(chunk, outcomes, counts, deps);
    if (outcomes.some((o) => o.kind === 'retry')) stopped = true;
    chunk = [];
  };
  for await (const entry of deps.ledger.listPending(channel.id)) {
    if (stopped || remaining() < SAFETY_MS) {
      counts.pending++;
      continue;
    }
    const now = deps.now();
    if (!(await deps.ledger.claim(entry.alert.id, new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS)), now))) {
      // Another sender holds it (a live notify invocation): everything after it on this channel
      // waits too, or a finding's later alert could overtake it.
      counts.pending++;
      stopped = true;
      continue;
    }
    chunk.push(entry.alert);
    if (chunk.length >= sender.batchSize) await flush();
  }
  await flush();
  return counts;
}

async function record(alerts: readonly Alert[], outcomes: readonly SendOutcome[], counts: DeliveryCounts, deps: NotifyDeps): Promise<void> {
  const now = deps.now();
  await Promise.all(
    alerts.map(async (alert, i) => {
      const outcome = outcomes[i] ?? { kind: 'retry', reason: 'the sender returned no outcome' };
      if (outcome.kind === 'delivered') {
        await deps.ledger.markDelivered(alert.id, now);
        counts.delivered++;
      } else if (outcome.kind === 'failed') {
        await deps.ledger.markFailed(alert.id, outcome.reason, now);
        deps.onFailed?.(alert, outcome.reason);
        counts.failed++;
      } else {
        await deps.ledger.release(alert.id, outcome.reason, now);
        counts.pending++;
      }
    }),
  );
}

function senderOf(channel: Channel, deps: Pick<NotifyDeps, 'senders'>): AlertSender {
  const sender = deps.senders[channel.id];
  if (!sender) throw new Error(`no sender for channel ${channel.id}`);
  return sender;
}

/**
 * A channel's pending entries sort by time, then stream order, then finding and version:
 * redelivery keeps each finding's alerts in order, and the channel in the order things happened.
 */
export function orderOf(alert: Alert): string {
  if (alert.kind === 'transition') {
    const t = alert.transition;
    return `${t.at}#${(t.sequenceNumber ?? '').padStart(40, '0')}#${t.findingKey}#${String(t.version).padStart(10, '0')}`;
  }
  return `${alert.at}#~${alert.kind}#${alert.id}`;
}

