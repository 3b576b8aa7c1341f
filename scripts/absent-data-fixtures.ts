// `node scripts/absent-data-fixtures.ts`: writes, for every rule of the catalog, the fixture
// test/fixtures/rules/<rule-id>/<verdict>--absent-data.json: the rule's first compliant fixture
// with its data taken away (test/support/absent-data.ts). The verdict in the file name is what
// the normalizer and the rule answer today, printed for review: test/unit/absent-data.test.ts
// then holds every rule to it, and refuses a NON_COMPLIANT or COMPLIANT verdict unless the
// rule's comment says why absence means what it does (`Absent data:`, with its source).
// Run it again after adding a rule; an existing absent-data fixture is replaced.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../shared/rules/index.ts';
import { absentDataCase, absentDataOutcome, ABSENT_DATA_SLUG } from '../test/support/absent-data.ts';
import { FIXTURES_DIR, loadRuleFixtures } from '../test/support/rule-fixtures.ts';

const PREFIX = { COMPLIANT: 'compliant', NON_COMPLIANT: 'non-compliant', NOT_APPLICABLE: 'not-applicable', INPUT_ERROR: 'input-error' } as const;

for (const rule of catalog) {
  const source = loadRuleFixtures(rule.id).find((f) => f.expected === 'COMPLIANT' && !f.file.endsWith(ABSENT_DATA_SLUG));
  if (!source) throw new Error(`${rule.id} has no compliant fixture to take the data out of`);
  const fixture = absentDataCase(source);
  const outcome = absentDataOutcome(rule, fixture);
  const dir = join(FIXTURES_DIR, rule.id);
  for (const file of readdirSync(dir)) if (file.endsWith(ABSENT_DATA_SLUG)) rmSync(join(dir, file));
  writeFileSync(join(dir, `${PREFIX[outcome.status]}${ABSENT_DATA_SLUG}`), `${JSON.stringify({ from: source.file, ...fixture }, null, 2)}\n`);
  process.stdout.write(`${outcome.status.padEnd(15)} ${rule.id}: ${outcome.detail}\n`);
}
