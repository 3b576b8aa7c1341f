import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { withPowertools } from '../powertools.ts';
import type { Context } from 'aws-lambda';
import type { Suppression } from '../../shared/domain/suppression.ts';
import { notifyExpiringSuppressions, redeliverPending, type NotifyDeps } from '../../shared/app/notify.ts';

export interface RedeliverHandlerOptions {
  readonly deps: Omit<NotifyDeps, 'remainingTimeMs' | 'onFailed' | 'teamTagKey'> & {
    readonly listSuppressions: () => Promise<readonly Suppression[]>;
    /** Re-opens findings whose suppression ended (shared/app/suppression-expiry.ts), after each drain. */
    readonly reopenExpiredSuppressions?: () => Promise<{ readonly queued: number }>;
  };
  readonly middlewares?: readonly MiddlewareObj[];
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/** What the schedules send: the 5-minute drain (any event), or the weekly digest of expiring suppressions. */
export interface RedeliverEvent {
  readonly kind?: 'redeliver' | 'expiring-suppressions';
}

/**
 * The redeliver Lambda (EventBridge Scheduler): every 5 minutes it drains the ledger's PENDING
 * alerts, in order per channel, and queues the findings whose suppression just ended for
 * evaluation (they re-open with an alert); once a week (`{"kind":"expiring-suppressions"}`) it sends the
 * digest of suppressions expiring within 7 days.
 *
 * @example
 * export const handler = createRedeliverHandler({ deps: { channels, senders, ledger, listSuppressions, now } });
 */
export function createRedeliverHandler(options: RedeliverHandlerOptions) {
  const logger = options.logger ?? new Logger();
  const metrics = options.metrics ?? new Metrics();

  const handler = async (event: RedeliverEvent | null | undefined, context: Context) => {
    const deps = {
      ...options.deps,
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
      onFailed: (alert: { id: string; channelId: string }, reason: string) => {
        metrics.addMetric('AlertsFailed', MetricUnit.Count, 1);
        logger.error('alert failed permanently; it will not be retried', { alertId: alert.id, channelId: alert.channelId, reason });
      },
    };
    if (event?.kind === 'expiring-suppressions') {
      const result = await notifyExpiringSuppressions(deps);
      metrics.addMetric('AlertsDelivered', MetricUnit.Count, result.delivered);
      logger.info('expiring suppressions notified', { ...result });
      if (result.heartbeatError) logger.warn('alert heartbeat not recorded: GET /health still shows the previous alert', { reason: result.heartbeatError });
      return result;
    }
    const result = await redeliverPending(deps);
    metrics.addMetric('AlertsDelivered', MetricUnit.Count, result.delivered);
    metrics.addMetric('AlertsPending', MetricUnit.Count, result.pending);
    metrics.addMetric('AlertsHeldForSweep', MetricUnit.Count, result.held);
    const reopened = options.deps.reopenExpiredSuppressions ? await options.deps.reopenExpiredSuppressions() : undefined;
    if (reopened) metrics.addMetric('SuppressedFindingsReopened', MetricUnit.Count, reopened.queued);
    logger.info('pending alerts drained', { ...result, reopened });
    if (result.heartbeatError) logger.warn('alert heartbeat not recorded: GET /health still shows the previous alert', { reason: result.heartbeatError });
    return { ...result, reopened };
  };

  return withPowertools(handler, { logger, metrics }, options.middlewares);
}
