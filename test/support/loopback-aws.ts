/**
 * A loopback HTTP server that speaks AWS wire protocols, so the real SDK v3 clients can be
 * driven through `endpoint` overrides in tests:
 * - JSON 1.0 / 1.1 (`X-Amz-Target: Service.Operation`; Config, CloudWatch Logs, WAFv2, SQS,
 *   EventBridge): the handler gets the parsed body and returns the response object.
 * - AWS query (form-encoded `Action=…`; IAM, SNS): the handler gets the flat form fields and
 *   returns the inner XML of `<OperationResult>`; the server wraps it.
 * Errors: throw `awsError(code, message, status)`; the server answers in the protocol's shape
 * (`{"__type": code, "message"}` or `<ErrorResponse>`), which the SDK maps to exceptions
 * (ThrottlingException is retried by the SDK's standard retry strategy).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  readonly protocol: 'json' | 'query';
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
 * @param handlers by operation name (`ListDiscoveredResources`, `GetAccountSummary`, …).
 * @example
 * const aws = await startLoopbackAws({ DescribeLogGroups: () => ({ logGroups: [] }) });
 * const logs = new CloudWatchLogsClient(testClientConfig(aws.endpoint));
 */
export async function startLoopbackAws(handlers: Readonly<Record<string, AwsHandler>>): Promise<LoopbackAws> {
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
      const isJson = typeof target === 'string';
      let call: AwsCall;
      if (isJson) {
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
            if (isJson) respond(200, contentType || 'application/x-amz-json-1.1', JSON.stringify(output ?? {}));
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
              respond(e.status, contentType || 'application/x-amz-json-1.1', JSON.stringify({ __type: e.code, message: e.message }));
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
