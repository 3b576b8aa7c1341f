/**
 * Slack incoming-webhook sender (https://api.slack.com/messaging/webhooks).
 *
 * - A token bucket per webhook: 1 message a second, bursts of at most 3 (Slack's documented rate
 *   for incoming webhooks is one message per second, with short bursts allowed).
 * - HTTP 429: waits `Retry-After` when the invocation has that long left, else leaves the alert
 *   PENDING (outcome `retry`), never drops it.
 * - 5xx and network errors: up to 3 attempts with full-jitter exponential backoff, then `retry`.
 * - 400 / 403 / 404 / 410 (invalid_payload, action_prohibited / invalid_token, channel_not_found
 *   / no_service, channel_is_archived): permanent, outcome `failed` with Slack's own reason.
 */
import type { Alert } from '../app/notify-alerts.ts';
import type { AlertSender, SendOutcome } from '../app/notify-ports.ts';
import { renderSlackMessage, type RuleLookup } from '../app/notify-slack-message.ts';

export interface SlackSenderOptions {
  /** The webhook URL, resolved once per cold start (shared/adapters/secrets.ts). */
  readonly webhookUrl: () => string;
  readonly rules: RuleLookup;
  readonly fetch?: typeof globalThis.fetch;
  /** Clock and sleep, injectable so tests run simulated hours in no time. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Default 1 message per second, burst 3. */
  readonly ratePerSecond?: number;
  readonly burst?: number;
  /** Attempts for 5xx and network errors. Default 3. */
  readonly attempts?: number;
  /** Per request. Default 10 s. */
  readonly timeoutMs?: number;
}

const PERMANENT = new Set([400, 403, 404, 410]);

/**
 * @example
 * const slack = createSlackSender({ webhookUrl: () => secrets.get('ops'), rules: ruleLookup });
 * await slack.send([alert], { remainingTimeMs: () => context.getRemainingTimeInMillis() });
 */
export function createSlackSender(options: SlackSenderOptions): AlertSender {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const attempts = options.attempts ?? 3;
  const bucket = new TokenBucket(options.ratePerSecond ?? 1, options.burst ?? 3, now);

  async function sendOne(alert: Alert, remainingTimeMs: () => number): Promise<SendOutcome> {
    const body = JSON.stringify(renderSlackMessage(alert, options.rules));
    let transientFailures = 0;
    for (;;) {
      const wait = bucket.take();
      if (wait > 0) {
        if (wait >= remainingTimeMs()) return { kind: 'retry', reason: 'rate limit: no time left in this invocation' };
        await sleep(wait);
      }
      let status: number;
      let text = '';
      let retryAfter: string | null = null;
      try {
        const response = await doFetch(options.webhookUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        text = (await response.text()).slice(0, 200);
      } catch (error) {
        status = 0;
        text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      if (status >= 200 && status < 300) return { kind: 'delivered' };
      if (PERMANENT.has(status)) return { kind: 'failed', reason: `Slack answered HTTP ${status} ${text}`.trim() };
      if (status === 429) {
        const seconds = Number(retryAfter);
        const waitMs = (Number.isFinite(seconds) && seconds >= 0 ? seconds : 1) * 1000;
        if (waitMs >= remainingTimeMs()) return { kind: 'retry', reason: `Slack answered HTTP 429; Retry-After ${retryAfter ?? '(none)'} s exceeds the time left` };
        await sleep(waitMs);
        continue;
      }
      transientFailures++;
      const reason = status === 0 ? `Slack unreachable (${text})` : `Slack answered HTTP ${status} ${text}`.trim();
      if (transientFailures >= attempts) return { kind: 'retry', reason };
      // Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): 0..base·2^n.
      const backoff = Math.floor(random() * 1_000 * 2 ** transientFailures);
      if (backoff >= remainingTimeMs()) return { kind: 'retry', reason };
      await sleep(backoff);
    }
  }

  return {
    batchSize: 1,
    async send(alerts, context) {
      const out: SendOutcome[] = [];
      for (const alert of alerts) out.push(await sendOne(alert, context.remainingTimeMs));
      return out;
    },
  };
}

/**
 * Tokens refill continuously at `rate` per second up to `burst`. `take` returns how long to wait
 * before the request may go (0 = now), having already reserved its token.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(rate: number, burst: number, now: () => number) {
    this.rate = rate;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.last = now();
  }

  take(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }
}
