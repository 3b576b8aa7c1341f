import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { withPowertools } from '../powertools.ts';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  isMalformedMessageError,
  processEvaluationMessage,
  type EvaluationDeps,
} from '../../shared/app/process-evaluation-message.ts';

export interface EvaluateHandlerOptions {
  /** The use-case's ports: findings store, Config reader, queue, catalog, parameters, clock. */
  readonly deps: EvaluationDeps;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/**
 * The evaluate Lambda: one SQS message = one evaluation request (a Config change event, a
 * CloudTrail log-group event, or a batch of resource keys from the sweep, the API or dependents).
 *
 * Failures are per message (ReportBatchItemFailures): the batch goes on, and only failed
 * messages return to the queue. A malformed message fails on every receive, so after
 * maxReceiveCount (5) SQS moves it to the dead-letter queue, nothing lost; each failure is logged
 * with the message id, the receive count and the reason, so the DLQ message can be matched to
 * its cause. A batch where every message failed is answered, not thrown: the Lambda Errors metric
 * (and its alarm) then counts only crashes and timeouts.
 *
 * @example
 * export const handler = createEvaluateHandler({ deps: { store, configReader, queue, catalog, params, now } });
 */
export function createEvaluateHandler(options: EvaluateHandlerOptions) {
  const logger = options.logger ?? new Logger();
  const metrics = options.metrics ?? new Metrics();
  const processor = new BatchProcessor(EventType.SQS);

  const processRecord = async (record: SQSRecord): Promise<void> => {
    // Parsed here only to find the correlation id; a body that is not JSON goes to the use-case
    // as it is, which rejects it as malformed like any other bad body.
    const body = parseJson(record.body);
    const correlationId = correlationIdOf(body, record);
    try {
      const result = await processEvaluationMessage(body, options.deps);
      metrics.addMetric('MessagesProcessed', MetricUnit.Count, 1);
      metrics.addMetric('ResourcesWritten', MetricUnit.Count, result.written);
      metrics.addMetric('Transitions', MetricUnit.Count, result.transitions.length);
      logger.debug('evaluation message processed', { messageId: record.messageId, correlationId, result });
    } catch (error) {
      const malformed = isMalformedMessageError(error);
      metrics.addMetric(malformed ? 'MessagesMalformed' : 'MessagesFailed', MetricUnit.Count, 1);
      logger.error(malformed ? 'malformed evaluation message; it will reach the dead-letter queue' : 'evaluation message failed; SQS will retry it', {
        messageId: record.messageId,
        correlationId,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
        reason: error instanceof Error ? error.message : String(error),
        // An excerpt is enough to recognise a producer's bug without logging whole configurations.
        ...(malformed ? { bodyExcerpt: record.body.slice(0, 300) } : {}),
        error,
      });
      throw error;
    }
  };

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false });

  return withPowertools(handler, { logger, metrics });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * What ties the logs of one change together across services: the EventBridge event id for Config
 * and CloudTrail events, the producer's correlation id for Vigil's own messages, else the SQS
 * message id.
 */
function correlationIdOf(body: unknown, record: SQSRecord): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b['id'] === 'string') return b['id'];
    if (typeof b['correlationId'] === 'string') return b['correlationId'];
  }
  return record.messageId;
}
