import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { withPowertools } from '../powertools.ts';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { notifyTransitions, type NotifyDeps } from '../../shared/app/notify.ts';

export interface NotifyHandlerOptions {
  /** Channels, a sender per channel, the ledger, the clock (local mode injects its own, e.g. a console channel). */
  readonly deps: Omit<NotifyDeps, 'remainingTimeMs' | 'onFailed'>;
  /** Run before the handler, e.g. resolveWebhookSecrets (webhook URLs fetched once per cold start). */
  readonly middlewares?: readonly MiddlewareObj[];
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/**
 * The notify Lambda, on the findings table's stream (finding items only, by the event source's
 * filter criteria): transitions → alerts, through the delivery ledger (shared/app/notify.ts).
 *
 * A record that does not read as a finding is reported as a batch item failure
 * (ReportBatchItemFailures): Lambda retries from it, bisects, and after MaximumRetryAttempts sends
 * its metadata to the on-failure destination; the reason is logged here. Records before it are
 * done. Any other error fails the whole batch, which Lambda retries: the ledger makes that safe.
 *
 * @example
 * export const handler = createNotifyHandler({ deps: { channels, senders, ledger, now: () => new Date() } });
 */
export function createNotifyHandler(options: NotifyHandlerOptions) {
  const logger = options.logger ?? new Logger();
  const metrics = options.metrics ?? new Metrics();

  const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const result = await notifyTransitions(event.Records, {
      ...options.deps,
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
      onFailed: (alert, reason) => {
        metrics.addMetric('AlertsFailed', MetricUnit.Count, 1);
        logger.error('alert failed permanently; it will not be retried', { alertId: alert.id, channelId: alert.channelId, kind: alert.kind, reason });
      },
    });
    metrics.addMetric('Transitions', MetricUnit.Count, result.transitions);
    metrics.addMetric('AlertsDelivered', MetricUnit.Count, result.delivered);
    metrics.addMetric('AlertsPending', MetricUnit.Count, result.pending);
    metrics.addMetric('AlertsDuplicate', MetricUnit.Count, result.duplicates);
    logger.info('stream batch notified', { records: event.Records.length, ...result });
    if (result.heartbeatError) logger.warn('alert heartbeat not recorded: GET /health still shows the previous alert', { reason: result.heartbeatError });
    if (result.malformed) {
      metrics.addMetric('StreamRecordsMalformed', MetricUnit.Count, 1);
      logger.error('stream record is not a finding item; reported as a batch item failure', result.malformed);
      return { batchItemFailures: [{ itemIdentifier: result.malformed.sequenceNumber }] };
    }
    return { batchItemFailures: [] };
  };

  return withPowertools(handler, { logger, metrics }, options.middlewares);
}
