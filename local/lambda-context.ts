/**
 * The Lambda `Context` a local invocation gets: the same fields the Lambda runtime passes (the
 * Powertools middlewares read the function name, request id and memory; the sweep reads its time
 * left to decide when to hand over to a continuation).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LocalFunctionConfig {
  /** The deployed name, `vigil-<stage>-<name>`. */
  readonly functionName: string;
  readonly region: string;
  readonly accountId: string;
  /** As in serverless.yml. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export function lambdaContext(config: LocalFunctionConfig, now: () => number = Date.now): Context {
  const deadline = now() + config.timeoutSeconds * 1000;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: config.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${config.region}:${config.accountId}:function:${config.functionName}`,
    memoryLimitInMB: String(config.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
