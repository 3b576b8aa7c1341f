/**
 * The machine-readable alert payloads: the SNS message (subject, versioned JSON body, message
 * attributes for filter policies) and the EventBridge event. Pure.
 */
import { severityRank } from '../domain/severity.ts';
import { alertSeverity, consoleUrl, digestQuery, type Alert } from './notify-alerts.ts';
import type { RuleLookup } from './notify-slack-message.ts';

/** Bumped on any incompatible change to the JSON body or the event detail. */
export const ALERT_SCHEMA_VERSION = 1;
export const EVENT_SOURCE = 'vigil';
export const EVENT_DETAIL_TYPE = 'Vigil Finding Changed';
/** SNS: "Subject … must be ASCII text that begins with a letter, number, or punctuation mark; must not include line breaks or control characters; and must be less than 100 characters long." */
export const SNS_SUBJECT_MAX = 99;

export interface SnsAttribute {
  readonly DataType: 'String' | 'Number';
  readonly StringValue: string;
}
export interface SnsMessage {
  readonly subject: string;
  readonly body: string;
  /** At most 10 (SNS's limit for a message's attributes). */
  readonly attributes: Readonly<Record<string, SnsAttribute>>;
}

/** The JSON body shared by SNS messages and EventBridge event details. */
export function alertBody(alert: Alert, rules: RuleLookup): Record<string, unknown> {
  const base = { schemaVersion: ALERT_SCHEMA_VERSION, alertId: alert.id, kind: alert.kind };
  if (alert.kind === 'transition') {
    const t = alert.transition;
    const f = t.finding;
    return {
      ...base,
      transition: t.kind,
      at: t.at,
      rule: { id: f.ruleId, title: rules(f.ruleId)?.title ?? f.ruleId, remediation: rules(f.ruleId)?.remediation },
      finding: {
        status: f.status,
        severity: f.severity,
        severityRank: severityRank(f.severity),
        reason: f.reason,
        firstSeenAt: f.firstSeenAt,
        lastChangedAt: f.lastChangedAt,
        version: t.version,
      },
      resource: { accountId: f.accountId, region: f.region, type: f.resourceType, id: f.resourceId, name: f.resourceName, consoleUrl: consoleUrl(f) },
      ...(t.openedAt ? { openedAt: t.openedAt } : {}),
      ...(t.resourceDeleted !== undefined ? { resourceDeleted: t.resourceDeleted } : {}),
      ...(t.endedSuppression ? { endedSuppression: t.endedSuppression } : {}),
    };
  }
  if (alert.kind === 'digest') {
    const { kind: _kind, id: _id, channelId: _channel, ...digest } = alert;
    return { ...base, ...digest, query: digestQuery(alert) };
  }
  return { ...base, at: alert.at, suppressions: alert.suppressions };
}

/**
 * The SNS message for an alert. The subject reads well as an e-mail subject line:
 * "[Vigil] HIGH opened: <rule title> - <resource>", clipped to 99 ASCII characters.
 */
export function renderSnsMessage(alert: Alert, rules: RuleLookup): SnsMessage {
  const severity = alertSeverity(alert);
  let subject: string;
  const attributes: Record<string, SnsAttribute> = {
    severity: str(severity),
    severityRank: { DataType: 'Number', StringValue: String(severityRank(severity)) },
  };
  if (alert.kind === 'transition') {
    const f = alert.transition.finding;
    subject = `[Vigil] ${severity.toUpperCase()} ${alert.transition.kind}: ${rules(f.ruleId)?.title ?? f.ruleId} - ${f.resourceName ?? f.resourceId}`;
    Object.assign(attributes, {
      ruleId: str(f.ruleId),
      resourceType: str(f.resourceType),
      transition: str(alert.transition.kind),
      accountId: str(f.accountId),
      region: str(f.region),
    });
  } else if (alert.kind === 'digest') {
    const parts = Object.entries(alert.byTransition).map(([k, n]) => `${n} ${k}`);
    subject = `[Vigil] ${alert.total} finding changes: ${parts.join(', ')}`;
    attributes['transition'] = str('digest');
  } else {
    subject = `[Vigil] ${alert.suppressions.length} suppression(s) expire within 7 days`;
    attributes['transition'] = str('expiring-suppressions');
  }
  return { subject: snsSubject(subject), body: JSON.stringify(alertBody(alert, rules)), attributes };
}

/** ASCII only, no control characters, starting with a letter, digit or punctuation, ≤ 99 characters. */
export function snsSubject(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  const clipped = ascii.length <= SNS_SUBJECT_MAX ? ascii : `${ascii.slice(0, SNS_SUBJECT_MAX - 3).trimEnd()}...`;
  return clipped.length > 0 ? clipped : 'Vigil alert';
}

/** The EventBridge PutEvents entry (without the bus, which the channel names). */
export function renderEvent(alert: Alert, rules: RuleLookup): { readonly Source: string; readonly DetailType: string; readonly Detail: string; readonly Time?: Date } {
  const at = alert.kind === 'transition' ? alert.transition.at : alert.at;
  const time = new Date(at);
  return {
    Source: EVENT_SOURCE,
    DetailType: EVENT_DETAIL_TYPE,
    Detail: JSON.stringify(alertBody(alert, rules)),
    ...(Number.isFinite(time.getTime()) ? { Time: time } : {}),
  };
}

function str(value: string): SnsAttribute {
  return { DataType: 'String', StringValue: value };
}

