import type { CliIo } from '../io.ts';
import { UsageError } from '../usage-error.ts';
import { connect, CONNECTION_OPTIONS, parse } from './findings.ts';

export const EVALUATE_HELP = `Usage: vigil evaluate (--api <url> | --stage <stage>) (--resource-type <t> --resource-id <id> | --rule <id> | --account-wide) [--account <id>] [--in-region <r>]

Re-evaluates a resource, a rule's resources, or the whole account now, through the evaluation
queue; prints the request id. Connection options as for vigil findings.
`;

export async function runEvaluate(argv: readonly string[], io: CliIo): Promise<number> {
  const values = parse(argv, {
    ...CONNECTION_OPTIONS,
    'resource-type': { type: 'string' },
    'resource-id': { type: 'string' },
    rule: { type: 'string' },
    'account-wide': { type: 'boolean', default: false },
    account: { type: 'string' },
    'in-region': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(EVALUATE_HELP);
    return 0;
  }
  const scopes = [values['resource-id'] !== undefined, values.rule !== undefined, values['account-wide']].filter(Boolean).length;
  if (scopes !== 1) throw new UsageError('say what to evaluate: --resource-type with --resource-id, or --rule, or --account-wide');
  const where = { ...(values.account ? { accountId: values.account } : {}), ...(values['in-region'] ? { region: values['in-region'] } : {}) };
  let body: unknown;
  if (values['resource-id'] !== undefined) {
    if (!values['resource-type'] || !values.account || !values['in-region']) throw new UsageError('--resource-id needs --resource-type, --account and --in-region');
    body = { scope: 'resource', resource: { accountId: values.account, region: values['in-region'], resourceType: values['resource-type'], resourceId: values['resource-id'] } };
  } else if (values.rule !== undefined) body = { scope: 'rule', ruleId: values.rule, ...where };
  else body = { scope: 'account', ...where };
  const api = await connect(values);
  const { body: answer } = await api.request('POST', '/evaluations', { body });
  const accepted = answer as { requestId: string; queued: number };
  io.stdout.write(`Queued ${accepted.queued} resource${accepted.queued === 1 ? '' : 's'} for evaluation (request ${accepted.requestId}).\n`);
  return 0;
}
