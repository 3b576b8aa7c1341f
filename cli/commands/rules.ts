import { parseArgs } from 'node:util';
import { describeParams, describeRule } from '../../shared/rules/describe.ts';
import { catalog as fullCatalog } from '../../shared/rules/index.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { escapeCell } from '../format/markdown.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export const RULES_HELP = `Usage: vigil rules [--format table|json|markdown]

Lists the rule catalog: id, severity, resource types and title; json and markdown add
parameters with defaults, equivalents (AWS Config managed rule, Security Hub FSBP, Prowler)
and remediation.
`;

export async function runRules(argv: readonly string[], io: CliIo, catalog: readonly Rule[] = fullCatalog): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { format: { type: 'string', default: 'table' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    io.stdout.write(RULES_HELP);
    return 0;
  }
  switch (values.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(catalog.map(describeRule), null, 2)}\n`);
      return 0;
    case 'markdown':
      io.stdout.write(rulesMarkdown(catalog));
      return 0;
    case 'table':
      io.stdout.write(rulesTable(catalog));
      return 0;
    default:
      throw new UsageError(`--format must be one of table, json, markdown (got "${values.format}")`);
  }
}

function sorted(catalog: readonly Rule[]): Rule[] {
  return [...catalog].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
}

function rulesTable(catalog: readonly Rule[]): string {
  const rows = sorted(catalog).map((r) => [r.id, r.severity, r.resourceTypes.join(', '), r.title]);
  const w0 = Math.max(4, ...rows.map((r) => r[0]?.length ?? 0));
  const w1 = 13;
  const lines = [`${'RULE'.padEnd(w0)}  ${'SEVERITY'.padEnd(w1)}  TITLE`];
  for (const [id = '', sev = '', , title = ''] of rows) lines.push(`${id.padEnd(w0)}  ${sev.padEnd(w1)}  ${title}`);
  lines.push('', `${catalog.length} rules.`);
  return `${lines.join('\n')}\n`;
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

/** The rule reference (docs/rules.md is generated from it). */
export function rulesMarkdown(catalog: readonly Rule[]): string {
  const out: string[] = [
    '# Vigil rule reference',
    '',
    `${catalog.length} rules. Generated from the catalog (\`npm run docs\`); do not edit by hand.`,
    '',
    '| rule | severity | resource types | title |',
    '|---|---|---|---|',
    ...sorted(catalog).map(
      (r) => `| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${r.resourceTypes.map((t) => `\`${t}\``).join(', ')} | ${escapeCell(r.title)} |`,
    ),
    '',
  ];
  for (const rule of sorted(catalog)) {
    const params = describeParams(rule);
    const eq = rule.equivalents;
    out.push(
      `## ${rule.id}`,
      '',
      `**${escapeCell(rule.title)}.** Severity **${rule.severity}** · category \`${rule.category}\` · ${rule.resourceTypes.map((t) => `\`${t}\``).join(', ')}${rule.timeBased ? ' · time-based (re-run by the sweep)' : ''}`,
      '',
      `- Checklist: ${rule.checklist}`,
      `- Equivalents: ${[
        eq.awsConfigRule ? `AWS Config \`${eq.awsConfigRule}\`` : undefined,
        eq.fsbp?.length ? `Security Hub ${eq.fsbp.join(', ')}` : undefined,
        eq.prowler ? `Prowler \`${eq.prowler}\`` : undefined,
      ]
        .filter(Boolean)
        .join(' · ') || 'none (Vigil-specific)'}`,
    );
    if (rule.dependsOn?.length) out.push(`- Re-evaluated when these change: ${rule.dependsOn.map((t) => `\`${t}\``).join(', ')}`);
    if (params.length) {
      out.push('- Parameters:');
      for (const p of params) out.push(`  - \`${p.name}\` (default ${p.default === undefined ? 'unset' : code(p.default)}): ${p.description}`);
    }
    out.push('', `Remediation: ${rule.remediation.text}`, '');
    if (rule.remediation.cli) out.push('```sh', rule.remediation.cli, '```', '');
    if (rule.remediation.cloudformation) out.push('```yaml', rule.remediation.cloudformation, '```', '');
  }
  return `${out.join('\n')}`;
}

