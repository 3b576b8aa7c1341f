import type { CliIo } from './io.ts';
import { VERSION } from './version.ts';

/** A command: `run<Name>(argv, io)` exported by `cli/commands/<name>.ts`, loaded when used. */
interface Command {
  readonly summary: string;
  readonly load: () => Promise<(argv: readonly string[], io: CliIo) => Promise<number>>;
}

/**
 * Every command, loaded only when invoked (start-up stays fast: `vigil --help` loads none of
 * them, `vigil rules` not the scan, `vigil scan --snapshot` not the AWS SDK). Add a command with
 * one line here and a `cli/commands/<name>.ts` exporting `run<Name>`.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  scan: { summary: 'evaluate a Config snapshot (or a live account) and print findings', load: async () => (await import('./commands/scan.ts')).runScan },
  rules: { summary: 'list the rule catalog', load: async () => (await import('./commands/rules.ts')).runRules },
  findings: { summary: "read a deployed Vigil's findings through its API", load: async () => (await import('./commands/findings.ts')).runFindings },
  suppress: { summary: 'accept a risk (or --dry-run: see what it would hide)', load: async () => (await import('./commands/suppress.ts')).runSuppress },
  evaluate: { summary: 're-evaluate a resource, a rule or the account now', load: async () => (await import('./commands/evaluate.ts')).runEvaluate },
  local: { summary: 'run all of Vigil on this machine: API, dashboard, Lambda Invoke API (npm start)', load: async () => (await import('./commands/local.ts')).runLocal },
  ui: { summary: 'the dashboard against a deployed API, through a local SigV4-signing proxy', load: async () => (await import('./commands/ui.ts')).runUi },
};

export const HELP = `vigil ${VERSION} — production-readiness checks for AWS accounts

Usage: vigil <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}
  help      this help (also: vigil <command> --help)

Examples:
  vigil scan --snapshot examples/demo-account.json
  vigil scan --snapshot snapshot.json.gz --format sarif --fail-on high > vigil.sarif
  vigil scan --snapshot big.json.gz --format ndjson --status non-compliant,error | jq .
  vigil rules --format markdown

Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage or input error; 3 internal error
(add --debug for its stack trace).
`;

/** Errors a user can fix (a flag, a file): one line each, exit 2. */
function userMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'UsageError' || error.name === 'SnapshotError' || error.name === 'InputErrors') return error.message;
  return undefined;
}

/** Runs the CLI; returns the exit code (0 ok, 1 gate failed, 2 usage or input error, 3 internal error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug') || io.env['VIGIL_DEBUG'] === '1';
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    io.stderr.write(`vigil: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await entry.load())(rest, io);
  } catch (error) {
    const message = userMessage(error);
    if (message !== undefined) {
      io.stderr.write(`vigil: ${message.split('\n').join('\nvigil: ')}\n`);
      return 2;
    }
    // A problem the findings API answered (recognized by name: importing its client here would
    // load the AWS SDK for every command): the request's fault is a usage error, the server's is
    // not the user's and never reads as --fail-on's "findings".
    if (error instanceof Error && error.name === 'FindingsApiError' && 'status' in error && typeof error.status === 'number') {
      io.stderr.write(`vigil: ${error.message}\n`);
      return error.status < 500 ? 2 : 3;
    }
    // A bug, not the user's input: never exit 1 (that is --fail-on's "findings").
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr.write(
      debug && error instanceof Error
        ? `vigil: internal error in "${command}": ${error.stack ?? what}\n`
        : `vigil: internal error in "${command}": ${what.split('\n')[0]} (run again with --debug for the stack trace)\n`,
    );
    return 3;
  }
}
