import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failsGate, scanResources, scanSnapshot, type ScanReport } from '../../shared/app/scan.ts';
import { isSnapshotError } from '../../shared/config-items/errors.ts';
import type { AnyResource } from '../../shared/domain/resource.ts';
import { isSeverity, SEVERITIES, type Severity } from '../../shared/domain/severity.ts';
import { isParamError, type ParamOverrides } from '../../shared/engine/params.ts';
import { catalog as fullCatalog } from '../../shared/rules/index.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { formatJson } from '../format/json.ts';
import { formatJunit } from '../format/junit.ts';
import { formatMarkdown } from '../format/markdown.ts';
import { formatSarif } from '../format/sarif.ts';
import { formatTable } from '../format/table.ts';
import { readAll, type CliIo } from '../io.ts';
import { loadLiveResources, type LiveInput } from '../live.ts';
import { UsageError } from '../usage-error.ts';

export const SCAN_HELP = `Usage: vigil scan --snapshot <file|-> [options]
       vigil scan --live [--region <r>]... [--profile <p>] [options]

Evaluates configuration items against the rule catalog and prints the findings.

Input (one of):
  --snapshot <file|->       an AWS Config snapshot ({"configurationItems": [...]}), a JSON array of
                            configuration items, or NDJSON; gzipped or not; - reads standard input
  --live                    read the account behind the default AWS credential chain, read-only:
                            AWS Config's inventory plus log groups, WAF associations, the IAM
                            credential report and account summary (progress on stderr)
  --region <r>              with --live: a region to read (repeatable); default: AWS_REGION or
                            the profile's region
  --profile <p>             with --live: a profile of ~/.aws/config (else AWS_PROFILE / default)

Options:
  --format <f>              table (default) | json | junit | sarif | markdown
  --param <rule>.<name>=<v> set a rule parameter (repeatable), e.g.
                            --param rds-instance-backup-retention.minRetentionDays=7
  --rules <id,...>          evaluate only these rules
  --fail-on <severity>      exit 1 when a NON_COMPLIANT finding is at or above this severity
                            (${SEVERITIES.join(' | ')})
  --now <ISO time>          evaluate as of this time (time-based rules), default: now
  --complete                the input is a whole account's inventory, though an array or NDJSON:
                            run the account-level rules, and read a missing type as no resources
                            (a Config snapshot file and --live are complete already)
  --home-region <r>         where settings global to an account (root MFA, the account's S3
                            public-access block, a multi-region trail) are reported, once per
                            account; default: the account's first region, alphabetically
  -h, --help                this help

Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage or input error.
`;

const FORMATS = ['table', 'json', 'junit', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export interface ScanArgs {
  readonly snapshot: string | undefined;
  readonly live: LiveInput | undefined;
  readonly format: Format;
  readonly params: ParamOverrides;
  readonly rules: readonly Rule[];
  readonly failOn: Severity | undefined;
  readonly now: Date;
  readonly complete: boolean;
  readonly homeRegion: string | undefined;
  readonly help: boolean;
}

export function parseScanArgs(argv: readonly string[], catalog: readonly Rule[] = fullCatalog): ScanArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        snapshot: { type: 'string' },
        live: { type: 'boolean', default: false },
        region: { type: 'string', multiple: true, default: [] },
        profile: { type: 'string' },
        format: { type: 'string', default: 'table' },
        param: { type: 'string', multiple: true, default: [] },
        rules: { type: 'string' },
        'fail-on': { type: 'string' },
        now: { type: 'string' },
        complete: { type: 'boolean', default: false },
        'home-region': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isSeverity(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${failOn}")`);
  }
  const homeRegion = values['home-region'];
  if (homeRegion !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(homeRegion)) {
    throw new UsageError(`--home-region must be an AWS region such as us-east-1 (got "${homeRegion}")`);
  }
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time (got "${values.now}")`);
  return {
    snapshot: values.snapshot,
    live: liveInput(values.live ?? false, values.region ?? [], values.profile, values.snapshot),
    format,
    params: parseParamFlags(values.param ?? []),
    rules: selectRules(catalog, values.rules),
    failOn,
    now,
    complete: values.complete ?? false,
    homeRegion,
    help: values.help ?? false,
  };
}

/** `rule.name=value` flags → overrides; validation against the rule's schema happens in the engine. */
function parseParamFlags(flags: readonly string[]): ParamOverrides {
  const out: Record<string, Record<string, unknown>> = {};
  for (const flag of flags) {
    const match = /^([a-z0-9-]+)\.([A-Za-z0-9_]+)=(.*)$/s.exec(flag);
    if (!match) throw new UsageError(`--param must look like <rule-id>.<name>=<value> (got "${flag}")`);
    const [, ruleId = '', name = '', value = ''] = match;
    (out[ruleId] ??= {})[name] = value;
  }
  return out;
}

function selectRules(catalog: readonly Rule[], list: string | undefined): readonly Rule[] {
  if (list === undefined) return catalog;
  const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Map(catalog.map((r) => [r.id, r]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`--rules: no rule ${unknown.map((u) => `"${u}"`).join(', ')} (see \`vigil rules\`)`);
  if (ids.length === 0) throw new UsageError('--rules needs at least one rule id');
  return ids.map((id) => known.get(id)).filter((r): r is Rule => r !== undefined);
}

function liveInput(live: boolean, regions: readonly string[], profile: string | undefined, snapshot: string | undefined): LiveInput | undefined {
  if (live && snapshot !== undefined) throw new UsageError('--live and --snapshot are exclusive: scan one or the other');
  if (!live && (regions.length > 0 || profile !== undefined)) throw new UsageError('--region and --profile go with --live');
  return live ? { regions, profile } : undefined;
}

/** The input named by the flags: a live account's resources, or a snapshot file's bytes. */
type ScanInput =
  | { readonly kind: 'live'; readonly resources: AnyResource[]; readonly source: string }
  | { readonly kind: 'snapshot'; readonly bytes: Uint8Array; readonly source: string };

async function loadInput(args: ScanArgs, io: CliIo): Promise<ScanInput> {
  if (args.live) return { kind: 'live', ...(await loadLiveResources(args.live, args.rules, io)) };
  if (args.snapshot === undefined) throw new UsageError('vigil scan needs --snapshot <file|-> or --live (see vigil scan --help)');
  const source = args.snapshot === '-' ? '<stdin>' : args.snapshot;
  try {
    const bytes = args.snapshot === '-' ? await readAll(io.stdin) : await readFile(resolve(io.cwd, args.snapshot));
    return { kind: 'snapshot', bytes, source };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${source}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
  }
}

export async function runScan(argv: readonly string[], io: CliIo, catalog: readonly Rule[] = fullCatalog): Promise<number> {
  const args = parseScanArgs(argv, catalog);
  if (args.help) {
    io.stdout.write(SCAN_HELP);
    return 0;
  }
  const input = await loadInput(args, io);
  // A live read lists whole types of the account; a file is whole when it is a Config snapshot (decided by scanSnapshot) or --complete says so.
  const options = { now: args.now, params: args.params, complete: input.kind === 'live' || args.complete ? true : undefined, homeRegion: args.homeRegion };
  let report: ScanReport;
  try {
    report =
      input.kind === 'live'
        ? scanResources(input.resources, args.rules, options)
        : scanSnapshot(input.bytes, input.source, args.rules, options);
  } catch (error) {
    if (isParamError(error)) throw new UsageError(`--param ${error.message}`);
    if (isSnapshotError(error)) throw new UsageError(error.message);
    throw error;
  }
  io.stdout.write(render(report, args, io, input.source));
  return args.failOn !== undefined && failsGate(report, args.failOn) ? 1 : 0;
}

function render(report: ScanReport, args: ScanArgs, io: CliIo, source: string): string {
  switch (args.format) {
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'sarif':
      return formatSarif(report, args.rules, { artifactUri: source, version: VERSION });
    case 'markdown':
      return formatMarkdown(report);
    case 'table':
      return formatTable(report, { color: Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'] });
  }
}

export const VERSION = '0.1.0';
