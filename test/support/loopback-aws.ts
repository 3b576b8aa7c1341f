/**
 * A loopback HTTP server that speaks AWS wire protocols, so the real SDK v3 clients can be
 * driven through `endpoint` overrides in tests:
 * - JSON 1.0 / 1.1 (`X-Amz-Target: Service.Operation`; Config, CloudWatch Logs, WAFv2, SQS,
 *   EventBridge): the handler gets the parsed body and returns the response object.
 * - AWS query (form-encoded `Action=…`; IAM, SNS): the handler gets the flat form fields and
 *   returns the inner XML of `<OperationResult>`; the server wraps it.
 * - REST-JSON (restJson1; GuardDuty, Backup, Lambda): the operation is found by method and path in a
 *   route table (`REST_ROUTES`, extensible through `options.rest`); the handler gets the path
 *   labels, query parameters and JSON body merged into one object and returns the response object.
 * Errors: throw `awsError(code, message, status)`; the server answers in the protocol's shape
 * (`{"__type": code, "message"}` or `<ErrorResponse>`), which the SDK maps to exceptions
 * (ThrottlingException is retried by the SDK's standard retry strategy).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  readonly protocol: 'json' | 'query' | 'rest';
  readonly operation: string;
  readonly input: unknown;
  readonly headers: IncomingHttpHeaders;
}

export type AwsHandler = (input: any, call: AwsCall) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export class AwsErrorReply extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Throw from a handler to answer with an AWS error. */
export function awsError(code: string, message: string, status = 400): never {
  throw new AwsErrorReply(code, message, status);
}

export interface LoopbackAws {
  readonly endpoint: string;
  /** Every request, in order: assert on operations and inputs. */
  readonly calls: AwsCall[];
  callsTo(operation: string): AwsCall[];
  close(): Promise<void>;
}

/**
 * REST-JSON operations by name: `METHOD /path/{Label}` as in the service model's `@http` trait.
 * Add more through `options.rest`.
 */
export const REST_ROUTES: Readonly<Record<string, string>> = {
  ListDetectors: 'GET /detector',
  GetDetector: 'GET /detector/{DetectorId}',
  ListRestoreTestingPlans: 'GET /restore-testing/plans',
  ListFunctionEventInvokeConfigs: 'GET /2019-09-25/functions/{FunctionName}/event-invoke-config/list',
};

export interface LoopbackAwsOptions {
  /** Extra REST-JSON routes, merged over REST_ROUTES. */
  readonly rest?: Readonly<Record<string, string>>;
}

/**
 * @param handlers by operation name (`ListDiscoveredResources`, `GetAccountSummary`, …).
 * @example
 * const aws = await startLoopbackAws({ DescribeLogGroups: () => ({ logGroups: [] }) });
 * const logs = new CloudWatchLogsClient(testClientConfig(aws.endpoint));
 */
export async function startLoopbackAws(
  handlers: Readonly<Record<string, AwsHandler>>,
  options: LoopbackAwsOptions = {},
): Promise<LoopbackAws> {
  const routes = compileRoutes({ ...REST_ROUTES, ...options.rest });
  const calls: AwsCall[] = [];
  let requestId = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'];
      const contentType = String(req.headers['content-type'] ?? '');
      const rid = `loopback-${++requestId}`;
      const rest = typeof target === 'string' ? undefined : matchRoute(routes, req.method ?? 'GET', req.url ?? '/');
      const isJson = typeof target === 'string' || rest !== undefined;
      let call: AwsCall;
      if (rest) {
        const payload: unknown = body ? JSON.parse(body) : {};
        call = {
          protocol: 'rest',
          operation: rest.operation,
          input: { ...rest.params, ...(typeof payload === 'object' && payload !== null ? payload : {}) },
          headers: req.headers,
        };
      } else if (typeof target === 'string') {
        call = {
          protocol: 'json',
          operation: target.split('.').pop() ?? target,
          input: body ? JSON.parse(body) : {},
          headers: req.headers,
        };
      } else {
        const form = Object.fromEntries(new URLSearchParams(body));
        call = { protocol: 'query', operation: form['Action'] ?? '', input: form, headers: req.headers };
      }
      calls.push(call);
      const respond = (status: number, type: string, payload: string): void => {
        res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': rid });
        res.end(payload);
      };
      Promise.resolve()
        .then(() => {
          const handler = handlers[call.operation];
          if (!handler) awsError('UnknownOperationException', `loopback has no handler for ${call.operation}`);
          return handler(call.input, call);
        })
        .then(
          (output) => {
            if (rest) respond(200, 'application/json', JSON.stringify(output ?? {}));
            else if (isJson) respond(200, contentType || 'application/x-amz-json-1.1', JSON.stringify(output ?? {}));
            else
              respond(
                200,
                'text/xml',
                `<${call.operation}Response><${call.operation}Result>${String(output ?? '')}</${call.operation}Result>` +
                  `<ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></${call.operation}Response>`,
              );
          },
          (error: unknown) => {
            const e = error instanceof AwsErrorReply ? error : new AwsErrorReply('InternalFailure', String(error), 500);
            if (isJson) {
              res.setHeader('x-amzn-errortype', e.code);
              respond(
                e.status,
                rest ? 'application/json' : contentType || 'application/x-amz-json-1.1',
                JSON.stringify({ __type: e.code, message: e.message }),
              );
            } else {
              respond(
                e.status,
                'text/xml',
                `<ErrorResponse><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${e.code}</Code>` +
                  `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${rid}</RequestId></ErrorResponse>`,
              );
            }
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface CompiledRoute {
  readonly operation: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
}

function compileRoutes(table: Readonly<Record<string, string>>): CompiledRoute[] {
  return Object.entries(table).map(([operation, route]) => {
    const [method = 'GET', path = '/'] = route.split(' ');
    const labels: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        const label = /^\{(\w+)\+?\}$/.exec(segment)?.[1];
        if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        labels.push(label);
        return '([^/]+)';
      })
      .join('/');
    return { operation, method, pattern: new RegExp(`^${source}/?$`), labels };
  });
}

function matchRoute(
  routes: readonly CompiledRoute[],
  method: string,
  url: string,
): { operation: string; params: Record<string, string> } | undefined {
  const parsed = new URL(url, 'http://loopback');
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(parsed.pathname);
    if (!match) continue;
    const params: Record<string, string> = Object.fromEntries(parsed.searchParams);
    route.labels.forEach((label, i) => (params[label] = decodeURIComponent(match[i + 1] ?? '')));
    return { operation: route.operation, params };
  }
  return undefined;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/** Client options for the real SDK clients pointed at the loopback server (fast retries for tests). */
export function testClientConfig(endpoint: string, region = 'eu-west-1') {
  return {
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback-secret' },
    maxAttempts: 4,
  } as const;
}
