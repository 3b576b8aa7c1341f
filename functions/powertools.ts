import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * The Powertools every Vigil function runs with.
 *
 * No Powertools Tracer: Lambda's active tracing (serverless.yml `tracing.lambda: Active`) records
 * every invocation, its start and its duration in X-Ray without code in the function. A
 * subsegment per AWS call, through the Tracer and the X-Ray SDK, measured on the packaged evaluate
 * function, cost 1.7-1.9 ms of CPU per configuration change (4.1 against 2.0-2.3 ms: the X-Ray
 * SDK's context tracking runs an async hook on every promise), 72 KiB per bundle and 12-23 ms per
 * cold import (docs/benchmarks.md, "Lambda bundles" and "Event pipeline").
 */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * A handler wrapped as every function is: its logs keyed to the invocation (keys reset between
 * invocations), its metrics flushed with a cold-start metric; then any extra middlewares (tests
 * add theirs).
 *
 * @example
 * export const handler = withPowertools(async (event) => …, { logger, metrics });
 */
export function withPowertools<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  { logger, metrics }: Observability,
  middlewares: readonly MiddlewareObj[] = [],
) {
  let chain = middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
  for (const m of middlewares) chain = chain.use(m);
  return chain;
}
