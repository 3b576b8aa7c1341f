import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import * as z from '../zod.ts';
import type { SweepCursor } from '../app/sweep.ts';

/** The IAM action the continuation calls (on the sweep function itself). */
export const sweepContinuationIamActions = ['lambda:InvokeFunction'] as const;

const SOURCE = 'vigil.sweep-continuation';

const continuationSchema = z.object({
  source: z.literal(SOURCE),
  cursor: z.object({ sweepId: z.string().check(z.minLength(1)), pending: z.array(z.string().check(z.minLength(1))), failed: z.optional(z.number().check(z.int(), z.nonnegative())) }),
});

/** The cursor of a continuation event, else undefined (a scheduled or deployment run starts afresh). */
export function parseSweepContinuation(event: unknown): SweepCursor | undefined {
  const parsed = continuationSchema.safeParse(event);
  return parsed.success ? parsed.data.cursor : undefined;
}

export interface SweepContinuation {
  /** Starts another invocation of the sweep that resumes at `cursor`; returns once Lambda has queued it. */
  resume(cursor: SweepCursor): Promise<void>;
}

/**
 * Resumes a sweep that ran out of time in a fresh invocation of the same function, invoked
 * asynchronously (Lambda retries it and dead-letters it like a scheduled run). A sweep of
 * 100,000 resources across the catalog's types can outlast one 15-minute invocation; the cursor
 * is the list of units (resource types, collectors) not yet done, a few kilobytes at most.
 *
 * @example
 * const continuation = createSweepContinuation({ client: new LambdaClient({}), functionName: 'vigil-prod-sweep' });
 * if (!summary.complete && summary.cursor) await continuation.resume(summary.cursor);
 */
export function createSweepContinuation(options: { readonly client: LambdaClient; readonly functionName: string }): SweepContinuation {
  return {
    async resume(cursor) {
      await options.client.send(
        new InvokeCommand({
          FunctionName: options.functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify({ source: SOURCE, cursor })),
        }),
      );
    },
  };
}
