// `node scripts/absent-data-fixtures.ts`: writes, for every rule of the catalog, two fixtures built
// from the rule's first compliant fixture (test/support/absent-data.ts):
// - test/fixtures/rules/<rule-id>/<verdict>--absent-data.json: the item with only its ids;
// - test/fixtures/rules/<rule-id>/<verdict>--absent-fields.json: its ids and the fields AWS Config
//   records for every item of the type (RECORDED_FIELDS), nothing else.
// The verdict in each file name is what the normalizer and the rule answer today, printed for
// review: test/unit/absent-data.test.ts then holds every rule to it, and refuses a NON_COMPLIANT
// verdict (or a COMPLIANT one for the ids-only case) unless the rule's comment says why absence
// means what it does (`Absent data:`, with its source). Run it again after adding a rule.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject } from '../shared/config-items/decode.ts';
import { catalog } from '../shared/rules/index.ts';
import { absentDataCase, absentDataOutcome, ABSENT_DATA_SLUG, ABSENT_FIELDS_SLUG, recordedFieldsOf } from '../test/support/absent-data.ts';
import { FIXTURES_DIR, loadRuleFixtures } from '../test/support/rule-fixtures.ts';

const PREFIX = { COMPLIANT: 'compliant', NON_COMPLIANT: 'non-compliant', NOT_APPLICABLE: 'not-applicable', INPUT_ERROR: 'input-error' } as const;

for (const rule of catalog) {
  const source = loadRuleFixtures(rule.id).find(
    (f) => f.expected === 'COMPLIANT' && !f.file.endsWith(ABSENT_DATA_SLUG) && !f.file.endsWith(ABSENT_FIELDS_SLUG),
  );
  if (!source) throw new Error(`${rule.id} has no compliant fixture to take the data out of`);
  const dir = join(FIXTURES_DIR, rule.id);
  for (const file of readdirSync(dir)) if (file.endsWith(ABSENT_DATA_SLUG) || file.endsWith(ABSENT_FIELDS_SLUG)) rmSync(join(dir, file));
  const recorded = recordedFieldsOf(isObject(source.subject) ? source.subject['resourceType'] : undefined);
  for (const [slug, keep] of [[ABSENT_DATA_SLUG, new Set<string>()], [ABSENT_FIELDS_SLUG, recorded]] as const) {
    const fixture = absentDataCase(source, keep);
    const outcome = absentDataOutcome(rule, fixture);
    writeFileSync(join(dir, `${PREFIX[outcome.status]}${slug}`), `${JSON.stringify({ from: source.file, ...fixture }, null, 2)}\n`);
    process.stdout.write(`${outcome.status.padEnd(15)} ${rule.id}${slug}: ${outcome.detail}\n`);
  }
}
