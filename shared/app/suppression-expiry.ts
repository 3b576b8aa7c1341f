/**
 * Suppression expiry, acted on within minutes: the redeliver function (every 5 minutes) finds the
 * failing findings still carrying a suppression that has ended and queues their resources for
 * evaluation from the store's copy. The evaluation records them unsuppressed, and notify sends a
 * `suppression-expired` alert. Without this, the daily sweep would do it, up to a day late.
 *
 * Idempotent and stateless: once re-evaluated, a finding no longer carries the suppression, so the
 * next run finds nothing. Suppressions for every rule (`*`) and tag exemptions are left to the
 * sweep (finding them would read every rule's failing findings every 5 minutes).
 */
import type { ResourceKey } from '../domain/resource.ts';
import type { Suppression } from '../domain/suppression.ts';
import type { EvaluationQueue } from './ports.ts';

export interface SuppressionExpiryDeps {
  readonly listSuppressions: () => Promise<readonly Suppression[]>;
  /** Resources with a NON_COMPLIANT finding of `ruleId` that still carries suppression `suppressionId`. */
  readonly findingsSuppressedBy: (ruleId: string, suppressionId: string) => AsyncIterable<readonly ResourceKey[]>;
  readonly queue: Pick<EvaluationQueue, 'enqueue'>;
  readonly now: () => Date;
}

/** Suppressions that ended longer ago than this were handled by a sweep since. */
const LOOKBACK_MS = 7 * 86_400_000;

/**
 * @example
 * const { ended, queued } = await reopenExpiredSuppressions({ listSuppressions, findingsSuppressedBy, queue, now });
 */
export async function reopenExpiredSuppressions(deps: SuppressionExpiryDeps): Promise<{ readonly ended: number; readonly queued: number }> {
  const now = deps.now().getTime();
  const ended = (await deps.listSuppressions()).filter((s) => {
    const at = Date.parse(s.expiresAt);
    return s.ruleId !== '*' && at <= now && at > now - LOOKBACK_MS;
  });
  let queued = 0;
  for (const s of ended) {
    for await (const keys of deps.findingsSuppressedBy(s.ruleId, s.id)) {
      if (keys.length === 0) continue;
      await deps.queue.enqueue(keys, { source: 'store', correlationId: `suppression-expired:${s.id}` });
      queued += keys.length;
    }
  }
  return { ended: ended.length, queued };
}
