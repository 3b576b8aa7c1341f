/**
 * The AWS Lambda Invoke API on loopback, so the AWS CLI and SDKs reach local functions as they
 * reach deployed ones:
 *
 *   aws lambda invoke --endpoint-url http://127.0.0.1:3002 --function-name evaluate \
 *     --payload fileb://event.json out.json
 *
 * `POST /2015-03-31/functions/{name}/invocations`, the name bare (`evaluate`), deployed
 * (`vigil-local-evaluate`) or as an ARN. `X-Amz-Invocation-Type`: RequestResponse (default) runs
 * the function and answers 200 with its result; Event queues the run and answers 202; DryRun
 * answers 204. A function that throws answers 200 with `X-Amz-Function-Error: Unhandled` and
 * `{errorType, errorMessage, trace}`, as Lambda does; an unknown function 404
 * ResourceNotFoundException; a payload that is not JSON 400 InvalidRequestContentException.
 * No authentication: it listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const InvocationType = { RequestResponse: 'RequestResponse', Event: 'Event', DryRun: 'DryRun' } as const;
export type InvocationType = (typeof InvocationType)[keyof typeof InvocationType];

export interface InvocableFunction {
  /** The deployed name, `vigil-<stage>-<name>` (what a 404 and the ARN name). */
  readonly functionName: string;
  /** Runs the function on a payload; resolves to its result, rejects with its error. */
  invoke(payload: unknown, type: Exclude<InvocationType, 'DryRun'>): Promise<unknown>;
}

export interface InvokeServerOptions {
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** The function a name designates, or undefined. */
  readonly resolve: (name: string) => InvocableFunction | undefined;
  /** An Event invocation failed (no one waits for it: it is reported here). */
  readonly onAsyncError?: (functionName: string, error: unknown) => void;
}

export interface InvokeServer {
  readonly url: string;
  /** Stops listening, closes open connections and waits for Event invocations already started. */
  close(): Promise<void>;
}

/** Lambda's synchronous payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

export async function startInvokeServer(options: InvokeServerOptions): Promise<InvokeServer> {
  const background = new Set<Promise<unknown>>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = PATH.exec(url.pathname);
    if (!match) return error(res, 404, 'UnknownOperationException', `local mode serves the Invoke API only: POST /2015-03-31/functions/{name}/invocations (got ${req.method} ${url.pathname})`);
    if (req.method !== 'POST') return error(res, 405, 'MethodNotAllowedException', `${req.method} is not allowed on ${url.pathname}; use POST`);
    const name = decodeURIComponent(match[1] ?? '');
    const fn = options.resolve(functionNameOf(name));
    if (!fn) {
      const arn = `arn:aws:lambda:${options.region}:${options.accountId}:function:${functionNameOf(name)}`;
      return error(res, 404, 'ResourceNotFoundException', `Function not found: ${arn}`);
    }
    const type = String(req.headers['x-amz-invocation-type'] ?? InvocationType.RequestResponse);
    if (type !== InvocationType.RequestResponse && type !== InvocationType.Event && type !== InvocationType.DryRun) {
      return error(res, 400, 'InvalidParameterValueException', `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun (got ${type})`);
    }
    const body = await readBody(req);
    if (body === 'too-large') return error(res, 413, 'RequestTooLargeException', `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`);
    let payload: unknown = {};
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch (cause) {
        return error(res, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    }
    if (type === InvocationType.DryRun) return send(res, 204, {});
    if (type === InvocationType.Event) {
      const run = fn.invoke(payload, type).catch((cause: unknown) => options.onAsyncError?.(fn.functionName, cause));
      background.add(run);
      void run.finally(() => background.delete(run));
      return send(res, 202, {});
    }
    try {
      const result = await fn.invoke(payload, type);
      // Lambda serializes the handler's return value as JSON; undefined becomes null.
      send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(result ?? null));
    } catch (cause) {
      const err = cause instanceof Error ? cause : new Error(String(cause));
      send(
        res,
        200,
        { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' },
        JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') }),
      );
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      if (!res.headersSent) error(res, 500, 'ServiceException', cause instanceof Error ? cause.message : String(cause));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.allSettled([...background]);
    },
  };
}

/** `evaluate`, `vigil-local-evaluate`, `123456789012:function:evaluate` or a full ARN (a `:qualifier` dropped). */
export function functionNameOf(name: string): string {
  const at = name.indexOf('function:');
  if (at < 0) return name;
  return name.slice(at + 'function:'.length).split(':')[0] ?? '';
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body = ''): void {
  res.writeHead(status, { 'x-amzn-requestid': crypto.randomUUID(), 'x-amz-executed-version': '$LATEST', ...headers });
  res.end(body);
}

/** Lambda's REST-JSON error shape: the SDK reads the type from the header and the message from the body. */
function error(res: ServerResponse, status: number, type: string, message: string): void {
  send(res, status, { 'content-type': 'application/json', 'x-amzn-errortype': type }, JSON.stringify({ Type: 'User', message }));
}
