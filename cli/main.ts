import { isSnapshotError } from '../shared/config-items/errors.ts';
import { runRules } from './commands/rules.ts';
import { runScan, VERSION } from './commands/scan.ts';
import type { CliIo } from './io.ts';
import { isUsageError } from './usage-error.ts';

export const HELP = `vigil ${VERSION} — production-readiness checks for AWS accounts

Usage: vigil <command> [options]

Commands:
  scan      evaluate a Config snapshot (or a live account) and print findings
  rules     list the rule catalog
  findings  read a deployed Vigil's findings through its API
  suppress  accept a risk (or --dry-run: see what it would hide)
  evaluate  re-evaluate a resource, a rule or the account now
  local     run all of Vigil on this machine: API, dashboard, Lambda Invoke API (npm start)
  ui        the dashboard against a deployed API, through a local SigV4-signing proxy
  help      this help (also: vigil <command> --help)

Examples:
  vigil scan --snapshot examples/demo-account.json
  vigil scan --snapshot snapshot.json.gz --format sarif --fail-on high > vigil.sarif
  vigil rules --format markdown
`;

/** Runs the CLI; returns the exit code (0 ok, 1 gate failed, 2 usage or input error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await runScan(rest, io);
      case 'rules':
        return await runRules(rest, io);
      case 'findings':
        return await (await import('./commands/findings.ts')).runFindings(rest, io);
      case 'suppress':
        return await (await import('./commands/suppress.ts')).runSuppress(rest, io);
      case 'evaluate':
        return await (await import('./commands/evaluate.ts')).runEvaluate(rest, io);
      case 'local':
        return await (await import('./commands/local.ts')).runLocal(rest, io);
      case 'ui':
        return await (await import('./commands/ui.ts')).runUi(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(HELP);
        return 0;
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      default:
        io.stderr.write(`vigil: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (isUsageError(error) || isSnapshotError(error)) {
      io.stderr.write(`vigil: ${error.message}\n`);
      return 2;
    }
    // A problem the findings API answered (recognized by name: importing its client here would
    // load the AWS SDK for every command).
    if (error instanceof Error && error.name === 'FindingsApiError' && 'status' in error && typeof error.status === 'number') {
      io.stderr.write(`vigil: ${error.message}\n`);
      return error.status < 500 ? 2 : 1;
    }
    throw error;
  }
}
