import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { SummaryCounters } from '../../shared/adapters/dynamodb-findings-queries-summary.ts';

export interface CountersHandlerOptions {
  readonly counters: SummaryCounters;
  /** The catalog's rule ids: what a recount counts. */
  readonly ruleIds: readonly string[];
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/**
 * The counters function: applies each batch of the findings table's stream to the summary
 * counters GET /summary reads (once per batch, however often Lambda delivers it), and recounts
 * them from the index when invoked with `{"reconcile": true}` (docs/operations.md). A failed
 * batch throws, so Lambda retries it; after the retries its metadata goes to the async-failures
 * queue and the summary is reconciled by hand.
 *
 * @example
 * export const handler = createCountersHandler({ counters: createSummaryCounters({ client, tableName }), ruleIds });
 */
export function createCountersHandler(options: CountersHandlerOptions) {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? new Logger();
  return async (event: DynamoDBStreamEvent | { readonly reconcile?: unknown }): Promise<{ readonly outcome: string }> => {
    if ('Records' in event && Array.isArray(event.Records)) {
      const outcome = await options.counters.apply(event.Records, now());
      if (outcome === 'flagged-stale') logger.warn('a redelivered batch may have been counted already: the summary is flagged stale until a reconcile', { records: event.Records.length });
      return { outcome };
    }
    if ('reconcile' in event && event.reconcile === true) {
      await options.counters.reconcile(options.ruleIds, now());
      logger.info('summary counters recounted from the findings index');
      return { outcome: 'reconciled' };
    }
    throw new Error('unexpected event: a DynamoDB stream batch, or {"reconcile": true}');
  };
}
