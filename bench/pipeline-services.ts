/**
 * What the evaluate function talks to, in a process of its own: dynalite (DynamoDB), behind a
 * metering proxy (bench/dynamodb-capacity.ts), and the loopback AWS server with Config and SQS.
 * On AWS these run elsewhere; in the bench they must too, or their CPU (dynalite's LevelDB and
 * request validation, the servers' parsing) is counted as the function's: worker threads share
 * `process.cpuUsage`, a child process does not.
 *
 * The parent (bench/pipeline.ts) forks this file, points the real SDK clients at the endpoints it
 * reports, and asks it over IPC for the request counts and units, and for what was queued.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { startDynalite } from '../local/dynalite.ts';
import { createFakeConfigService, type FakeItem } from '../test/support/config-service-fake.ts';
import { startLoopbackAws } from '../test/support/loopback-aws.ts';
import { createLoopbackQueue } from '../test/support/loopback-sqs.ts';
import { createCapacityMeter, type CapacityFigures } from './dynamodb-capacity.ts';

/** What the services answer over IPC, by request. */
interface Replies {
  reset: null;
  figures: CapacityFigures;
  /** Queued bodies not yet taken. */
  pending: number;
  take: string[];
  record: null;
  /** Calls the loopback AWS server answered, by operation, since the last reset. */
  calls: Record<string, number>;
  stop: null;
}
type Request = { [K in keyof Replies]: { id: number; op: K; items?: FakeItem[] } }[keyof Replies];

export interface PipelineServices {
  /** DynamoDB (dynalite behind the meter). */
  readonly dynamodbEndpoint: string;
  /** Config and SQS (JSON protocols, told apart by X-Amz-Target). */
  readonly awsEndpoint: string;
  call<K extends keyof Replies>(op: K, items?: FakeItem[]): Promise<Replies[K]>;
  stop(): Promise<void>;
}

/** Forks the services and waits for their endpoints. */
export async function startPipelineServices(): Promise<PipelineServices> {
  const child: ChildProcess = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  const ready = await new Promise<{ dynamodbEndpoint: string; awsEndpoint: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench/pipeline-services.ts exited with ${code} before it was ready`)));
    child.once('message', (message) => resolve(message as { dynamodbEndpoint: string; awsEndpoint: string }));
  });
  child.removeAllListeners('exit');
  child.on('message', (message) => {
    const { id, value } = message as { id: number; value: unknown };
    waiting.get(id)?.(value);
    waiting.delete(id);
  });
  const call = <K extends keyof Replies>(op: K, items?: FakeItem[]): Promise<Replies[K]> =>
    new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ id, op, items });
    });
  return {
    ...ready,
    call,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('stop');
      await exited;
    },
  };
}

/** The child: starts everything, reports the endpoints, answers the parent. */
async function serve(): Promise<void> {
  const ddb = await startDynalite();
  const meter = createCapacityMeter();
  const proxy = await startMeteringProxy(ddb.endpoint, meter.observe);
  const config = createFakeConfigService();
  const queue = createLoopbackQueue();
  const aws = await startLoopbackAws({ ...config.handlers, ...queue.handlers });
  const send = (message: unknown) => process.send?.(message);
  process.on('message', (message) => {
    const request = message as Request;
    const reply = (value: unknown): void => void send({ id: request.id, value });
    switch (request.op) {
      case 'reset':
        meter.reset();
        aws.calls.length = 0;
        return reply(null);
      case 'figures':
        return reply(meter.figures());
      case 'pending':
        return reply(queue.bodies.length);
      case 'take':
        return reply(queue.take());
      case 'record':
        for (const item of request.items ?? []) config.record(item);
        return reply(null);
      case 'calls': {
        const counts: Record<string, number> = {};
        for (const c of aws.calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
        return reply(counts);
      }
      case 'stop':
        void Promise.all([aws.close(), proxy.close(), ddb.stop()]).then(() => {
          reply(null);
          process.disconnect?.();
        });
    }
  });
  send({ dynamodbEndpoint: proxy.endpoint, awsEndpoint: aws.endpoint });
}

/**
 * Forwards DynamoDB's JSON protocol to dynalite and shows each request and its answer to the
 * meter. A put is sent with ReturnValues ALL_OLD (the meter needs the item it replaces); the
 * old item is taken out of the answer again when the client did not ask for it, so the client
 * parses what DynamoDB would have sent it. dynalite does not check signatures, so the changed
 * body passes; the answer's CRC32 header is recomputed.
 */
async function startMeteringProxy(
  target: string,
  observe: (operation: string, input: Record<string, unknown>, answer: { output?: Record<string, unknown>; errorType?: string }) => void,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const forced = operation === 'PutItem' && input['ReturnValues'] === undefined;
      const body = Buffer.from(JSON.stringify(forced ? { ...input, ReturnValues: 'ALL_OLD' } : input));
      const headers: IncomingHttpHeaders = { ...req.headers, 'content-length': String(body.length) };
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          let payload = Buffer.concat(parts);
          const parsed = payload.length > 0 ? (JSON.parse(payload.toString('utf8')) as Record<string, unknown>) : {};
          const ok = (answer.statusCode ?? 500) < 300;
          observe(operation, input, ok ? { output: parsed } : { errorType: String(parsed['__type'] ?? '') });
          if (ok && forced) {
            const { Attributes: _old, ...rest } = parsed;
            payload = Buffer.from(JSON.stringify(rest));
          }
          res.writeHead(answer.statusCode ?? 500, {
            ...answer.headers,
            'content-length': String(payload.length),
            'x-amz-crc32': String(crc32(payload)),
          });
          res.end(payload);
        });
      });
      forward.on('error', (error) => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: `metering proxy: ${error.message}` }));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        agent.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

if (import.meta.main) await serve();
