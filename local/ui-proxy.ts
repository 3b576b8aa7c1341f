/**
 * `vigil ui`'s server: the dashboard page from web/, and every other request forwarded to a
 * deployed findings API, SigV4-signed for `execute-api` with the user's credentials, so a browser
 * can use an IAM-authorized API without holding AWS credentials itself. Listens on 127.0.0.1
 * only: whoever reaches it acts with the user's credentials.
 */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { startFetchServer, type FetchServer } from './fetch-server.ts';
import { createStaticAssets } from './static-assets.ts';

export interface UiProxyOptions {
  /** The deployed API's base URL (the stack's ApiUrl output). */
  readonly apiUrl: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly port: number;
  readonly onError?: (error: unknown) => void;
}

/** What the API needs to read a request; nothing else of the browser's goes out (no cookies). */
const FORWARDED_HEADERS = ['accept', 'content-type', 'x-correlation-id'] as const;
/** Answer headers that describe this hop, not the content. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length']);

/** The API's region from an execute-api host name (`abc123.execute-api.eu-west-1.amazonaws.com`). */
export function regionOfApiUrl(url: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(url).hostname)?.[1];
}

export async function startUiProxy(options: UiProxyOptions): Promise<FetchServer> {
  const base = new URL(options.apiUrl);
  const signer = new SignatureV4({ service: 'execute-api', region: options.region, sha256: Hash.bind(null, 'sha256'), credentials: options.credentials });
  const assets = createStaticAssets({ apiLabel: base.toString().replace(/\/$/, '') });

  const forward = async (request: Request): Promise<Response> => {
    const incoming = new URL(request.url);
    const target = new URL(`${base.pathname.replace(/\/$/, '')}${incoming.pathname}${incoming.search}`, base);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = { host: target.host };
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const signed = await signer.sign({
      method: request.method,
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers,
      ...(body ? { body } : {}),
    });
    const { host: _host, ...sendHeaders } = signed.headers;
    const answer = await fetch(target, { method: request.method, headers: sendHeaders, ...(body ? { body } : {}), redirect: 'manual' });
    const out = new Headers();
    answer.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) out.set(name, value);
    });
    return new Response(answer.body, { status: answer.status, headers: out });
  };

  return startFetchServer({
    port: options.port,
    fetch: async (request) => (request.method === 'GET' || request.method === 'HEAD' ? await assets(request) : undefined) ?? forward(request),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
