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

/** docs/rules.md: the reference, then checklist coverage. */
export function ruleDocs(): string {
  const rows = [...catalog]
    .sort((a, b) => a.checklist.localeCompare(b.checklist) || a.id.localeCompare(b.id))
    .map((r) => `| ${escapeCell(r.checklist)} | [\`${r.id}\`](#${r.id}) | ${testedVerdicts(r.id)} |`);
  return [
    rulesMarkdown(catalog),
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
