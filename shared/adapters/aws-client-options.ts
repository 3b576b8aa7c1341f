/**
 * SDK client options for functions whose CPU is mostly the SDK's per-request work (the evaluate
 * function: ~5 DynamoDB requests per configuration change; bench/pipeline.ts measures it).
 *
 * - `sha256`: SigV4 with each HMAC key prepared once (aws-sha256.ts), same signatures.
 * - `cacheMiddleware`: the client resolves each command's middleware stack once instead of on
 *   every request (the SDK's documented option; its only condition, that no middleware is added
 *   to the client after its first request, holds: clients are built
 *   at cold start and never wrapped afterwards).
 *
 * @example
 * const client = new DynamoDBClient({ region, ...lowOverheadClientOptions });
 */
import { KeyedSha256 } from './aws-sha256.ts';

export const lowOverheadClientOptions = { sha256: KeyedSha256, cacheMiddleware: true } as const;
