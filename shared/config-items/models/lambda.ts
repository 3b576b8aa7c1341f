import { num, obj, path, pick, policyDocument, str, type JsonObject } from '../decode.ts';
import type { ModelInput, ModelRegistry } from '../model-registry.ts';

export interface LambdaFunction {
  readonly functionName: string;
  readonly functionArn: string | undefined;
  /** Undefined for container-image functions, which bring their own runtime. */
  readonly runtime: string | undefined;
  readonly packageType: 'Zip' | 'Image';
  /** Environment variables as recorded (values are plaintext in the CI unless the user encrypted them client-side). */
  readonly environment: Readonly<Record<string, string>>;
  /** Customer KMS key for environment variables; undefined means Lambda's AWS managed key. */
  readonly kmsKeyArn: string | undefined;
  /** Active | PassThrough. */
  readonly tracingMode: string | undefined;
  /** JSON | Text; undefined when the CI predates Lambda's logging configuration (Text is then in effect). */
  readonly logFormat: string | undefined;
  readonly deadLetterTargetArn: string | undefined;
  /**
   * On-failure destination for asynchronous invocations. AWS Config does not record event-invoke
   * configurations in the function's CI; this is read only when a collector (the live scan's,
   * shared/adapters/collectors/lambda-event-invoke-configs.ts) adds
   * `supplementaryConfiguration.EventInvokeConfig` in the API's shape (a `FunctionEventInvokeConfig`).
   */
  readonly onFailureDestination: string | undefined;
  /**
   * True when the item carries `supplementaryConfiguration.EventInvokeConfig` (`null`: the
   * function has none): a missing destination is then known absent. False for Config's own items,
   * where a destination may exist unseen.
   */
  readonly eventInvokeConfigRead: boolean;
  readonly reservedConcurrency: number | undefined;
  /** The resource-based policy (who may invoke the function); undefined when there is none. */
  readonly policy: JsonObject | undefined;
}

declare module '../../domain/resource.ts' {
  interface ResourceModels {
    'AWS::Lambda::Function': LambdaFunction;
  }
}

/**
 * @see ../shared/reference/config-resource-schema/AWS__Lambda__Function.properties.json
 * Config spells the key property `kmskeyArn` (the SDK's `kmsKeyArn`); the resource policy and
 * reserved concurrency live in supplementaryConfiguration (`Policy` as a JSON string, `Concurrency`).
 */
export function normalizeLambdaFunction(input: ModelInput): LambdaFunction {
  const c = input.configuration;
  const s = input.supplementary;
  return {
    functionName: str(pick(c, 'functionName', 'FunctionName')) ?? input.resourceName ?? input.resourceId,
    functionArn: str(pick(c, 'functionArn', 'FunctionArn')) ?? input.arn,
    runtime: str(pick(c, 'runtime', 'Runtime')),
    packageType: str(pick(c, 'packageType', 'PackageType')) === 'Image' ? 'Image' : 'Zip',
    environment: environmentVariables(pick(c, 'environment', 'Environment')),
    kmsKeyArn: str(pick(c, 'kmskeyArn', 'kmsKeyArn', 'KMSKeyArn', 'KmsKeyArn')),
    tracingMode: str(firstPath(c, 'tracingConfig.mode', 'TracingConfig.Mode')),
    logFormat: str(firstPath(c, 'loggingConfig.logFormat', 'LoggingConfig.LogFormat')),
    deadLetterTargetArn: str(firstPath(c, 'deadLetterConfig.targetArn', 'DeadLetterConfig.TargetArn')),
    ...eventInvokeFields(s),
    reservedConcurrency: num(path(s, 'Concurrency.reservedConcurrentExecutions')),
    policy: policyDocument(pick(s, 'Policy', 'policy')),
  };
}

const EVENT_INVOKE_KEYS = ['EventInvokeConfig', 'eventInvokeConfig'] as const;

/** The model's event-invoke fields from supplementaryConfiguration (either spelling of the key). */
function eventInvokeFields(supplementary: JsonObject | undefined): Pick<LambdaFunction, 'onFailureDestination' | 'eventInvokeConfigRead'> {
  const eventInvoke = obj(pick(supplementary, ...EVENT_INVOKE_KEYS));
  return {
    onFailureDestination: str(
      firstPath(eventInvoke, 'DestinationConfig.OnFailure.Destination', 'destinationConfig.onFailure.destination'),
    ),
    eventInvokeConfigRead: supplementary !== undefined && EVENT_INVOKE_KEYS.some((key) => Object.hasOwn(supplementary, key)),
  };
}

/**
 * The function with its asynchronous invocation configuration as a collector read it (the
 * Lambda API's `FunctionEventInvokeConfig`, or null when it has none), decoded as the normalizer
 * decodes `supplementaryConfiguration.EventInvokeConfig`.
 */
export function withEventInvokeConfig(fn: LambdaFunction, eventInvokeConfig: JsonObject | null): LambdaFunction {
  return { ...fn, ...eventInvokeFields({ EventInvokeConfig: eventInvokeConfig }) };
}

/** The first of several spellings of a nested field that is present. */
function firstPath(source: unknown, ...paths: readonly string[]): unknown {
  for (const p of paths) {
    const value = path(source, p);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/** `environment.variables` (Config, SDK) or `Environment.Variables` (CloudFormation casing); values kept as strings. */
function environmentVariables(value: unknown): Record<string, string> {
  const env = obj(value);
  const variables = obj(pick(env, 'variables', 'Variables'));
  const out: Record<string, string> = {};
  if (!variables) return out;
  for (const [name, v] of Object.entries(variables)) {
    if (typeof v === 'string') out[name] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[name] = String(v);
  }
  return out;
}

export const lambdaModels = {
  'AWS::Lambda::Function': normalizeLambdaFunction,
} satisfies ModelRegistry;
