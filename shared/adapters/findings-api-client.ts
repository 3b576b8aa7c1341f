/**
 * A client of a deployed findings API for the CLI (`vigil findings`, `vigil suppress`,
 * `vigil evaluate`): requests SigV4-signed for `execute-api` with the default credential chain or
 * a profile, problems (RFC 9457) turned into errors that name the parameter, and the API's URL
 * from `--api` or from the stack's `ApiUrl` output.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** An answer of the API that is not a success: its problem document. */
export class FindingsApiError extends Error {
  override readonly name = 'FindingsApiError';
  readonly status: number;
  readonly problem: Readonly<Record<string, unknown>>;
  constructor(status: number, problem: Readonly<Record<string, unknown>>, options?: ErrorOptions) {
    const detail = typeof problem['detail'] === 'string' ? problem['detail'] : typeof problem['title'] === 'string' ? problem['title'] : `HTTP ${status}`;
    const parameter = typeof problem['parameter'] === 'string' ? ` (${problem['parameter']})` : '';
    const supported = Array.isArray(problem['supported']) ? `\nSupported combinations:\n${problem['supported'].map((s) => `  - ${String(s)}`).join('\n')}` : '';
    const correlation = typeof problem['correlationId'] === 'string' ? ` [correlation id ${problem['correlationId']}]` : '';
    super(`the API answered ${status}: ${detail}${parameter}${correlation}${supported}`, options);
    this.status = status;
    this.problem = problem;
  }
}

export function isFindingsApiError(error: unknown): error is FindingsApiError {
  return error instanceof FindingsApiError;
}

export interface FindingsApiClientOptions {
  readonly baseUrl: string;
  /** The region to sign for; default: read from an execute-api host name. */
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  /** For tests: fixed credentials instead of the default chain. */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
}

export interface FindingsApiClient {
  request(method: 'GET' | 'POST' | 'DELETE', path: string, options?: { readonly query?: Readonly<Record<string, string | undefined>>; readonly body?: unknown }): Promise<{ readonly status: number; readonly body: unknown }>;
}

/**
 * @example
 * const api = createFindingsApiClient({ baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com' });
 * const page = await api.request('GET', '/findings', { query: { severity: 'high' } });
 */
export function createFindingsApiClient(options: FindingsApiClientOptions): FindingsApiClient {
  const base = new URL(options.baseUrl);
  const region = options.region ?? /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(base.hostname)?.[1] ?? process.env['AWS_REGION'] ?? 'us-east-1';
  const signer = new SignatureV4({
    service: 'execute-api',
    region,
    sha256: Hash.bind(null, 'sha256'),
    credentials: options.credentials ?? (options.profile ? fromIni({ profile: options.profile }) : defaultProvider()),
  });
  return {
    async request(method, path, { query = {}, body } = {}) {
      const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params[k] = v;
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const unsigned = new HttpRequest({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: params,
        headers: { host: url.host, accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const signed = await signer.sign(unsigned);
      const response = await fetch(url, { method, headers: signed.headers as Record<string, string>, ...(payload !== undefined ? { body: payload } : {}) });
      const text = await response.text();
      let parsed: unknown = undefined;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { title: text.slice(0, 200) };
        }
      }
      if (!response.ok) throw new FindingsApiError(response.status, typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {});
      return { status: response.status, body: parsed };
    },
  };
}

/** The stack's `ApiUrl` output (stack `vigil-<stage>`). */
export async function apiUrlFromStack(stage: string, options: { readonly region?: string | undefined; readonly profile?: string | undefined } = {}): Promise<string> {
  const client = new CloudFormationClient({ ...(options.region ? { region: options.region } : {}), ...(options.profile ? { profile: options.profile } : {}) });
  const stackName = `vigil-${stage}`;
  const result = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const url = result.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'ApiUrl')?.OutputValue;
  if (!url) throw new Error(`stack ${stackName} has no ApiUrl output: deploy this version of Vigil, or pass --api <url>`);
  return url;
}
