/**
 * Slack webhook URLs come from Secrets Manager, or from an SSM SecureString parameter (a target
 * written `ssm:/path/name`), never from a plaintext environment variable (DESIGN §5). They are
 * fetched once per cold start, by a middy middleware, through Powertools parameters'
 * SecretsProvider / SSMProvider (whose `awsSdkV3Client` option keeps the clients injectable).
 */
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { MiddlewareObj } from '@middy/core';
import type { Channel } from '../app/notify-alerts.ts';

export const webhookSecretsIamActions = ['secretsmanager:GetSecretValue'] as const;
/** SecureStrings encrypted with the AWS managed key aws/ssm need no kms grant: its key policy allows use through SSM. */
export const webhookParametersIamActions = ['ssm:GetParameter'] as const;
/** A channel target naming an SSM parameter instead of a secret. */
export const SSM_TARGET_PREFIX = 'ssm:';

/** A webhook secret that is missing, empty or not a URL: says which channel and which secret. */
export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
}

export interface WebhookSecrets {
  /** Fetches every Slack channel's webhook URL (once; later calls return at once). */
  resolve(): Promise<void>;
  /** The channel's URL; throws when resolve() has not run. */
  url(channelId: string): string;
}

/**
 * @param provider a SecretsProvider (`new SecretsProvider({ awsSdkV3Client: client })`).
 * @example
 * const secrets = createWebhookSecrets({ provider: new SecretsProvider(), channels });
 * const handler = middy(fn).use(resolveWebhookSecrets(secrets));
 */
export function createWebhookSecrets(options: {
  readonly provider: Pick<SecretsProvider, 'get'>;
  /** For `ssm:` targets. */
  readonly parameters?: Pick<SSMProvider, 'get'>;
  readonly channels: readonly Channel[];
}): WebhookSecrets {
  const urls = new Map<string, string>();
  let resolving: Promise<void> | undefined;
  const fetchAll = async (): Promise<void> => {
    await Promise.all(
      options.channels
        .filter((c) => c.type === 'slack')
        .map(async (channel) => {
          let value: unknown;
          try {
            if (channel.target.startsWith(SSM_TARGET_PREFIX)) {
              if (!options.parameters) throw new Error('no SSM provider configured');
              value = await options.parameters.get(channel.target.slice(SSM_TARGET_PREFIX.length), { decrypt: true, maxAge: Number.MAX_SAFE_INTEGER });
            } else {
              value = await options.provider.get(channel.target, { maxAge: Number.MAX_SAFE_INTEGER });
            }
          } catch (error) {
            throw new WebhookSecretError(`channel ${channel.id}: cannot read secret ${channel.target} (${error instanceof Error ? error.message : String(error)}); check the secret exists and the notify role may read it`, { cause: error });
          }
          urls.set(channel.id, webhookUrlOf(value, channel));
        }),
    );
  };
  return {
    resolve() {
      // A failed fetch is not cached: the next invocation tries again.
      resolving ??= fetchAll().catch((error: unknown) => {
        resolving = undefined;
        throw error;
      });
      return resolving;
    },
    url(channelId) {
      const url = urls.get(channelId);
      if (url === undefined) throw new WebhookSecretError(`channel ${channelId}: webhook URL not resolved (resolveWebhookSecrets middleware missing?)`);
      return url;
    },
  };
}

/** The secret holds the URL itself, or JSON `{"webhookUrl": "https://hooks.slack.com/…"}`. */
function webhookUrlOf(value: unknown, channel: Channel): string {
  let text = value instanceof Uint8Array ? new TextDecoder().decode(value) : typeof value === 'string' ? value.trim() : '';
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const url = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['webhookUrl'] : undefined;
      text = typeof url === 'string' ? url : '';
    } catch {
      text = '';
    }
  }
  if (!/^https?:\/\/\S+$/.test(text)) {
    throw new WebhookSecretError(`channel ${channel.id}: secret ${channel.target} does not hold a webhook URL (a URL, or JSON {"webhookUrl": "…"})`);
  }
  return text;
}

/** middy middleware: the webhook URLs are resolved before the first invocation's handler runs. */
export function resolveWebhookSecrets(secrets: WebhookSecrets): MiddlewareObj {
  return {
    before: async () => {
      await secrets.resolve();
    },
  };
}
