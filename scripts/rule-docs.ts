import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown } from '../cli/commands/rules.ts';
import { escapeCell } from '../cli/format/markdown.ts';
import { catalog } from '../shared/rules/index.ts';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'rules');

/** Which verdicts a rule's fixtures exercise (the test suite runs every one of them). */
function testedVerdicts(ruleId: string): string {
  const dir = join(FIXTURES, ruleId);
  if (!existsSync(dir)) return 'no';
  const kinds = new Set(readdirSync(dir).map((f) => f.split('--')[0]));
  return ['compliant', 'non-compliant', 'not-applicable'].filter((k) => kinds.has(k)).join(', ') || 'no';
}

/**
 * Every rule's differences from the AWS Config managed rule that checks the same thing (the
 * rule's `managedRule`), so a user coming from AWS Config knows where a verdict will not match.
 */
function managedRuleDifferences(): string[] {
  const compared = [...catalog].filter((r) => r.managedRule).sort((a, b) => a.id.localeCompare(b.id));
  const lines = [
    '## Differences from the AWS Config managed rules',
    '',
    'Where a rule checks what an AWS Config managed rule checks, every way its verdicts differ: stricter (NON_COMPLIANT where the managed rule',
    'is not), looser (the reverse), another scope, and readings that agree with the managed rule but are easy to get wrong ("Same").',
    'A rule not listed here that names an AWS Config rule under Equivalents gives the same verdicts under the parameters shown.',
    '',
    'Two differences hold across the catalog:',
    '',
    '- Account-level rules (resource type `AWS::::Account`) run only on a whole account: a Config snapshot file, `vigil scan --live`,',
    '  `--complete`, or the deployed monitor. On a partial list (a JSON array or NDJSON of some items) they are skipped and the summary',
    '  says so. Settings global to an account (root MFA, the account\'s S3 Block Public Access, a multi-region trail) are reported once',
    '  per account, in its home region (`--home-region`; default the first region alphabetically).',
    '- Cross-resource rules whose verdict rests on other resources being absent (no alarm, no backup selection, no scaling policy, no',
    '  other queue) are NOT_APPLICABLE on a partial list that holds none of those types, naming what is missing.',
    '',
  ];
  for (const rule of compared) {
    const comparison = rule.managedRule;
    if (!comparison) continue;
    lines.push(`- [\`${rule.id}\`](#${rule.id}) and AWS Config \`${comparison.rule}\`:`);
    for (const difference of comparison.differences) lines.push(`  - ${difference}`);
  }
  lines.push('');
  return lines;
}

/** docs/rules.md: the reference, the differences from AWS's managed rules, then checklist coverage. */
export function ruleDocs(): string {
  const rows = [...catalog]
    .sort((a, b) => a.checklist.localeCompare(b.checklist) || a.id.localeCompare(b.id))
    .map((r) => `| ${escapeCell(r.checklist)} | [\`${r.id}\`](#${r.id}) | ${testedVerdicts(r.id)} |`);
  return [
    rulesMarkdown(catalog),
    ...managedRuleDifferences(),
    '## Checklist coverage',
    '',
    'Seeds: `000` production gaps, `001` monitoring & logging, `002` security roadmap, `003` DevOps checklist, `004` deployment checklist.',
    'Tested: the verdicts exercised by the rule\'s fixtures in `test/fixtures/rules/<rule-id>/`.',
    '',
    '| checklist item | rule | tested |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
