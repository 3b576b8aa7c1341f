/**
 * Suppression expiry, acted on within minutes: the redeliver function (every 5 minutes) finds the
 * failing findings still carrying a suppression that has ended (declared, as code, or a tag
 * exemption) and queues their resources for evaluation from the store's copy. The evaluation
 * records them unsuppressed, and notify sends a `suppression-expired` alert. Without this, the
 * daily sweep would do it, up to a day late.
 *
 * Idempotent and stateless: once re-evaluated, a finding no longer carries the ended suppression,
 * so the next run finds nothing (a still-valid one, e.g. another suppression matching, is simply
 * recorded again with its own end).
 */
import type { ResourceKey } from '../domain/resource.ts';
import type { EvaluationQueue } from './ports.ts';

export interface SuppressionExpiryDeps {
  /** Resources with a failing finding whose suppression ended at or before `now`, page by page. */
  readonly findingsWithEndedSuppression: (now: Date) => AsyncIterable<readonly ResourceKey[]>;
  readonly queue: Pick<EvaluationQueue, 'enqueue'>;
  readonly now: () => Date;
}

/**
 * @example
 * const { queued } = await reopenExpiredSuppressions({ findingsWithEndedSuppression, queue, now });
 */
export async function reopenExpiredSuppressions(deps: SuppressionExpiryDeps): Promise<{ readonly queued: number }> {
  const now = deps.now();
  const seen = new Set<string>();
  let queued = 0;
  for await (const page of deps.findingsWithEndedSuppression(now)) {
    // Several findings of one resource: one evaluation re-opens them all.
    const keys = page.filter((k) => {
      const id = `${k.accountId}|${k.region}|${k.resourceType}|${k.resourceId}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (keys.length === 0) continue;
    await deps.queue.enqueue(keys, { source: 'store', correlationId: `suppression-expiry:${now.toISOString()}` });
    queued += keys.length;
  }
  return { queued };
}
