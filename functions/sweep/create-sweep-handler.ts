import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { withPowertools } from '../powertools.ts';
import type { Context } from 'aws-lambda';
import {
  parseCustomResourceEvent,
  sendCustomResourceResponse,
} from '../../shared/adapters/cloudformation-custom-resource.ts';
import { parseSweepContinuation, type SweepContinuation } from '../../shared/adapters/lambda-sweep-continuation.ts';
import { runSweep, type SweepDeps } from '../../shared/app/sweep.ts';

export interface SweepHandlerOptions {
  /** The use-case's ports; the time budget comes from each invocation's context. */
  readonly deps: Omit<SweepDeps, 'remainingTimeMs'>;
  /** Where a sweep that runs out of time goes on. */
  readonly continuation: SweepContinuation;
  /** Runs before a new sweep (not a continuation): applies suppressions.yml (shared/app/suppressions-as-code.ts). */
  readonly beforeSweep?: () => Promise<unknown>;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** How CloudFormation is answered (tests pass a fake). */
  readonly fetch?: typeof fetch;
}

/** Failed units of a sweep, after the rest went on: the invocation fails so alarms and retries see it. */
export class SweepFailedError extends Error {
  override readonly name = 'SweepFailedError';
  readonly failures: readonly { readonly unit: string; readonly message: string }[];
  constructor(sweepId: string, failures: readonly { unit: string; message: string }[]) {
    super(`sweep ${sweepId}: ${failures.length} unit(s) failed: ${failures.slice(0, 3).map((f) => `${f.unit} (${f.message})`).join('; ')}`);
    this.failures = failures;
  }
}

/** Stable across updates, so CloudFormation never replaces (and deletes) the resource. */
const PHYSICAL_RESOURCE_ID = 'vigil-post-deploy-sweep';

/**
 * The sweep Lambda, invoked by EventBridge Scheduler and, after each deployment, by the
 * `InitialSweep` CloudFormation custom resource (infra/schedule.yml).
 *
 * CloudFormation is answered SUCCESS before the sweep starts: the deployment does not wait for
 * the sweep, and a failing sweep does not roll the deployment back; it fails like a scheduled one
 * (Lambda retries once, then the async-failures queue and the sweep alarms). A stack delete only
 * gets its answer: there is nothing to sweep for a stack going away.
 *
 * A sweep that runs short of time hands its cursor to a fresh invocation (the continuation) and
 * this one ends. Units that failed (a resource type, a collector) are logged and counted
 * (SweepUnitFailures); the last invocation of a sweep then fails, so Lambda's retry runs it again.
 *
 * @example
 * export const handler = createSweepHandler({ deps: { accountId, region, configReader, … }, continuation });
 */
export function createSweepHandler(options: SweepHandlerOptions) {
  const logger = options.logger ?? new Logger();
  const metrics = options.metrics ?? new Metrics();

  const handler = async (event: unknown, context: Context): Promise<void> => {
    const request = parseCustomResourceEvent(event);
    if (request) {
      logger.info('answering CloudFormation before sweeping', { requestType: request.RequestType, stackId: request.StackId });
      await sendCustomResourceResponse(
        request,
        { status: 'SUCCESS', physicalResourceId: request.PhysicalResourceId ?? PHYSICAL_RESOURCE_ID },
        options.fetch,
      );
      if (request.RequestType === 'Delete') return;
    }
    const cursor = parseSweepContinuation(event);
    if (!cursor && options.beforeSweep) logger.info('suppressions as code applied', { result: await options.beforeSweep() });
    const summary = await runSweep({ ...options.deps, remainingTimeMs: () => context.getRemainingTimeInMillis() }, cursor ? { cursor } : {});
    const trigger = request ? 'deployment' : cursor ? 'continuation' : 'schedule';
    logger.appendKeys({ correlationId: summary.sweepId });
    metrics.addMetric('SweepResourcesListed', MetricUnit.Count, summary.listed);
    metrics.addMetric('SweepResourcesCollected', MetricUnit.Count, summary.collected);
    metrics.addMetric('SweepResourcesVanished', MetricUnit.Count, summary.vanished);
    metrics.addMetric('SweepUnitFailures', MetricUnit.Count, summary.failures.length);
    for (const failure of summary.failures) logger.error('sweep unit failed', { unit: failure.unit, reason: failure.message });
    if (summary.heartbeatError) logger.warn('sweep heartbeat not recorded: GET /health still shows the previous sweep', { reason: summary.heartbeatError });
    if (!summary.complete && summary.cursor) {
      await options.continuation.resume(summary.cursor);
      // Not thrown even when units failed: a retry of this invocation would start a second
      // continuation chain. The SweepUnitFailures metric (and its alarm) reports them.
      logger.info('sweep continues in a new invocation', { trigger, summary });
      return;
    }
    logger.info('sweep finished', { trigger, summary });
    if (summary.failures.length > 0) throw new SweepFailedError(summary.sweepId, summary.failures);
  };

  return withPowertools(handler, { logger, metrics });
}
