import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSnapshotError } from '../../shared/config-items/errors.ts';
import { parseSnapshot } from '../../shared/config-items/snapshot.ts';
import { liveSource, snapshotSource, type AccountSource } from '../../local/account-source.ts';
import { REPO_ROOT } from '../../local/repo-root.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export const LOCAL_HELP = `Usage: vigil local [options]      (what \`npm start\` runs)

Runs all of Vigil on this machine: DynamoDB (dynalite, in-process), the evaluation queue (SQS
semantics: visibility timeout, retries, a dead-letter queue after 5 receives), the same sweep,
evaluate, notify, counters and api handlers as deployed, the findings API and dashboard, and the
AWS Lambda Invoke API. Everything listens on 127.0.0.1 only, without authentication.

The first line on stdout is JSON: {"event":"ready", "api", "dashboard", "invoke", ...}. Alerts follow,
rendered like their Slack messages. Ctrl-C stops everything.

Source (one of):
  (none)                    the bundled demo account, examples/demo-account.json, with the story
  --snapshot <file>         an AWS Config snapshot, JSON array or NDJSON of configuration items
  --live                    a real account, read-only (AWS Config and the collectors' read calls)
                            through the default credential chain; findings stay on this machine
  --region <r>              with --live: the region (default: AWS_REGION or the profile's)
  --profile <p>             with --live: a profile of ~/.aws/config

Options:
  --data-dir <dir>          keep the findings table in this LevelDB folder between runs
                            (default: in memory, gone at exit)
  --port <n>                findings API and dashboard port (default 3000; 0 picks a free one)
  --invoke-port <n>         Lambda Invoke API port (default 3002; 0 picks a free one)
  --no-story                skip the scripted story of changes after start-up
  --visibility-timeout <s>  seconds before a failed evaluation message is retried (default 30)
  --stage <name>            names: vigil-<stage>-evaluate, vigil-<stage>-findings (default local)
  -h, --help                this help

Environment:
  VIGIL_SLACK_WEBHOOK_URL   also post each alert to this Slack incoming webhook
`;

export const DEMO_ACCOUNT = resolve(REPO_ROOT, 'examples', 'demo-account.json');

export interface LocalArgs {
  readonly snapshot: string | undefined;
  readonly live: { readonly region: string | undefined; readonly profile: string | undefined } | undefined;
  readonly dataDir: string | undefined;
  readonly port: number;
  readonly invokePort: number;
  readonly story: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly stage: string;
  readonly help: boolean;
}

export function parseLocalArgs(argv: readonly string[]): LocalArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        snapshot: { type: 'string' },
        live: { type: 'boolean', default: false },
        region: { type: 'string' },
        profile: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '3000' },
        'invoke-port': { type: 'string', default: '3002' },
        'no-story': { type: 'boolean', default: false },
        'visibility-timeout': { type: 'string', default: '30' },
        stage: { type: 'string', default: 'local' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (vigil local --help lists the options)`, { cause: error });
  }
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(values.stage)) throw new UsageError(`--stage must be lowercase letters, digits and dashes, at most 16 (got "${values.stage}")`);
  if (values.live && values.snapshot) throw new UsageError('--live and --snapshot are two sources: give one');
  if (!values.live && (values.region || values.profile)) throw new UsageError('--region and --profile go with --live');
  return {
    snapshot: values.snapshot,
    live: values.live ? { region: values.region, profile: values.profile } : undefined,
    dataDir: values['data-dir'],
    port: port('--port', values.port),
    invokePort: port('--invoke-port', values['invoke-port']),
    story: !values['no-story'],
    visibilityTimeoutSeconds: integer('--visibility-timeout', values['visibility-timeout'], 0, 43_200),
    stage: values.stage,
    help: values.help,
  };
}

function port(flag: string, text: string): number {
  return integer(flag, text, 0, 65_535);
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max} (got "${text}")`);
  return n;
}

/** The account local mode reads, how the ready line names it, and the demo's raw items for the story. */
async function loadSource(args: LocalArgs, io: CliIo): Promise<{ source: AccountSource; label: string; items: Record<string, unknown>[] | undefined }> {
  if (args.live) {
    const { defaultRegion } = await import('../../shared/adapters/aws-live-account.ts');
    const region = args.live.region ?? (await defaultRegion(args.live.profile));
    if (!region) throw new UsageError("--live needs a region: pass --region <region>, or set AWS_REGION or the profile's region");
    try {
      const source = await liveSource({ profile: args.live.profile, region });
      const [home] = source.scopes;
      return { source, label: `aws:${home?.accountId ?? 'unknown'}:${region}`, items: undefined };
    } catch (error) {
      throw new UsageError(`--live: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  const file = args.snapshot ? resolve(io.cwd, args.snapshot) : DEMO_ACCOUNT;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read --snapshot ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    const resources = parseSnapshot(bytes, args.snapshot ?? 'examples/demo-account.json');
    // The story changes the demo account's own items; a user's snapshot gets no story.
    const items = args.snapshot ? undefined : demoItems(bytes);
    return { source: snapshotSource(resources), label: args.snapshot ? `snapshot:${file}` : 'demo', items };
  } catch (error) {
    if (isSnapshotError(error)) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** The demo account's configuration items as the file holds them (the story edits copies). */
function demoItems(bytes: Uint8Array): Record<string, unknown>[] {
  const document: unknown = JSON.parse(new TextDecoder().decode(bytes));
  const items = typeof document === 'object' && document !== null ? (document as { configurationItems?: unknown }).configurationItems : undefined;
  return Array.isArray(items) ? items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null) : [];
}

/** Seconds Ctrl-C waits for a clean stop before exiting anyway (the bound is 5). */
const STOP_DEADLINE_MS = 4_000;

/**
 * `vigil local`: starts local mode and runs until SIGINT or SIGTERM.
 *
 * @example
 * vigil local --port 0 --invoke-port 0 --no-story
 */
export async function runLocal(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseLocalArgs(argv);
  if (args.help) {
    io.stdout.write(LOCAL_HELP);
    return 0;
  }
  // Powertools metrics would print EMF lines on stdout, which carries the ready line and alerts.
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  const { source, label, items } = await loadSource(args, io);
  const { startLocal } = await import('../../local/start.ts');
  // Ctrl-C is handled from the start. During start-up there is nothing to hand back: everything
  // runs in this process (dynalite's LevelDB folder survives an exit mid-write), so it exits.
  let onSignal = (signal: NodeJS.Signals): void => {
    io.stderr.write(`\nvigil local: ${signal} during start-up, exiting\n`);
    process.exit(130);
  };
  const handler = (signal: NodeJS.Signals): void => onSignal(signal);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  const stack = await startLocal({
    stage: args.stage,
    dataDir: args.dataDir ? resolve(io.cwd, args.dataDir) : undefined,
    source,
    sourceLabel: label,
    apiPort: args.port,
    invokePort: args.invokePort,
    visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
    story: args.story,
    storyItems: items,
    storyDirectory: resolve(io.cwd, '.vigil', 'story'),
    cwd: io.cwd,
    slackWebhookUrl: io.env['VIGIL_SLACK_WEBHOOK_URL'] || undefined,
    stdout: io.stdout,
    stderr: io.stderr,
  }).catch((error: unknown) => {
    const e = error as NodeJS.ErrnoException & { port?: number };
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    if (e?.code === 'EADDRINUSE') {
      throw new UsageError(`127.0.0.1:${e.port ?? '?'} is already in use (another vigil local?): choose other ports with --port and --invoke-port, or 0 for free ones`, { cause: error });
    }
    throw error;
  });

  return new Promise<number>((done) => {
    onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      io.stderr.write(`\nvigil local: ${signal}, stopping\n`);
      // Stopping waits for running invocations; a stuck one must not keep the process alive.
      const deadline = setTimeout(() => {
        io.stderr.write('vigil local: stop took too long; exiting\n');
        process.exit(1);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      stack.stop().then(
        () => done(0),
        (error: unknown) => {
          io.stderr.write(`vigil local: while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
          done(1);
        },
      );
    };
  });
}
