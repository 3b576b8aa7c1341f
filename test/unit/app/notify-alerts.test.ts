import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertId, alertsForChannel, channelMatches, parseChannels } from '../../../shared/app/notify-alerts.ts';
import { renderSnsMessage, snsSubject } from '../../../shared/app/notify-payloads.ts';
import { transitionOfRecord, type FindingTransition } from '../../../shared/app/notify-transitions.ts';
import { findingImage, streamRecord } from '../../support/finding-images.ts';

const transition = (overrides: Parameters<typeof findingImage>[0] = {}): FindingTransition => {
  const t = transitionOfRecord(streamRecord(undefined, findingImage(overrides)));
  if (!t) throw new Error('no transition');
  return t;
};

describe('channels', () => {
  it('fills the default severities: Slack from medium, SNS from high, EventBridge everything', () => {
    const channels = parseChannels([
      { id: 'a', type: 'slack', target: 'vigil/slack' },
      { id: 'b', type: 'sns', target: 'arn:aws:sns:eu-west-1:111122223333:t' },
      { id: 'c', type: 'eventbridge', target: 'default' },
    ]);
    expect(channels.map((c) => c.minSeverity)).toEqual(['medium', 'high', 'informational']);
  });

  it.each([
    [[{ id: 'a', type: 'teams', target: 'x' }], 'channels[0.type]'],
    [[{ id: 'a', type: 'slack', target: 'x', minSeverity: 'urgent' }], 'channels[0.minSeverity]'],
    [[{ id: 'a', type: 'slack', target: 'x' }, { id: 'a', type: 'sns', target: 'y' }], 'channels[1.id]: duplicate channel id a'],
    [[{ id: 'a', type: 'slack', target: 'x', match: { team: 'x', owner: 'y' } }], 'channels[0.match]'],
  ])('names the channel and field at fault (%#)', (input, message) => {
    expect(() => parseChannels(input)).toThrow(message);
  });

  it('routes by severity, rule, resource type and the resource\'s team tag', () => {
    const [channel] = parseChannels([{ id: 'payments', type: 'slack', target: 's', minSeverity: 'high', match: { ruleIds: ['dynamodb-table-pitr-enabled'], resourceTypes: ['AWS::DynamoDB::Table'], team: 'payments' } }]);
    if (!channel) throw new Error('no channel');
    const tagged = { tags: { 'vigil:team': 'payments' } };
    expect(channelMatches(channel, findingImage({ ...tagged, severity: 'critical' }), 'payments')).toBe(true);
    expect(channelMatches(channel, findingImage({ ...tagged, severity: 'medium' }), 'payments')).toBe(false);
    expect(channelMatches(channel, findingImage({ ...tagged, ruleId: 'other' }), 'payments')).toBe(false);
    expect(channelMatches(channel, findingImage({ ...tagged, resourceType: 'AWS::S3::Bucket' }), 'payments')).toBe(false);
    expect(channelMatches(channel, findingImage(), 'search')).toBe(false);
    expect(channelMatches(channel, findingImage(), undefined)).toBe(false);
  });
});

describe('alerts', () => {
  it('identifies an alert by finding, version, transition and channel', () => {
    const t = transition();
    expect(alertId(t, 'a')).toBe(alertId({ ...t }, 'a'));
    expect(new Set([alertId(t, 'a'), alertId(t, 'b'), alertId({ ...t, version: 2 }, 'a'), alertId({ ...t, kind: 'regressed' }, 'a')]).size).toBe(4);
  });

  it('sends a digest from 10 transitions on, never to EventBridge', () => {
    const [slack, bus] = parseChannels([{ id: 's', type: 'slack', target: 'x' }, { id: 'e', type: 'eventbridge', target: 'default' }]);
    if (!slack || !bus) throw new Error('no channels');
    const many = (n: number) => Array.from({ length: n }, (_, i) => transition({ resourceId: `t${i}`, severity: i === 7 ? 'critical' : 'high' }));
    expect(alertsForChannel(slack, many(9)).map((a) => a.kind)).toEqual(Array(9).fill('transition'));
    const [digest, ...rest] = alertsForChannel(slack, many(12));
    expect(rest).toHaveLength(0);
    expect(digest).toMatchObject({ kind: 'digest', total: 12, bySeverity: { critical: 1, high: 11 }, byTransition: { opened: 12 }, topRules: [{ ruleId: 'dynamodb-table-pitr-enabled', count: 12 }] });
    expect(digest?.kind === 'digest' && digest.topFindings.map((f) => f.resourceId)).toEqual(['t7', 't0', 't1', 't10', 't11']);
    expect(alertsForChannel(bus, many(12))).toHaveLength(12);
  });
});

describe('SNS message', () => {
  it('keeps the Subject to 99 printable ASCII characters whatever the names (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (name) => {
        const subject = snsSubject(`[Vigil] HIGH opened: DynamoDB tables have point-in-time recovery enabled - ${name}`);
        expect(subject.length).toBeLessThanOrEqual(99);
        expect(subject).toMatch(/^[\x20-\x7e]+$/);
        expect(subject).toMatch(/^[A-Za-z0-9[\p{P}]/u);
      }),
    );
  });

  it('carries at most 10 attributes, severityRank a Number', () => {
    const [channel] = parseChannels([{ id: 'sns', type: 'sns', target: 'arn:aws:sns:eu-west-1:111122223333:t' }]);
    if (!channel) throw new Error('no channel');
    const [alert] = alertsForChannel(channel, [transition({ resourceName: 'Ωmega' })]);
    if (!alert) throw new Error('no alert');
    const message = renderSnsMessage(alert, () => undefined);
    expect(Object.keys(message.attributes).length).toBeLessThanOrEqual(10);
    expect(message.attributes['severityRank']).toEqual({ DataType: 'Number', StringValue: '1' });
    expect(message.subject).toBe('[Vigil] HIGH opened: dynamodb-table-pitr-enabled - ?mega');
  });
});
