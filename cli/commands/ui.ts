import { parseArgs } from 'node:util';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export const UI_HELP = `Usage: vigil ui --api <url> [--profile <p>] [--region <r>] [--port <n>]

Serves the dashboard on http://127.0.0.1:<port>/ against a deployed findings API. The page's
requests go through a local proxy that signs them with SigV4 (execute-api) using your AWS
credentials, so the browser can use the IAM-authorized API without holding credentials.
It listens on 127.0.0.1 only: anyone who can reach it acts with your credentials.

Options:
  --api <url>      the deployed API (the stack's ApiUrl output), e.g.
                   https://abc123.execute-api.eu-west-1.amazonaws.com
  --profile <p>    a profile of ~/.aws/config (default: the default credential chain)
  --region <r>     the region to sign for (default: read from the execute-api host name)
  --port <n>       default 3000; 0 picks a free one
  -h, --help       this help

The first line on stdout is JSON: {"event":"ready","dashboard":…,"api":…}. Ctrl-C stops it.
`;

export interface UiArgs {
  readonly api: string;
  readonly profile: string | undefined;
  readonly region: string | undefined;
  readonly port: number;
}

export function parseUiArgs(argv: readonly string[]): UiArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        api: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        port: { type: 'string', default: '3000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (vigil ui --help lists the options)`, { cause: error });
  }
  if (values.help) return 'help';
  if (!values.api) throw new UsageError("--api is required: the deployed findings API's URL (the stack's ApiUrl output); vigil ui --help shows an example");
  let url: URL;
  try {
    url = new URL(values.api);
  } catch (error) {
    throw new UsageError(`--api must be a URL such as https://abc123.execute-api.eu-west-1.amazonaws.com (got "${values.api}")`, { cause: error });
  }
  if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new UsageError(`--api must use https (got ${url.protocol}): signed requests must not travel in clear`);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new UsageError(`--port must be an integer from 0 to 65535 (got "${values.port}")`);
  return { api: url.toString().replace(/\/$/, ''), profile: values.profile, region: values.region, port };
}

/**
 * `vigil ui`: the dashboard against a deployed API, through a local SigV4-signing proxy.
 *
 * @example
 * vigil ui --api https://abc123.execute-api.eu-west-1.amazonaws.com --profile audit
 */
export async function runUi(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseUiArgs(argv);
  if (args === 'help') {
    io.stdout.write(UI_HELP);
    return 0;
  }
  const { regionOfApiUrl, startUiProxy } = await import('../../local/ui-proxy.ts');
  const region = args.region ?? regionOfApiUrl(args.api) ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'];
  if (!region) throw new UsageError('--region is needed: the API URL does not name one (not an execute-api host name) and AWS_REGION is not set');
  const server = await startUiProxy({
    apiUrl: args.api,
    region,
    credentials: args.profile ? fromIni({ profile: args.profile }) : defaultProvider(),
    port: args.port,
    onError: (error) => io.stderr.write(`vigil ui: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  io.stdout.write(`${JSON.stringify({ event: 'ready', dashboard: `${server.url}/`, api: args.api, region, profile: args.profile ?? null, pid: process.pid })}\n`);
  io.stdout.write(`\nDashboard on ${server.url}/ for ${args.api}; requests are signed with ${args.profile ? `profile ${args.profile}` : 'the default credential chain'}. Ctrl-C stops it.\n`);
  return new Promise<number>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close().then(() => done(0), () => done(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
