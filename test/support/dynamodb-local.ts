/**
 * DynamoDB Local, the official AWS emulator (a jar shipped in the amplify-dynamodb-simulator
 * package), started in memory on a free port for one test file.
 *
 * @example
 * let ddb: DynamoDbLocal;
 * beforeAll(async () => { ddb = await startDynamoDbLocal(); });
 * afterAll(async () => ddb.stop());
 * const client = new DynamoDBClient(ddb.clientConfig);
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocal {
  readonly endpoint: string;
  /** Options for SDK clients pointed at the emulator (fixed fake credentials, no retries to hide bugs). */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly maxAttempts: number;
  };
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  const emulatorDir = join(dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const jar = join(emulatorDir, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error(`DynamoDB Local is missing: ${jar} not found. Run \`npm ci\` (it comes with amplify-dynamodb-simulator).`);
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new Error(`DynamoDB Local needs Java 17 or later on PATH: \`java -version\` failed (${java.error?.message ?? java.stderr.trim()}).`);
  }

  const port = await freePort();
  // C1 only and the serial collector: the emulator starts in about half the time, which a test
  // file waits for, and a test workload never runs long enough to profit from C2.
  const jvmOptions = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  const args = [...jvmOptions, `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`, '-jar', jar, '-inMemory', '-port', String(port)];
  const child = spawn('java', args, {
    cwd: emulatorDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const endpoint = `http://127.0.0.1:${port}`;
  const clientConfig = {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  } as const;
  try {
    await waitUntilAnswering(new DynamoDBClient(clientConfig), child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  // A script that dies before stop() (an uncaught error) must not leave the JVM behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  return {
    endpoint,
    clientConfig,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopProcess(child);
    },
  };
}

async function waitUntilAnswering(client: DynamoDBClient, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`DynamoDB Local exited with code ${exited} while starting:\n${output()}`);
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
