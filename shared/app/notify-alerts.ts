/**
 * Channels and alerts: which channel hears of which transition, the alert's identity in the
 * delivery ledger, and the digest that replaces a flood. Pure.
 */
import { createHash } from 'node:crypto';
import * as z from '../zod.ts';
import { SEVERITIES, Severity, atOrAbove, severityRank } from '../domain/severity.ts';
import type { FindingImage, FindingTransition, TransitionKind } from './notify-transitions.ts';

export const ChannelType = { slack: 'slack', sns: 'sns', eventbridge: 'eventbridge' } as const;
export type ChannelType = (typeof ChannelType)[keyof typeof ChannelType];

/** Defaults: Slack from medium severity, SNS from high, EventBridge everything (it is for machines). */
export const DEFAULT_MIN_SEVERITY: Readonly<Record<ChannelType, Severity>> = {
  slack: Severity.medium,
  sns: Severity.high,
  eventbridge: Severity.informational,
};

/** The resource tag that names a resource's team (overridable per stage). */
export const DEFAULT_TEAM_TAG = 'vigil:team';

/** A channel this many transitions of one batch (or sweep) would get receives one digest instead. */
export const DIGEST_THRESHOLD = 10;

const nonEmpty = () => z.string().check(z.minLength(1));
const channelSchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)')),
  type: z.enum(ChannelType),
  /** Slack: the name or ARN of the secret (or SSM SecureString parameter) holding the webhook URL; SNS: the topic ARN; EventBridge: the bus name or ARN. */
  target: nonEmpty(),
  minSeverity: z.optional(z.enum(Severity)),
  match: z.optional(
    z.strictObject({
      ruleIds: z.optional(z.array(nonEmpty()).check(z.minLength(1))),
      resourceTypes: z.optional(z.array(nonEmpty()).check(z.minLength(1))),
      /** Only resources whose team tag has this value. */
      team: z.optional(nonEmpty()),
    }),
  ),
});

export const channelsSchema = z.array(channelSchema).check(
  z.superRefine((channels, ctx) => {
    const seen = new Set<string>();
    channels.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate channel id ${c.id}` });
      seen.add(c.id);
    });
  }),
);

export type ChannelInput = z.infer<typeof channelSchema>;
export interface Channel extends ChannelInput {
  readonly minSeverity: Severity;
}

/** A channel list that cannot be used, naming the field at fault. */
export class InvalidChannelsError extends Error {
  override readonly name = 'InvalidChannelsError';
}

/**
 * Validates a stage's channel list (the `alertChannels` parameter, JSON) and fills defaults.
 *
 * @throws InvalidChannelsError naming the channel index and field.
 * @example
 * parseChannels([{ id: 'ops', type: 'slack', target: 'vigil/slack-webhook' }]); // minSeverity: 'medium'
 */
export function parseChannels(input: unknown): Channel[] {
  const parsed = channelsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidChannelsError(`channels[${issue?.path.join('.') ?? ''}]: ${issue?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  return parsed.data.map((c) => ({ ...c, minSeverity: c.minSeverity ?? DEFAULT_MIN_SEVERITY[c.type] }));
}

/** True when the channel wants this finding's alerts. `team` is the resource's team tag, if any. */
export function channelMatches(channel: Channel, finding: FindingImage, team: string | undefined): boolean {
  if (!atOrAbove(finding.severity, channel.minSeverity)) return false;
  const m = channel.match;
  if (m?.ruleIds && !m.ruleIds.includes(finding.ruleId)) return false;
  if (m?.resourceTypes && !m.resourceTypes.includes(finding.resourceType)) return false;
  if (m?.team !== undefined && m.team !== team) return false;
  return true;
}

export interface TransitionAlert {
  readonly kind: 'transition';
  readonly id: string;
  readonly channelId: string;
  readonly transition: FindingTransition;
}

export interface DigestFinding {
  readonly transition: TransitionKind;
  readonly severity: Severity;
  readonly ruleId: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string | undefined;
  readonly accountId: string;
  readonly region: string;
  readonly reason: string;
}

export interface DigestAlert {
  readonly kind: 'digest';
  readonly id: string;
  readonly channelId: string;
  readonly at: string;
  readonly total: number;
  readonly bySeverity: Readonly<Partial<Record<Severity, number>>>;
  readonly byTransition: Readonly<Partial<Record<TransitionKind, number>>>;
  /** The 10 rules with the most transitions. */
  readonly topRules: readonly { readonly ruleId: string; readonly count: number }[];
  /** The 5 most severe transitions. */
  readonly topFindings: readonly DigestFinding[];
  /** The earliest transition's time: "changed since" for the query that lists the rest. */
  readonly since: string;
  /** A sweep's digest: the sweep whose transitions it stands for (absent: one stream batch's). */
  readonly sweepId?: string | undefined;
}

export interface ExpiringSuppressionsAlert {
  readonly kind: 'expiring-suppressions';
  readonly id: string;
  readonly channelId: string;
  readonly at: string;
  readonly suppressions: readonly { readonly id: string; readonly ruleId: string; readonly reason: string; readonly createdBy: string; readonly expiresAt: string; readonly resourcePattern?: string | undefined }[];
}

export type Alert = TransitionAlert | DigestAlert | ExpiringSuppressionsAlert;

function hashId(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/**
 * The alert id: a hash of the finding, its version, the transition and the channel. A stream
 * batch delivered twice yields the same ids, which is what makes the ledger's conditional put
 * refuse the second one.
 */
export function alertId(transition: Pick<FindingTransition, 'findingKey' | 'version' | 'kind'>, channelId: string): string {
  return hashId(transition.findingKey, String(transition.version), transition.kind, channelId);
}

/** The weekly expiring-suppressions digest's id: one per channel and ISO week. */
export function expiringSuppressionsAlertId(channelId: string, isoWeek: string): string {
  return hashId('expiring-suppressions', channelId, isoWeek);
}

/**
 * What one channel gets from one batch of transitions: an alert each, or, from DIGEST_THRESHOLD
 * transitions on (and never for EventBridge, whose consumers are programs), one digest whose id
 * hashes the ids it stands for.
 */
export function alertsForChannel(channel: Channel, transitions: readonly FindingTransition[], options: { readonly digest?: boolean } = {}): Alert[] {
  const alerts: TransitionAlert[] = transitions.map((t) => ({ kind: 'transition', id: alertId(t, channel.id), channelId: channel.id, transition: t }));
  if (options.digest === false || channel.type === ChannelType.eventbridge || alerts.length < DIGEST_THRESHOLD) return alerts;
  return [digestOf(channel.id, alerts)];
}

export function digestOf(channelId: string, alerts: readonly TransitionAlert[], sweepId?: string): DigestAlert {
  const bySeverity: Partial<Record<Severity, number>> = {};
  const byTransition: Partial<Record<TransitionKind, number>> = {};
  const byRule = new Map<string, number>();
  let since = alerts[0]?.transition.at ?? '';
  let at = since;
  for (const { transition: t } of alerts) {
    bySeverity[t.finding.severity] = (bySeverity[t.finding.severity] ?? 0) + 1;
    byTransition[t.kind] = (byTransition[t.kind] ?? 0) + 1;
    byRule.set(t.finding.ruleId, (byRule.get(t.finding.ruleId) ?? 0) + 1);
    if (t.at < since) since = t.at;
    if (t.at > at) at = t.at;
  }
  const topRules = [...byRule]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([ruleId, count]) => ({ ruleId, count }));
  const topFindings = [...alerts]
    .sort((a, b) => severityRank(a.transition.finding.severity) - severityRank(b.transition.finding.severity) || a.transition.findingKey.localeCompare(b.transition.findingKey))
    .slice(0, 5)
    .map(({ transition: t }) => ({
      transition: t.kind,
      severity: t.finding.severity,
      ruleId: t.finding.ruleId,
      resourceType: t.finding.resourceType,
      resourceId: t.finding.resourceId,
      resourceName: t.finding.resourceName,
      accountId: t.finding.accountId,
      region: t.finding.region,
      reason: t.finding.reason,
    }));
  const orderedSeverity: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) if (bySeverity[s] !== undefined) orderedSeverity[s] = bySeverity[s];
  return {
    kind: 'digest',
    id: hashId('digest', channelId, ...alerts.map((a) => a.id).sort()),
    channelId,
    at,
    total: alerts.length,
    bySeverity: orderedSeverity,
    byTransition,
    topRules,
    topFindings,
    since,
    ...(sweepId !== undefined ? { sweepId } : {}),
  };
}

/** The highest severity an alert carries (a digest: its most severe transition). */
export function alertSeverity(alert: Alert): Severity {
  if (alert.kind === 'transition') return alert.transition.finding.severity;
  if (alert.kind === 'digest') return SEVERITIES.find((s) => (alert.bySeverity[s] ?? 0) > 0) ?? Severity.informational;
  return Severity.informational;
}

/** The API query and CLI command that list what a digest summarizes. */
export function digestQuery(digest: Pick<DigestAlert, 'since'>): { readonly api: string; readonly cli: string } {
  return {
    api: `GET /findings?since=${encodeURIComponent(digest.since)}`,
    cli: `vigil findings --since ${digest.since}`,
  };
}

/** Where a person looks at the resource: its AWS Config timeline, which exists for every recorded type. */
export function consoleUrl(f: Pick<FindingImage, 'region' | 'resourceType' | 'resourceId'>): string {
  const region = f.region === 'global' || f.region === 'aws-global' ? 'us-east-1' : f.region;
  return `https://${region}.console.aws.amazon.com/config/home?region=${region}#/resources/details?resourceId=${encodeURIComponent(f.resourceId)}&resourceType=${encodeURIComponent(f.resourceType)}`;
}

/** "3 d 4 h", "2 h 5 min", "40 s": how long between two ISO times. */
export function humanDuration(fromIso: string, toIso: string): string {
  const ms = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  if (!Number.isFinite(ms)) return 'unknown';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}
