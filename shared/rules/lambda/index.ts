import type { Rule } from '../rule.ts';
import lambdaFunctionAsyncFailureDestination from './lambda-function-async-failure-destination.ts';
import lambdaFunctionEnvEncrypted from './lambda-function-env-encrypted.ts';
import lambdaFunctionErrorAlarm from './lambda-function-error-alarm.ts';
import lambdaFunctionJsonLogs from './lambda-function-json-logs.ts';
import lambdaFunctionNodeEnvProduction from './lambda-function-node-env-production.ts';
import lambdaFunctionNoPlaintextSecrets from './lambda-function-no-plaintext-secrets.ts';
import lambdaFunctionNotPublic from './lambda-function-not-public.ts';
import lambdaFunctionSupportedRuntime from './lambda-function-supported-runtime.ts';
import lambdaFunctionTracingEnabled from './lambda-function-tracing-enabled.ts';

export const lambdaRules: readonly Rule[] = [
  lambdaFunctionNoPlaintextSecrets,
  lambdaFunctionEnvEncrypted,
  lambdaFunctionNotPublic,
  lambdaFunctionErrorAlarm,
  lambdaFunctionJsonLogs,
  lambdaFunctionTracingEnabled,
  lambdaFunctionNodeEnvProduction,
  lambdaFunctionAsyncFailureDestination,
  lambdaFunctionSupportedRuntime,
];
