/**
 * dynalite (npm, Apache-2.0): an open-source implementation of the DynamoDB API on LevelDB,
 * started in this process on a loopback port and reached through the real AWS SDK client over
 * HTTP. Local mode and the tests use it; nothing else in Vigil knows it is not DynamoDB.
 *
 * In memory (memory-level) by default; on disk (LevelDB) when `path` is given, kept between runs.
 * dynalite 4.0.0 implements neither TransactWriteItems nor the Streams API: the store writes each
 * item on its own (docs/architecture.md) and local/stream-recorder.ts stands in for the stream.
 *
 * @example
 * const ddb = await startDynalite();
 * const client = new DynamoDBClient(ddb.clientConfig);
 * // …
 * await ddb.stop();
 */
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

export interface LocalDynamoDb {
  readonly endpoint: string;
  /** Options for SDK clients pointed at it (fixed fake credentials, no retries to hide bugs). */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly maxAttempts: number;
  };
  stop(): Promise<void>;
}

export interface DynaliteOptions {
  /** A LevelDB folder kept between runs; in memory when absent. */
  readonly path?: string | undefined;
  /** Loopback port; 0 (default) picks a free one. */
  readonly port?: number | undefined;
}

interface DynaliteServer {
  listen(port: number, host: string, callback: () => void): void;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number; path?: string }) => DynaliteServer;

export async function startDynalite(options: DynaliteOptions = {}): Promise<LocalDynamoDb> {
  // dynalite is CommonJS without types.
  const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    clientConfig: {
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
