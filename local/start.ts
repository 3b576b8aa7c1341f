/**
 * `vigil local` once its arguments are read: the runtime, the findings API, the first sweep, the
 * ready line, then the story. Returns what stops it all.
 */
import type { AnyResource } from '../shared/domain/resource.ts';
import { startFetchServer, type FetchServer } from './fetch-server.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';

export interface StartLocalOptions {
  readonly stage: string;
  readonly dataDir: string | undefined;
  readonly resources: readonly AnyResource[];
  /** How the ready line names the source: `demo`, `snapshot:<file>`. */
  readonly source: string;
  readonly apiPort: number;
  readonly invokePort: number;
  readonly visibilityTimeoutSeconds: number;
  readonly story: boolean;
  readonly slackWebhookUrl: string | undefined;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface LocalStack {
  readonly runtime: LocalRuntime;
  readonly apiUrl: string;
  stop(): Promise<void>;
}

/** The first stdout line: what a script or a test waits for. */
export interface ReadyLine {
  readonly event: 'ready';
  readonly api: string;
  readonly dashboard: string;
  readonly invoke: string;
  readonly table: string;
  readonly queue: string;
  readonly stage: string;
  readonly source: string;
  readonly resources: number;
  readonly dataDir: string | null;
  readonly auth: 'none';
  readonly pid: number;
}

export async function startLocal(options: StartLocalOptions): Promise<LocalStack> {
  const report = (line: string): void => void options.stderr.write(`${line}\n`);
  const runtime = await startLocalRuntime({
    stage: options.stage,
    dataDir: options.dataDir,
    resources: options.resources,
    invokePort: options.invokePort,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    report,
  });
  let api: FetchServer | undefined;
  const stop = async (): Promise<void> => {
    await api?.close();
    await runtime.stop();
  };
  try {
    api = await startFetchServer({
      port: options.apiPort,
      fetch: async () =>
        Response.json(
          { type: 'about:blank', title: 'Not Implemented', status: 501, detail: 'the findings API is not wired into local mode in this build' },
          { status: 501, headers: { 'content-type': 'application/problem+json' } },
        ),
      onError: (error) => report(`vigil local: api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });

    // The first sweep, as the deployed stack's post-deploy sweep: every resource through the queue.
    await runtime.invoke('sweep', {});
    await runtime.settled();

    const ready: ReadyLine = {
      event: 'ready',
      api: api.url,
      dashboard: `${api.url}/`,
      invoke: runtime.invokeUrl,
      table: runtime.tableName,
      queue: runtime.queue.name,
      stage: options.stage,
      source: options.source,
      resources: runtime.inventory.size,
      dataDir: options.dataDir ?? null,
      auth: 'none',
      pid: process.pid,
    };
    options.stdout.write(`${JSON.stringify(ready)}\n`);
    options.stdout.write(banner(ready));
    return { runtime, apiUrl: api.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function banner(ready: ReadyLine): string {
  return [
    '',
    `Vigil is running locally (${ready.source}, ${ready.resources} resources, table ${ready.table}${ready.dataDir ? ` in ${ready.dataDir}` : ', in memory'}).`,
    'No authentication: every endpoint listens on 127.0.0.1 only.',
    `  Findings API  ${ready.api}/findings`,
    `  Dashboard     ${ready.dashboard}`,
    `  Invoke API    ${ready.invoke}  (aws lambda invoke --endpoint-url ${ready.invoke} --function-name evaluate --payload fileb://event.json out.json)`,
    'Ctrl-C stops everything.',
    '',
    '',
  ].join('\n');
}
