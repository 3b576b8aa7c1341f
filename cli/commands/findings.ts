import { parseArgs } from 'node:util';
import { apiUrlFromStack, createFindingsApiClient, type FindingsApiClient } from '../../shared/adapters/findings-api-client.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export const FINDINGS_HELP = `Usage: vigil findings (--api <url> | --stage <stage>) [filters] [--all] [--format table|json|ndjson]

Reads the findings of a deployed Vigil through its API (SigV4-signed with the default
credential chain, or --profile).

Connection:
  --api <url>           the API's URL (the stack output ApiUrl)
  --stage <stage>       read ApiUrl from the stack vigil-<stage> instead
  --region <r>          AWS region of the stack and the signature (default: from the URL, or AWS_REGION)
  --profile <p>         a profile of ~/.aws/config (else the default credential chain)

Filters (each request is one index query; the API names the supported combinations):
  --status <s>          NON_COMPLIANT (default), COMPLIANT, NOT_APPLICABLE, ERROR
  --suppressed          suppressed findings instead of open ones
  --severity <s>        a minimum: critical, high, medium, low, informational
  --rule <id>           --type <resource type>   --account <id>   --in-region <region>
  --tag <key:value>     a tag key named at deploy time
  --since <time>        the change feed: findings changed after an ISO time

Paging and output:
  --limit <n>           page size, 1-500 (default 50)
  --all                 follow the cursors to the last page
  --format <f>          table (default), json, ndjson

Examples:
  vigil findings --stage prod --severity high
  vigil findings --api https://abc123.execute-api.eu-west-1.amazonaws.com --rule s3-bucket-versioning-enabled --all --format ndjson
`;

/** Connection options every API command takes. */
export const CONNECTION_OPTIONS = {
  api: { type: 'string' },
  stage: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parse<O extends Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean; multiple?: boolean }>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The API client for `--api` or `--stage`. */
export async function connect(values: { api?: string | undefined; stage?: string | undefined; region?: string | undefined; profile?: string | undefined }): Promise<FindingsApiClient> {
  if (values.api && values.stage) throw new UsageError('give --api or --stage, not both');
  let baseUrl = values.api;
  if (!baseUrl) {
    if (!values.stage) throw new UsageError('which API? pass --api <url> (the stack output ApiUrl) or --stage <stage>');
    baseUrl = await apiUrlFromStack(values.stage, { region: values.region, profile: values.profile });
  }
  if (!URL.canParse(baseUrl)) throw new UsageError(`--api: not a URL: ${baseUrl}`);
  return createFindingsApiClient({ baseUrl, region: values.region, profile: values.profile });
}

interface ListedFinding {
  readonly id: string;
  readonly severity: string;
  readonly status: string;
  readonly ruleId: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly region: string;
  readonly reason: string;
  readonly suppression?: { readonly id: string };
}

export async function runFindings(argv: readonly string[], io: CliIo): Promise<number> {
  const values = parse(argv, {
    ...CONNECTION_OPTIONS,
    status: { type: 'string' },
    suppressed: { type: 'boolean', default: false },
    severity: { type: 'string' },
    rule: { type: 'string' },
    type: { type: 'string' },
    account: { type: 'string' },
    'in-region': { type: 'string' },
    tag: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    all: { type: 'boolean', default: false },
    format: { type: 'string', default: 'table' },
  });
  if (values.help) {
    io.stdout.write(FINDINGS_HELP);
    return 0;
  }
  const format = String(values.format);
  if (!['table', 'json', 'ndjson'].includes(format)) throw new UsageError(`--format must be one of table, json, ndjson (got "${format}")`);
  const api = await connect(values);
  const query: Record<string, string | undefined> = {
    status: values.status,
    suppressed: values.suppressed ? 'true' : undefined,
    severity: values.severity,
    ruleId: values.rule,
    resourceType: values.type,
    accountId: values.account,
    region: values['in-region'],
    tag: values.tag,
    since: values.since,
    limit: values.limit,
  };
  const all: ListedFinding[] = [];
  let cursor: string | undefined;
  let more = false;
  do {
    const { body } = await api.request('GET', '/findings', { query: { ...query, cursor } });
    const page = body as { items: ListedFinding[]; next?: string };
    if (format === 'ndjson') for (const f of page.items) io.stdout.write(`${JSON.stringify(f)}\n`);
    else all.push(...page.items);
    cursor = page.next;
    more = cursor !== undefined;
  } while (values.all && cursor);

  if (format === 'json') io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  if (format === 'table') io.stdout.write(findingsTable(all));
  if (more && !values.all) io.stderr.write('More findings follow: add --all to read every page.\n');
  return 0;
}

/** Control characters are shown escaped: resource names and reasons come from tags anyone may set. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function findingsTable(findings: readonly ListedFinding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const rows = findings.map((f) => [f.severity, f.suppression ? `${f.status} (suppressed)` : f.status, f.ruleId, `${f.resourceType} ${f.resourceName ?? f.resourceId}`, f.reason].map(clean));
  const widths = [0, 1, 2, 3].map((i) => Math.min(60, Math.max(...rows.map((r) => r[i]?.length ?? 0), ['SEVERITY', 'STATUS', 'RULE', 'RESOURCE'][i]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 4 ? c.slice(0, widths[i]).padEnd(widths[i] ?? 0) : c)).join('  ');
  return `${[line(['SEVERITY', 'STATUS', 'RULE', 'RESOURCE', 'REASON']), ...rows.map(line)].join('\n')}\n${findings.length} finding${findings.length === 1 ? '' : 's'}.\n`;
}
