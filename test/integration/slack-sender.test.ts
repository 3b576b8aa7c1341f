/** The Slack sender against a scripted loopback webhook, on a simulated clock. */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ruleLookup } from '../../functions/notify/wiring.ts';
import { createSlackSender } from '../../shared/adapters/slack-sender.ts';
import { alertsForChannel, parseChannels, type Alert } from '../../shared/app/notify-alerts.ts';
import { transitionOfRecord } from '../../shared/app/notify-transitions.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { findingImage, streamRecord } from '../support/finding-images.ts';
import { ok, startLoopbackSlack, type LoopbackSlack } from '../support/loopback-slack.ts';

let slack: LoopbackSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const [channel] = parseChannels([{ id: 'ops', type: 'slack', target: 'vigil/slack' }]);
const alerts = (n: number): Alert[] =>
  Array.from({ length: n }, (_, i) => transitionOfRecord(streamRecord(undefined, findingImage({ resourceId: `t${i}` })))).flatMap((t) => (t && channel ? alertsForChannel(channel, [t]) : []));
const context = { remainingTimeMs: () => 600_000 };

describe('Slack sender', () => {
  it('retries 5xx with jittered exponential backoff, then delivers', async () => {
    // Prepare
    slack = await startLoopbackSlack((n) => (n <= 2 ? { status: n === 1 ? 500 : 502, body: 'oops' } : ok));
    const clock = createFakeClock();
    const sender = createSlackSender({ webhookUrl: () => slack?.url ?? '', rules: ruleLookup, now: clock.now, sleep: clock.sleep, random: () => 0.5 });
    // Act
    const outcomes = await sender.send(alerts(1), context);
    // Assess: full jitter, 0.5 × 1 s × 2^n
    expect(outcomes).toEqual([{ kind: 'delivered' }]);
    expect(slack.posts.map((p) => p.status)).toEqual([500, 502, 200]);
    expect(clock.sleeps).toEqual([1_000, 2_000]);
  });

  it('leaves the alert for later after 3 failed attempts, naming Slack\'s answer', async () => {
    slack = await startLoopbackSlack(() => ({ status: 503, body: 'service_unavailable' }));
    const clock = createFakeClock();
    const sender = createSlackSender({ webhookUrl: () => slack?.url ?? '', rules: ruleLookup, now: clock.now, sleep: clock.sleep });
    expect(await sender.send(alerts(1), context)).toEqual([{ kind: 'retry', reason: 'Slack answered HTTP 503 service_unavailable' }]);
    expect(slack.posts).toHaveLength(3);
  });

  it('treats an unreachable webhook as transient', async () => {
    // A port nothing listens on: connection refused.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const clock = createFakeClock();
    const sender = createSlackSender({ webhookUrl: () => `http://127.0.0.1:${port}/services/x`, rules: ruleLookup, now: clock.now, sleep: clock.sleep });
    const [outcome] = await sender.send(alerts(1), context);
    expect(outcome?.kind).toBe('retry');
    expect(outcome?.kind === 'retry' && outcome.reason).toMatch(/^Slack unreachable \(/);
  });

  it.each([400, 403, 404, 410])('treats HTTP %i as permanent: one attempt, failed with the reason', async (status) => {
    slack = await startLoopbackSlack(() => ({ status, body: 'invalid_token' }));
    const clock = createFakeClock();
    const sender = createSlackSender({ webhookUrl: () => slack?.url ?? '', rules: ruleLookup, now: clock.now, sleep: clock.sleep });
    expect(await sender.send(alerts(1), context)).toEqual([{ kind: 'failed', reason: `Slack answered HTTP ${status} invalid_token` }]);
    expect(slack.posts).toHaveLength(1);
  });

  it('sends at most 1 message a second per webhook after a burst of 3', async () => {
    slack = await startLoopbackSlack();
    const clock = createFakeClock();
    const sender = createSlackSender({ webhookUrl: () => slack?.url ?? '', rules: ruleLookup, now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    await sender.send(alerts(8), context);
    expect(slack.delivered()).toHaveLength(8);
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    expect(clock.now() - start).toBe(5_000);
  });
});
