/**
 * `vigil local` once its arguments are read: the runtime, the findings API, the first sweep, the
 * ready line, then the story. Returns what stops it all.
 */
import type { AccountSource } from './account-source.ts';
import { startFetchServer, type FetchServer } from './fetch-server.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';
import { playStory } from './story.ts';

export interface StartLocalOptions {
  readonly stage: string;
  readonly dataDir: string | undefined;
  readonly source: AccountSource;
  /** How the ready line names the source: `demo`, `snapshot:<file>`. */
  readonly sourceLabel: string;
  readonly apiPort: number;
  readonly invokePort: number;
  readonly visibilityTimeoutSeconds: number;
  readonly story: boolean;
  readonly slackWebhookUrl: string | undefined;
  /** The demo account's raw items the story changes; absent for a user's snapshot (no story). */
  readonly storyItems: readonly Record<string, unknown>[] | undefined;
  /** Where the story writes its event files. */
  readonly storyDirectory: string;
  readonly cwd: string;
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
  /** Resources of the snapshot; null for a live account. */
  readonly resources: number | null;
  readonly dataDir: string | null;
  readonly auth: 'none';
  readonly pid: number;
}

export async function startLocal(options: StartLocalOptions): Promise<LocalStack> {
  let held: string[] | undefined = [];
  const report = (line: string): void => void options.stderr.write(`${line}\n`);
  const runtime = await startLocalRuntime({
    stage: options.stage,
    dataDir: options.dataDir,
    source: options.source,
    invokePort: options.invokePort,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    // Held until the ready line is out: it must come first, and the first sweep's digest precedes it.
    printAlert: (text) => void (held ? held.push(`${text}\n`) : options.stdout.write(`${text}\n`)),
    slackWebhookUrl: options.slackWebhookUrl,
    report,
  });
  let api: FetchServer | undefined;
  let story: Promise<unknown> | undefined;
  const stopped = new AbortController();
  const stop = async (): Promise<void> => {
    stopped.abort();
    await api?.close();
    await runtime.stop();
    await story;
  };
  try {
    api = await startFetchServer({
      port: options.apiPort,
      fetch: (request) => runtime.api.fetch(request),
      onError: (error) => report(`vigil local: api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });

    const server = api;
    // The first sweep, as after a deployment; the ready line once its findings and alerts are out,
    // so what a user feeds next is never folded into the first digest.
    await runtime.firstSweep();
    const ready: ReadyLine = {
      event: 'ready',
      api: server.url,
      dashboard: `${server.url}/`,
      invoke: runtime.invokeUrl,
      table: runtime.tableName,
      queue: runtime.queue.name,
      stage: options.stage,
      source: options.sourceLabel,
      resources: runtime.source.size ?? null,
      dataDir: options.dataDir ?? null,
      auth: 'none',
      pid: process.pid,
    };
    options.stdout.write(`${JSON.stringify(ready)}\n`);
    options.stdout.write(banner(ready, options.slackWebhookUrl !== undefined));
    for (const text of held) options.stdout.write(text);
    held = undefined;
    if (options.story && options.storyItems) {
      const items = options.storyItems;
      const url = server.url;
      // After the ready line, in the background: Ctrl-C during the story stops it like the rest.
      story = playStory({
        items,
        directory: options.storyDirectory,
        cwd: options.cwd,
        invokeUrl: runtime.invokeUrl,
        invoke: (name, payload) => runtime.invoke(name, payload),
        settled: () => runtime.settled(),
        print: (text) => void options.stdout.write(text),
        signal: stopped.signal,
      }).then(
        () => stopped.signal.aborted || options.stdout.write(`Try: curl -s '${url}/findings?severity=high'\n\n`),
        (error: unknown) => stopped.signal.aborted || report(`vigil local: the story stopped: ${error instanceof Error ? error.message : String(error)}`),
      );
    } else if (options.story) {
      options.stdout.write('The scripted story runs on the demo account only; feed your own events through the Invoke API.\n\n');
    }
    return { runtime, apiUrl: api.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function banner(ready: ReadyLine, slack: boolean): string {
  return [
    '',
    `Vigil is running locally (${ready.source}${ready.resources === null ? '' : `, ${ready.resources} resources`}, table ${ready.table}${ready.dataDir ? ` in ${ready.dataDir}` : ', in memory'}).`,
    'No authentication: every endpoint listens on 127.0.0.1 only.',
    `  Findings API  ${ready.api}/findings`,
    `  Dashboard     ${ready.dashboard}`,
    `  Invoke API    ${ready.invoke}  (aws lambda invoke --endpoint-url ${ready.invoke} --function-name evaluate --payload fileb://event.json out.json)`,
    `Alerts print below, as their Slack messages read${slack ? ', and go to VIGIL_SLACK_WEBHOOK_URL' : ' (set VIGIL_SLACK_WEBHOOK_URL to post them to Slack too)'}.`,
    'Ctrl-C stops everything.',
    '',
    '',
  ].join('\n');
}
