/**
 * What the Lambda bundles link in place of `@aws-sdk/credential-provider-node` (the SDK's default
 * credential chain), through infra/esbuild-plugins.ts.
 *
 * In Lambda the credentials of the function's role are always in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the default chain's first
 * link, `fromEnv`, is the one that answers there. Its other links (SSO, shared ini files,
 * credential_process, web identity, container and instance metadata) never answer in Lambda,
 * yet they bring STS, SSO, SSO-OIDC and sign-in clients with them: ~100 KiB of every bundle.
 *
 * Local mode, the CLI and the tests run the TypeScript sources with the full default chain; only
 * the deployed bundles use this.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Same signature as the default chain's `defaultProvider(init)`, which the SDK clients call. */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
