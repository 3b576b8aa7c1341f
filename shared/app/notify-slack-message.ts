/**
 * Slack Block Kit messages for alerts. Pure: local mode prints the same rendering
 * (slackMessageToText) that Slack receives (renderSlackMessage).
 *
 * Messages are first drafted with untrusted text (resource names, reasons) kept apart from markup,
 * then ONE function, clipSlackMessage, escapes `&`, `<`, `>` and enforces every Block Kit limit
 * (https://api.slack.com/reference/block-kit/blocks): a header ≤ 150 characters, section text
 * ≤ 3,000, ≤ 10 fields of ≤ 2,000 each, ≤ 50 blocks, and ≤ 12,000 characters of text in all.
 */
import { SEVERITIES, type Severity } from '../domain/severity.ts';
import { consoleUrl, digestQuery, humanDuration, type Alert, type DigestAlert, type ExpiringSuppressionsAlert, type TransitionAlert } from './notify-alerts.ts';
import type { TransitionKind } from './notify-transitions.ts';

/** What notify knows of a rule (from the catalog). */
export interface RuleInfo {
  readonly title: string;
  readonly remediation?: { readonly text: string; readonly cli?: string | undefined } | undefined;
}
export type RuleLookup = (ruleId: string) => RuleInfo | undefined;

/** Inline text: plain strings are escaped; markup is produced by the clipper, never by input. */
export type Inline = string | { readonly bold: string } | { readonly code: string } | { readonly link: string; readonly label: string };
export type DraftBlock =
  | { readonly type: 'header'; readonly text: string }
  | { readonly type: 'section'; readonly text?: readonly Inline[]; readonly fields?: readonly (readonly Inline[])[] }
  | { readonly type: 'context'; readonly text: readonly Inline[] }
  | { readonly type: 'divider' };
export interface SlackDraft {
  /** The notification text (shown in notifications and where blocks are not rendered). */
  readonly fallback: readonly Inline[];
  readonly blocks: readonly DraftBlock[];
}

interface TextObject {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
}
export type SlackBlock =
  | { readonly type: 'header'; readonly text: TextObject }
  | { readonly type: 'section'; readonly text?: TextObject; readonly fields?: readonly TextObject[] }
  | { readonly type: 'context'; readonly elements: readonly TextObject[] }
  | { readonly type: 'divider' };
/** The incoming-webhook payload. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

export const SLACK_LIMITS = { blocks: 50, header: 150, sectionText: 3_000, fields: 10, field: 2_000, total: 12_000 } as const;
const ELLIPSIS = '…';

const SEVERITY_MARK: Readonly<Record<Severity, string>> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  informational: '⬜',
};
const TRANSITION_LABEL: Readonly<Record<TransitionKind, string>> = {
  opened: 'Opened',
  regressed: 'Regressed',
  resolved: 'Resolved',
  'suppression-expired': 'Suppression expired',
};

/**
 * The Slack message for an alert: drafted, then escaped and clipped.
 *
 * @example
 * const message = renderSlackMessage(alert, (id) => catalogById.get(id));
 * await fetch(webhookUrl, { method: 'POST', body: JSON.stringify(message) });
 */
export function renderSlackMessage(alert: Alert, rules: RuleLookup): SlackMessage {
  return clipSlackMessage(draftSlackMessage(alert, rules));
}

export function draftSlackMessage(alert: Alert, rules: RuleLookup): SlackDraft {
  if (alert.kind === 'transition') return draftTransition(alert, rules);
  if (alert.kind === 'digest') return draftDigest(alert);
  return draftExpiring(alert);
}

function draftTransition(alert: TransitionAlert, rules: RuleLookup): SlackDraft {
  const t = alert.transition;
  const f = t.finding;
  const rule = rules(f.ruleId);
  const title = rule?.title ?? f.ruleId;
  const label = TRANSITION_LABEL[t.kind];
  const name = f.resourceName ?? f.resourceId;
  const lead: Inline[] = [{ bold: label }];
  if (t.kind === 'resolved') {
    lead.push(t.resourceDeleted ? ': the resource was deleted' : f.status === 'NOT_APPLICABLE' ? ': the rule no longer applies' : ': now compliant');
    if (t.openedAt) lead.push(` after being open for ${humanDuration(t.openedAt, t.at)}`);
  } else if (t.kind === 'suppression-expired') {
    lead.push(': the suppression ended and the finding still fails');
    if (t.endedSuppression) lead.push(` (it said: "${t.endedSuppression.reason}")`);
  } else if (t.kind === 'regressed') {
    lead.push(': was compliant, now fails');
  } else {
    lead.push(': a new finding');
  }
  lead.push('.');
  const blocks: DraftBlock[] = [
    { type: 'header', text: `${SEVERITY_MARK[f.severity]} ${f.severity.toUpperCase()} · ${title}` },
    { type: 'section', text: lead },
    {
      type: 'section',
      fields: [
        [{ bold: 'Resource' }, '\n', { link: consoleUrl(f), label: name }],
        [{ bold: 'Type' }, '\n', f.resourceType],
        [{ bold: 'Account' }, '\n', f.accountId],
        [{ bold: 'Region' }, '\n', f.region],
        [{ bold: 'First seen' }, '\n', f.firstSeenAt],
        ...(t.kind === 'resolved' && t.openedAt ? [[{ bold: 'Open for' }, '\n', humanDuration(t.openedAt, t.at)]] : []),
      ],
    },
    { type: 'section', text: [{ bold: 'Reason' }, '\n', f.reason] },
  ];
  if (t.kind !== 'resolved' && rule?.remediation) {
    const fix: Inline[] = [{ bold: 'Remediation' }, '\n', rule.remediation.text];
    if (rule.remediation.cli) fix.push('\n', { code: rule.remediation.cli });
    blocks.push({ type: 'section', text: fix });
  }
  blocks.push({ type: 'context', text: ['Rule ', { code: f.ruleId }, ` · alert ${alert.id}`] });
  return { fallback: [`${label} ${f.severity}: ${title} on ${name}`], blocks };
}

function draftDigest(alert: DigestAlert): SlackDraft {
  const counts = (record: Readonly<Partial<Record<string, number>>>): string =>
    Object.entries(record)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(' · ');
  const query = digestQuery(alert);
  const worst = SEVERITIES.find((s) => (alert.bySeverity[s] ?? 0) > 0) ?? 'informational';
  const blocks: DraftBlock[] = [
    { type: 'header', text: `${SEVERITY_MARK[worst]} Vigil digest: ${alert.total} finding changes` },
    {
      type: 'section',
      fields: [
        [{ bold: 'By severity' }, '\n', counts(alert.bySeverity)],
        [{ bold: 'By transition' }, '\n', counts(alert.byTransition)],
      ],
    },
    { type: 'section', text: [{ bold: 'Top rules' }, ...alert.topRules.flatMap((r) => ['\n', { code: r.ruleId }, ` ${r.count}`])] },
    {
      type: 'section',
      text: [
        { bold: 'Most severe' },
        ...alert.topFindings.flatMap((f): Inline[] => [
          '\n',
          `${SEVERITY_MARK[f.severity]} ${f.transition}: `,
          { link: consoleUrl(f), label: f.resourceName ?? f.resourceId },
          ' ',
          { code: f.ruleId },
          ` ${f.reason}`,
        ]),
      ],
    },
    { type: 'section', text: [{ bold: 'The rest' }, '\n', { code: query.cli }, '\n', { code: query.api }] },
    { type: 'context', text: [`Changes since ${alert.since}${alert.sweepId !== undefined ? ` · sweep ${alert.sweepId}` : ''} · digest ${alert.id}`] },
  ];
  return { fallback: [`Vigil digest: ${alert.total} finding changes (${counts(alert.byTransition)})`], blocks };
}

function draftExpiring(alert: ExpiringSuppressionsAlert): SlackDraft {
  const blocks: DraftBlock[] = [
    { type: 'header', text: `⏳ ${alert.suppressions.length} suppression(s) expire within 7 days` },
    ...alert.suppressions.map(
      (s): DraftBlock => ({
        type: 'section',
        text: [{ code: s.ruleId }, s.resourcePattern ? ` on ${s.resourcePattern}` : '', ` expires ${s.expiresAt} (by ${s.createdBy}): ${s.reason}`],
      }),
    ),
    { type: 'context', text: ['Renew with ', { code: 'vigil suppress' }, ' or let them lapse: the findings will re-open.'] },
  ];
  return { fallback: [`${alert.suppressions.length} Vigil suppression(s) expire within 7 days`], blocks };
}

/**
 * The one function that escapes and clips. Budgets are spent in order (fallback text, then each
 * block), so the total stays ≤ 12,000 whatever the input; past 50 blocks the last one says how
 * many were left out; a clipped text ends with "…" and never cuts an escape or a link in half.
 */
export function clipSlackMessage(draft: SlackDraft): SlackMessage {
  let budget: number = SLACK_LIMITS.total;
  const spend = (parts: readonly Inline[], max: number, plain = false): string => {
    const text = renderInline(parts, Math.max(0, Math.min(max, budget)), plain);
    budget -= text.length;
    return text;
  };
  const text = spend(draft.fallback, 300) || ' ';
  budget = SLACK_LIMITS.total - text.length;
  const blocks: SlackBlock[] = [];
  const source = draft.blocks.length > SLACK_LIMITS.blocks ? draft.blocks.slice(0, SLACK_LIMITS.blocks - 1) : draft.blocks;
  for (const b of source) {
    if (budget <= 1 && b.type !== 'divider') break;
    if (b.type === 'divider') {
      blocks.push({ type: 'divider' });
      continue;
    }
    if (b.type === 'header') {
      const header = spend([b.text], SLACK_LIMITS.header, true);
      if (header) blocks.push({ type: 'header', text: { type: 'plain_text', text: header, emoji: true } });
      continue;
    }
    if (b.type === 'context') {
      const context = spend(b.text, SLACK_LIMITS.field);
      if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
    }
    else {
      const sectionText = b.text ? spend(b.text, SLACK_LIMITS.sectionText) : undefined;
      const fields = b.fields?.slice(0, SLACK_LIMITS.fields).map((f) => spend(f, SLACK_LIMITS.field)).filter((f) => f.length > 0);
      if (!sectionText && (!fields || fields.length === 0)) continue;
      blocks.push({
        type: 'section',
        ...(sectionText ? { text: { type: 'mrkdwn', text: sectionText } } : {}),
        ...(fields && fields.length > 0 ? { fields: fields.map((f) => ({ type: 'mrkdwn' as const, text: f })) } : {}),
      });
    }
  }
  const left = draft.blocks.length - blocks.length;
  if (left > 0 && blocks.length < SLACK_LIMITS.blocks) {
    const note = spend([`${left} more not shown.`], 100);
    if (note) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
  }
  return { text, blocks };
}

/** Slack's three mrkdwn escapes (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * Renders inline parts into at most `max` characters. `plain` (header plain_text, which Slack
 * shows literally) renders text unescaped and without markup.
 */
function renderInline(parts: readonly Inline[], max: number, plain: boolean): string {
  const keep = (t: string) => t;
  const esc = plain ? keep : escapeMrkdwn;
  let out = '';
  for (const part of parts) {
    const room = max - out.length;
    if (room <= 0) break;
    let piece: Fitted;
    if (typeof part === 'string') piece = fit(part, room, esc, '', '');
    else if ('bold' in part) piece = plain ? fit(part.bold, room, keep, '', '') : fit(part.bold, room, escapeMrkdwn, '*', '*');
    else if ('code' in part) piece = plain ? fit(part.code, room, keep, '', '') : fit(part.code, room, escapeMrkdwn, '`', '`');
    else {
      // `<url|label>`: the URL is never clipped (a clipped link is a wrong link); without room
      // for it the label is shown as text.
      const url = part.link.replace(/[<>|\s]/g, encodeURIComponent);
      const open = `<${url}|`;
      piece = !plain && open.length + 2 <= room ? fit(part.label.replace(/\|/g, '¦'), room, escapeMrkdwn, open, '>') : fit(part.label, room, esc, '', '');
    }
    out += piece.text;
    // Once something was clipped, what follows would read as if nothing were missing.
    if (piece.clipped) break;
  }
  return out;
}

interface Fitted {
  readonly text: string;
  readonly clipped: boolean;
}

/**
 * `open + escape(text) + close` in at most `room` characters; when it does not fit, as much of
 * the text as fits (whole escapes only) followed by "…". Empty when not even that fits.
 */
function fit(text: string, room: number, escape: (s: string) => string, open: string, close: string): Fitted {
  const whole = open + escape(text) + close;
  if (whole.length <= room) return { text: whole, clipped: false };
  const inner = room - open.length - close.length - ELLIPSIS.length;
  if (inner < 0) return { text: room >= ELLIPSIS.length && !open ? ELLIPSIS : '', clipped: true };
  let body = '';
  for (const ch of text) {
    const e = escape(ch);
    if (body.length + e.length > inner) break;
    body += e;
  }
  return { text: `${open}${body}${ELLIPSIS}${close}`, clipped: true };
}

/**
 * The message as plain text, as local mode's console channel prints it: the header, then each
 * section with the mrkdwn undone (links shown as "label (url)", escapes decoded).
 */
export function slackMessageToText(message: SlackMessage): string {
  const lines: string[] = [];
  const plain = (mrkdwn: string): string =>
    mrkdwn
      .replace(/<([^|>]+)\|([^>]*)>/g, '$2 ($1)')
      .replace(/\*([^*\n]+)\*/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const b of message.blocks) {
    if (b.type === 'header') lines.push(b.text.text, '─'.repeat(Math.min(60, b.text.text.length)));
    else if (b.type === 'divider') lines.push('');
    else if (b.type === 'context') lines.push(...b.elements.map((e) => plain(e.text)));
    else {
      if (b.text) lines.push(plain(b.text.text));
      if (b.fields) lines.push(b.fields.map((f) => plain(f.text).replace('\n', ': ')).join('  |  '));
    }
  }
  return lines.join('\n');
}
