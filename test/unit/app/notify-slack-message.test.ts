import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertsForChannel, parseChannels, type TransitionAlert } from '../../../shared/app/notify-alerts.ts';
import { clipSlackMessage, renderSlackMessage, SLACK_LIMITS, slackMessageToText, type SlackMessage } from '../../../shared/app/notify-slack-message.ts';
import { transitionOfRecord } from '../../../shared/app/notify-transitions.ts';
import { findingImage, streamRecord } from '../../support/finding-images.ts';

const rules = (id: string) =>
  id === 'dynamodb-table-pitr-enabled'
    ? { title: 'DynamoDB tables have point-in-time recovery enabled', remediation: { text: 'Turn on PITR.', cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true' } }
    : undefined;
const [slack] = parseChannels([{ id: 'ops', type: 'slack', target: 'vigil/slack' }]);

function alertOf(before: Parameters<typeof streamRecord>[0], after: Parameters<typeof streamRecord>[1]): TransitionAlert {
  const t = transitionOfRecord(streamRecord(before, after));
  if (!t || !slack) throw new Error('no transition');
  const [alert] = alertsForChannel(slack, [t]);
  if (alert?.kind !== 'transition') throw new Error('no alert');
  return alert;
}

/** Every text object of a message, with its limit. */
function texts(message: SlackMessage): { text: string; limit: number; kind: string }[] {
  return message.blocks.flatMap((b): { text: string; limit: number; kind: string }[] => {
    if (b.type === 'header') return [{ text: b.text.text, limit: SLACK_LIMITS.header, kind: 'plain' }];
    if (b.type === 'context') return b.elements.map((e) => ({ text: e.text, limit: SLACK_LIMITS.field, kind: 'mrkdwn' }));
    if (b.type === 'section')
      return [...(b.text ? [{ text: b.text.text, limit: SLACK_LIMITS.sectionText, kind: 'mrkdwn' }] : []), ...(b.fields ?? []).map((f) => ({ text: f.text, limit: SLACK_LIMITS.field, kind: 'mrkdwn' }))];
    return [];
  });
}

describe('renderSlackMessage', () => {
  it('shows severity and rule title, the resource with a console link, the reason, the remediation and first seen', () => {
    // Prepare
    const alert = alertOf(undefined, findingImage({ resourceId: 'orders', reason: 'DynamoDB table orders has point-in-time recovery disabled.' }));
    // Act
    const message = renderSlackMessage(alert, rules);
    // Assess
    const [header, lead, fields, reason, fix, context] = message.blocks;
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: '🟧 HIGH · DynamoDB tables have point-in-time recovery enabled', emoji: true } });
    expect(lead).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Opened*: a new finding.' } });
    expect(fields?.type === 'section' && fields.fields?.map((f) => f.text)).toEqual([
      '*Resource*\n<https://eu-west-1.console.aws.amazon.com/config/home?region=eu-west-1#/resources/details?resourceId=orders&resourceType=AWS%3A%3ADynamoDB%3A%3ATable|orders>',
      '*Type*\nAWS::DynamoDB::Table',
      '*Account*\n111122223333',
      '*Region*\neu-west-1',
      '*First seen*\n2026-12-01T08:00:00.000Z',
    ]);
    expect(reason).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Reason*\nDynamoDB table orders has point-in-time recovery disabled.' } });
    expect(fix?.type === 'section' && fix.text?.text).toBe(
      '*Remediation*\nTurn on PITR.\n`aws dynamodb update-continuous-backups --table-name &lt;table&gt; --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`',
    );
    expect(context?.type === 'context' && context.elements[0]?.text).toBe(`Rule \`dynamodb-table-pitr-enabled\` · alert ${alert.id}`);
    expect(message.text).toBe('Opened high: DynamoDB tables have point-in-time recovery enabled on orders');
  });

  it('says how long a resolved finding was open, and offers no remediation', () => {
    const before = findingImage({ lastChangedAt: '2026-12-01T08:00:00.000Z' });
    const alert = alertOf(before, { ...before, status: 'COMPLIANT', version: 2, lastEvaluatedAt: '2026-12-04T11:30:00.000Z' });
    const text = slackMessageToText(renderSlackMessage(alert, rules));
    expect(text).toContain('Resolved: now compliant after being open for 3 d 3 h.');
    expect(text).toContain('Open for: 3 d 3 h');
    expect(text).not.toContain('Remediation');
  });

  it('renders as plain text for the console: links as "label (url)", escapes undone', () => {
    const alert = alertOf(undefined, findingImage({ resourceId: 'a<b>&c', reason: 'Table a<b>&c fails.' }));
    const text = slackMessageToText(renderSlackMessage(alert, rules));
    expect(text.split('\n')[0]).toBe('🟧 HIGH · DynamoDB tables have point-in-time recovery enabled');
    expect(text).toContain('Resource: a<b>&c (https://eu-west-1.console.aws.amazon.com/config/home');
    expect(text).toContain('Reason\nTable a<b>&c fails.');
  });
});

describe('clipSlackMessage', () => {
  const anyText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '|', '*', '`', 'é', '🔥', '\n'), maxLength: 5_000 });

  it('keeps every Block Kit limit and escapes &, < and > whatever the names and reasons (property)', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, fc.integer({ min: 0, max: 80 }), (name, reason, title, extraBlocks) => {
        // Prepare: one transition alert, with a draft grown past every limit
        const alert = alertOf(undefined, findingImage({ resourceId: name || 'x', resourceName: name || 'x', reason }));
        const draftRules = (id: string) => ({ title, remediation: { text: reason, cli: name } , id });
        const message = renderSlackMessage(alert, draftRules);
        const grown = clipSlackMessage({
          fallback: [name, reason],
          blocks: [{ type: 'header', text: title }, ...Array.from({ length: extraBlocks }, () => ({ type: 'section' as const, text: [reason, { bold: name }, { link: `https://example.com/${name}`, label: name }], fields: Array.from({ length: 12 }, () => [{ code: reason }]) }))],
        });
        for (const m of [message, grown]) {
          // Assess
          expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
          let total = m.text.length;
          for (const b of m.blocks) if (b.type === 'section') expect(b.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.fields);
          for (const t of texts(m)) {
            expect(t.text.length).toBeLessThanOrEqual(t.limit);
            expect(t.text.length).toBeGreaterThan(0);
            total += t.text.length;
            if (t.kind === 'mrkdwn') {
              // Only Vigil's own links may use < and >; every & starts an escape.
              const withoutLinks = t.text.replace(/<https:\/\/[^|<>\s]+\|[^<>]*>/g, '');
              expect(withoutLinks).not.toMatch(/[<>]/);
              expect(withoutLinks.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
            }
          }
          expect(total).toBeLessThanOrEqual(SLACK_LIMITS.total);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('clips with an ellipsis and says how many blocks were left out', () => {
    const m = clipSlackMessage({ fallback: ['x'], blocks: Array.from({ length: 60 }, (_, i) => ({ type: 'section' as const, text: [`block ${i}`] })) });
    expect(m.blocks).toHaveLength(50);
    expect(m.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '11 more not shown.' }] });
    const long = clipSlackMessage({ fallback: ['x'], blocks: [{ type: 'section', text: ['&'.repeat(4_000)] }] });
    const text = long.blocks[0]?.type === 'section' ? (long.blocks[0].text?.text ?? '') : '';
    expect(text.endsWith('&amp;…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(3_000);
  });
});
