import type { CliIo } from '../io.ts';
import { UsageError } from '../usage-error.ts';
import { connect, CONNECTION_OPTIONS, parse } from './findings.ts';

export const SUPPRESS_HELP = `Usage: vigil suppress (--api <url> | --stage <stage>) --rule <id|*> --reason <text> (--expires <time> | --days <n>) [match] [--dry-run]

Accepts a risk: matching findings keep their status, leave the open findings and stop alerting
until the suppression expires. --dry-run answers which open findings it would hide, creating nothing.

Match (all given must hold):
  --resource <glob>     resource id or ARN, * = any run of characters
  --type <type>         --account <id>   --in-region <region>
  --tag <key[:value]>

Also: vigil suppress --list, vigil suppress --delete <id>. Connection options as for vigil findings.

Example:
  vigil suppress --stage prod --rule s3-bucket-versioning-enabled --resource 'legacy-*' --reason "migrating in Q3, ticket OPS-42" --days 90 --dry-run
`;

export async function runSuppress(argv: readonly string[], io: CliIo): Promise<number> {
  const values = parse(argv, {
    ...CONNECTION_OPTIONS,
    rule: { type: 'string' },
    reason: { type: 'string' },
    expires: { type: 'string' },
    days: { type: 'string' },
    resource: { type: 'string' },
    type: { type: 'string' },
    account: { type: 'string' },
    'in-region': { type: 'string' },
    tag: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    delete: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(SUPPRESS_HELP);
    return 0;
  }
  const api = await connect(values);
  if (values.list) {
    const { body } = await api.request('GET', '/suppressions');
    io.stdout.write(`${JSON.stringify((body as { items: unknown[] }).items, null, 2)}\n`);
    return 0;
  }
  if (values.delete !== undefined) {
    await api.request('DELETE', `/suppressions/${encodeURIComponent(values.delete)}`);
    io.stdout.write(`Deleted suppression ${values.delete}; the findings it hid reopen at their next evaluation.\n`);
    return 0;
  }
  if (!values.rule) throw new UsageError('--rule is required (a rule id, or * for every rule)');
  if (!values.reason) throw new UsageError('--reason is required: say why the risk is accepted');
  let expiresAt = values.expires;
  if (values.days !== undefined) {
    if (expiresAt) throw new UsageError('give --expires or --days, not both');
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days must be a whole number of days (got "${values.days}")`);
    expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
  }
  if (!expiresAt) throw new UsageError('every suppression expires: pass --expires <ISO time> or --days <n>');
  const tag = values.tag === undefined ? undefined : values.tag.includes(':') ? { key: values.tag.slice(0, values.tag.indexOf(':')), value: values.tag.slice(values.tag.indexOf(':') + 1) } : { key: values.tag };
  const body = {
    ruleId: values.rule,
    reason: values.reason,
    expiresAt,
    ...(values.resource ? { resourcePattern: values.resource } : {}),
    ...(values.type ? { resourceType: values.type } : {}),
    ...(values.account ? { accountId: values.account } : {}),
    ...(values['in-region'] ? { region: values['in-region'] } : {}),
    ...(tag ? { tag } : {}),
  };
  const { body: answer } = await api.request('POST', '/suppressions', { query: values['dry-run'] ? { dryRun: 'true' } : {}, body });
  if (values['dry-run']) {
    const preview = answer as { wouldHide: number; complete: boolean; findings: { resourceId: string; ruleId: string }[] };
    io.stdout.write(`Would hide ${preview.wouldHide}${preview.complete ? '' : ' or more'} open finding${preview.wouldHide === 1 ? '' : 's'}:\n`);
    for (const f of preview.findings) io.stdout.write(`  ${f.ruleId}  ${f.resourceId}\n`);
    return 0;
  }
  const created = answer as { id: string; expiresAt: string };
  io.stdout.write(`Created suppression ${created.id}, expiring ${created.expiresAt}.\n`);
  return 0;
}
