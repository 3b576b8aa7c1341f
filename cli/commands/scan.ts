import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createScan, documentError, splitterFor, summaryFailsGate, type ScanSummary } from '../../shared/app/scan.ts';
import { droppedVersionsLine } from '../../shared/config-items/current.ts';
import type { SnapshotForm } from '../../shared/config-items/snapshot.ts';
import { typesReadBy } from '../../shared/config-items/unread-types.ts';
import { ItemSplitter } from '../../shared/config-items/item-splitter.ts';
import { utf8Chunks } from '../../shared/config-items/item-stream.ts';
import { EvaluationStatus } from '../../shared/domain/evaluation.ts';
import { isSeverity, SEVERITIES, type Severity } from '../../shared/domain/severity.ts';
import { isParamError, type ParamOverrides } from '../../shared/engine/params.ts';
import { catalog as fullCatalog } from '../../shared/rules/index.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import type { ReportFormat, ReportWriter, ScanSource } from '../format/writer.ts';
import type { CliIo } from '../io.ts';
import type { LiveInput } from '../live.ts';
import { createOutput } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { VERSION } from '../version.ts';

export { VERSION };

export const SCAN_HELP = `Usage: vigil scan --snapshot <file|-> [options]
       vigil scan --live [--region <r>]... [--profile <p>] [options]

Evaluates configuration items against the rule catalog and prints the findings. The input is
read item by item and the report written as it is produced, so a file of any size can be scanned.

Input (one of):
  --snapshot <file|->       an AWS Config snapshot ({"configurationItems": [...]}), a JSON array of
                            configuration items, or NDJSON; gzipped or not; UTF-8 (a byte-order
                            mark is fine) or UTF-16 with a byte-order mark; - reads standard input.
                            When a resource is listed more than once (configuration history), its
                            newest item is evaluated and the older ones dropped.
  --live                    read the account behind the default AWS credential chain, read-only:
                            AWS Config's inventory plus log groups, ElastiCache, WAF associations,
                            Lambda on-failure destinations, the IAM credential report and account
                            summary (progress on stderr)
  --region <r>              with --live: a region to read (repeatable); default: AWS_REGION or
                            the profile's region
  --profile <p>             with --live: a profile of ~/.aws/config (else AWS_PROFILE / default)

Options:
  --format <f>              table (default) | json | ndjson | junit | sarif | markdown
                            json: {"schemaVersion": 2, "rules": {...}, "evaluations": [...], "summary": {...}}
                            ndjson: one evaluation a line
  --status <s,...>          list only evaluations of these statuses: non-compliant, error,
                            compliant, not-applicable (the summary still counts all)
  --param <rule>.<name>=<v> set a rule parameter (repeatable), e.g.
                            --param rds-instance-backup-retention.minRetentionDays=7
  --rules <id,...>          evaluate only these rules (items of types they do not read are skipped)
  --fail-on <severity>      exit 1 when a NON_COMPLIANT finding is at or above this severity
                            (${SEVERITIES.join(' | ')})
  --now <ISO time>          evaluate as of this time (time-based rules), e.g. 2026-01-31T00:00:00Z;
                            default: now
  --complete                the input is a whole account's inventory, though an array or NDJSON:
                            run the account-level rules, and read a missing type as no resources
                            (a Config snapshot file and --live are complete already)
  --home-region <r>         where settings global to an account (root MFA, the account's S3
                            public-access block, a multi-region trail) are reported, once per
                            account; default: the account's first region, alphabetically
  --debug                   on an internal error, print the stack trace
  -h, --help                this help

Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage or input error; 3 internal error.
`;

/**
 * Files larger than this are read twice: first only the items cross-resource rules read (the
 * rest skipped unparsed), then everything, evaluated at once. Smaller files are read once, and the
 * items whose rules need the whole inventory wait for its end: faster, and their memory is small.
 */
const TWO_PASS_BYTES = 512 * 1024 * 1024;

export const FORMATS = ['table', 'json', 'ndjson', 'junit', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** Each format's writer, loaded only when that format is asked for. */
const WRITERS: Record<Format, () => Promise<ReportFormat>> = {
  table: async () => (await import('../format/table.ts')).tableWriter,
  json: async () => (await import('../format/json.ts')).jsonWriter,
  ndjson: async () => (await import('../format/json.ts')).ndjsonWriter,
  junit: async () => (await import('../format/junit.ts')).junitWriter,
  sarif: async () => (await import('../format/sarif.ts')).sarifWriter,
  markdown: async () => (await import('../format/markdown.ts')).markdownWriter,
};

const STATUS_FLAGS: Readonly<Record<string, EvaluationStatus>> = {
  'non-compliant': EvaluationStatus.NON_COMPLIANT,
  error: EvaluationStatus.ERROR,
  compliant: EvaluationStatus.COMPLIANT,
  'not-applicable': EvaluationStatus.NOT_APPLICABLE,
};

export interface ScanArgs {
  readonly snapshot: string | undefined;
  readonly live: LiveInput | undefined;
  readonly format: Format;
  readonly params: ParamOverrides;
  readonly rules: readonly Rule[];
  readonly failOn: Severity | undefined;
  readonly now: Date;
  readonly statuses: ReadonlySet<EvaluationStatus> | undefined;
  readonly complete: boolean;
  readonly homeRegion: string | undefined;
  readonly help: boolean;
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

// A date, optionally with a time: "5" or "yesterday" are not times.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

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
        status: { type: 'string' },
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
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const format = values.format ?? 'table';
  if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isSeverity(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${failOn}")`);
  }
  let now = new Date();
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (!ISO_TIME.test(values.now.trim()) || Number.isNaN(now.getTime())) {
      throw new UsageError(`--now must be an ISO 8601 time such as 2026-01-31T00:00:00Z (got "${values.now}")`);
    }
  }
  const homeRegion = values['home-region'];
  if (homeRegion !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(homeRegion)) {
    throw new UsageError(`--home-region must be an AWS region such as us-east-1 (got "${homeRegion}")`);
  }
  if (values.snapshot !== undefined && values.snapshot.trim() === '') {
    throw new UsageError('--snapshot needs a file name, or - for standard input');
  }
  const rules = selectRules(catalog, values.rules);
  return {
    snapshot: values.snapshot,
    live: liveInput(values.live ?? false, values.region ?? [], values.profile, values.snapshot),
    format,
    params: parseParamFlags(values.param ?? [], catalog, rules),
    rules,
    failOn,
    now,
    statuses: parseStatuses(values.status),
    complete: values.complete ?? false,
    homeRegion,
    help: values.help ?? false,
  };
}

function parseStatuses(list: string | undefined): ReadonlySet<EvaluationStatus> | undefined {
  if (list === undefined) return undefined;
  const out = new Set<EvaluationStatus>();
  for (const word of list.split(',').map((s) => s.trim().toLowerCase().replace(/_/g, '-')).filter(Boolean)) {
    const status = STATUS_FLAGS[word];
    if (!status) throw new UsageError(`--status takes ${Object.keys(STATUS_FLAGS).join(', ')} (got "${word}")`);
    out.add(status);
  }
  if (out.size === 0) throw new UsageError(`--status needs at least one of ${Object.keys(STATUS_FLAGS).join(', ')}`);
  return out;
}

/** `rule.name=value` flags → overrides; validation against the rule's schema happens in the engine. */
function parseParamFlags(flags: readonly string[], catalog: readonly Rule[], selected: readonly Rule[]): ParamOverrides {
  const out: Record<string, Record<string, unknown>> = {};
  for (const flag of flags) {
    const match = /^([a-z0-9-]+)\.([A-Za-z0-9_]+)=(.*)$/s.exec(flag);
    if (!match) throw new UsageError(`--param must look like <rule-id>.<name>=<value> (got "${flag}")`);
    const [, ruleId = '', name = '', value = ''] = match;
    if (catalog.some((r) => r.id === ruleId) && !selected.some((r) => r.id === ruleId)) {
      throw new UsageError(`--param ${ruleId}.${name}: rule ${ruleId} is not among the rules chosen by --rules; add it there or drop the --param`);
    }
    (out[ruleId] ??= {})[name] = value;
  }
  return out;
}

function selectRules(catalog: readonly Rule[], list: string | undefined): readonly Rule[] {
  if (list === undefined) return catalog;
  // Each rule once, however often it is named.
  const ids = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
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

/** The snapshot's bytes as they are read (file or standard input), with readable errors. */
async function openSnapshot(
  snapshot: string,
  io: CliIo,
): Promise<{ source: ScanSource; chunks: AsyncIterable<Uint8Array | string>; twoPass: boolean }> {
  if (snapshot === '-') return { source: { kind: 'stdin' }, chunks: io.stdin, twoPass: false };
  const absolutePath = resolve(io.cwd, snapshot);
  try {
    const info = await stat(absolutePath);
    if (info.isDirectory()) throw new UsageError(`${snapshot}: is a directory, not a snapshot file`);
    const handle = await open(absolutePath, 'r');
    return {
      source: { kind: 'file', path: snapshot, absolutePath },
      chunks: handle.createReadStream({ highWaterMark: 1 << 20 }),
      // VIGIL_TWO_PASS_BYTES: a lower threshold, for tests.
      twoPass: info.isFile() && info.size > Number(io.env['VIGIL_TWO_PASS_BYTES'] ?? TWO_PASS_BYTES),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`${snapshot}: ${reason}`, { cause: error });
  }
}

export async function runScan(argv: readonly string[], io: CliIo, catalog: readonly Rule[] = fullCatalog): Promise<number> {
  const args = parseScanArgs(argv, catalog);
  if (args.help) {
    io.stdout.write(SCAN_HELP);
    return 0;
  }
  if (!args.live && args.snapshot === undefined) throw new UsageError('vigil scan needs --snapshot <file|-> or --live (see vigil scan --help)');
  const makeWriter = await WRITERS[args.format]();
  const out = createOutput(io.stdout);
  const color = Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'];
  let source: ScanSource = { kind: 'stdin' };
  // Created at the first evaluation, so a file rejected as a whole leaves stdout empty.
  let writer: ReportWriter | undefined;
  const report = (): ReportWriter => (writer ??= makeWriter({ out, rules: args.rules, source, color, version: VERSION }));
  const statuses = args.statuses;
  let summary: ScanSummary;
  try {
    // A live read lists whole types of the account; a file is whole when it is a Config
    // snapshot (the form the splitter saw) or --complete says so.
    // With --rules, the types only the rules left out read are skipped, not reported as unknown.
    const knownTypes = args.rules.length < catalog.length ? typesReadBy(catalog) : undefined;
    const options = { now: args.now, params: args.params, complete: args.live || args.complete ? true : undefined, homeRegion: args.homeRegion, knownTypes };
    let form: SnapshotForm | undefined;
    const scan = createScan(args.rules, options, args.snapshot === '-' ? '<stdin>' : (args.snapshot ?? 'live'), (e) => {
      if (statuses === undefined || statuses.has(e.status)) report().evaluation(e);
    });
    if (args.live) {
      const { loadLiveResources } = await import('../live.ts');
      const live = await loadLiveResources(args.live, args.rules, io);
      source = { kind: 'live', label: live.source };
      live.resources.forEach((r, i) => scan.resource(r, i));
    } else {
      const input = await openSnapshot(args.snapshot ?? '-', io);
      source = input.source;
      const name = source.kind === 'file' ? source.path : '<stdin>';
      if (input.twoPass && source.kind === 'file') {
        // A large file: read it once for the inventory, so the second pass holds nothing back.
        const first = new ItemSplitter({ item: (value) => scan.preload(value), badItem: () => {}, wants: (t) => scan.preloadWants(t) });
        try {
          const again = await open(source.absolutePath, 'r');
          for await (const chunk of utf8Chunks(again.createReadStream({ highWaterMark: 1 << 20 }), name)) first.push(chunk);
          first.end();
        } catch {
          // The main pass reports whatever is wrong with the file.
        }
        scan.beginMainPass(first.form);
      }
      const splitter = splitterFor(scan, name);
      try {
        for await (const chunk of utf8Chunks(input.chunks, name)) {
          splitter.push(chunk);
          await out.ready();
        }
        splitter.end();
        form = splitter.form;
      } catch (error) {
        throw documentError(error, name);
      }
    }
    summary = scan.finish(form);
  } catch (error) {
    if (isParamError(error)) throw new UsageError(`--param ${error.message}`, { cause: error });
    throw error;
  }
  report().end(summary);
  await out.flush();
  if (summary.droppedVersions > 0) io.stderr.write(`vigil: ${droppedVersionsLine(summary.droppedVersions)}\n`);
  return args.failOn !== undefined && summaryFailsGate(summary, args.failOn) ? 1 : 0;
}
