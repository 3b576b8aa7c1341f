import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/** The Powertools every Vigil function runs with. */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

/**
 * A handler wrapped as every function is: traced, its logs keyed to the invocation (keys reset
 * between invocations), its metrics flushed with a cold-start metric; then any extra middlewares
 * (tests add theirs).
 *
 * @example
 * export const handler = withPowertools(async (event) => …, { logger, metrics, tracer });
 */
export function withPowertools<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  { logger, metrics, tracer }: Observability,
  middlewares: readonly MiddlewareObj[] = [],
) {
  let chain = middy(handler)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
  for (const m of middlewares) chain = chain.use(m);
  return chain;
}
