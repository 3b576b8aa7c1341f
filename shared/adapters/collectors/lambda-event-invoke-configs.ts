import {
  paginateListFunctionEventInvokeConfigs,
  ResourceNotFoundException,
  type FunctionEventInvokeConfig,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { Collector } from '../../app/ports.ts';
import { withEventInvokeConfig } from '../../config-items/models/lambda.ts';
import { isGone, type AnyResource, type Resource } from '../../domain/resource.ts';
import { awsCall } from '../errors/map-aws-error.ts';
import { defined } from './_collected-item.ts';
import { mapLimit } from '../../app/map-limit.ts';

export const lambdaEventInvokeConfigsCollectorIamActions = ['lambda:ListFunctionEventInvokeConfigs'] as const;

const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
type LambdaFunctionResource = Resource<typeof LAMBDA_FUNCTION>;

export interface LambdaEventInvokeConfigsCollectorOptions {
  /** A Lambda client for the region being collected. */
  readonly client: LambdaClient;
  /** The region's resources as Config gave them; the Lambda functions among them are enriched. */
  readonly resources: (scope: { readonly accountId: string; readonly region: string }) => readonly AnyResource[];
  /** Calls in flight at once. Default 4: Lambda's control-plane request rate is per account and low. */
  readonly concurrency?: number;
}

/**
 * The Lambda functions of a Config inventory again, each with its asynchronous invocation
 * configuration in the model (`onFailureDestination`, `eventInvokeConfigRead`): AWS Config does
 * not record event-invoke configurations, so ListFunctionEventInvokeConfigs asks Lambda, one
 * function at a time, every page. The returned resources replace Config's (same key).
 *
 * Only a one-off read uses it (`vigil scan --live`): the deployed monitor evaluates Config's
 * items as they change, which never carry the configuration, so enriching them in the sweep
 * would make the verdict flap between the sweep's reading and the next change's.
 *
 * @example
 * const lambda = createLambdaEventInvokeConfigsCollector({ client, resources: () => inventory });
 */
export function createLambdaEventInvokeConfigsCollector(options: LambdaEventInvokeConfigsCollectorOptions): Collector {
  const { client } = options;

  const configsOf = async (fn: LambdaFunctionResource, region: string): Promise<FunctionEventInvokeConfig[] | undefined> => {
    const iterator = paginateListFunctionEventInvokeConfigs({ client, pageSize: 50 }, { FunctionName: fn.model.functionName });
    const configs: FunctionEventInvokeConfig[] = [];
    try {
      for (;;) {
        const page = await awsCall('lambda:ListFunctionEventInvokeConfigs', region, () => iterator.next());
        if (page.done) return configs;
        configs.push(...(page.value.FunctionEventInvokeConfigs ?? []));
      }
    } catch (error) {
      // Deleted since Config listed it: Config's item stands, judged as it was recorded.
      if (error instanceof Error && error.cause instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  };

  return {
    name: 'lambda-event-invoke-configs',
    iamActions: lambdaEventInvokeConfigsCollectorIamActions,
    async collect(scope) {
      const functions = options.resources(scope).filter(
        (r): r is AnyResource & LambdaFunctionResource =>
          r.resourceType === LAMBDA_FUNCTION && !isGone(r.status) && r.accountId === scope.accountId && r.region === scope.region,
      );
      const enriched = await mapLimit(functions, options.concurrency ?? 4, async (fn): Promise<AnyResource | undefined> => {
        const configs = await configsOf(fn, scope.region);
        if (!configs) return undefined;
        const chosen = governingConfig(configs);
        return { ...fn, model: withEventInvokeConfig(fn.model, chosen ? defined({ ...chosen }) : null) };
      });
      return enriched.filter((r) => r !== undefined);
    },
  };
}

/**
 * The configuration the rule judges, of those set on the function ($LATEST, unqualified
 * invocations) and on its aliases and versions: one with an on-failure destination, the
 * function's own first (events sent through an alias that has one are kept, so the function is
 * not reported for want of it on $LATEST); else the function's own; else any; null when none.
 */
function governingConfig(configs: readonly FunctionEventInvokeConfig[]): FunctionEventInvokeConfig | null {
  const onFailure = (c: FunctionEventInvokeConfig): boolean => Boolean(c.DestinationConfig?.OnFailure?.Destination);
  const unqualified = (c: FunctionEventInvokeConfig): boolean => !c.FunctionArn || UNQUALIFIED_ARN.test(c.FunctionArn);
  return (
    configs.find((c) => onFailure(c) && unqualified(c)) ??
    configs.find(onFailure) ??
    configs.find(unqualified) ??
    configs[0] ??
    null
  );
}

/** `arn:aws:lambda:<region>:<account>:function:<name>`, or the same ending in `:$LATEST`. */
const UNQUALIFIED_ARN = /:function:[^:]+(:\$LATEST)?$/;
