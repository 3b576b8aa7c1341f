import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isObject } from '../../shared/config-items/decode.ts';
import { catalog } from '../../shared/rules/index.ts';
import { absentDataCase, ABSENT_DATA_SLUG, ABSENT_FIELDS_SLUG, recordedFieldsOf } from '../support/absent-data.ts';
import { FIXTURES_DIR, loadRuleFixtures } from '../support/rule-fixtures.ts';

const RULES_DIR = join(import.meta.dirname, '..', '..', 'shared', 'rules');

function ruleSource(id: string): string {
  for (const service of readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (!service.isDirectory()) continue;
    const file = join(RULES_DIR, service.name, `${id}.ts`);
    try {
      return readFileSync(file, 'utf8');
    } catch {
      // not in this service's folder
    }
  }
  throw new Error(`no source file for rule ${id}`);
}

// Each rule meets its data absent (scripts/absent-data-fixtures.ts writes the cases; the rule
// fixtures test checks each verdict). Absence may only judge the resource when the rule says
// why, with its source: otherwise the case is an input error or NOT_APPLICABLE.
describe.each(catalog.map((rule) => [rule.id] as const))('%s with its data absent', (id) => {
  it.each([
    ['only its ids', ABSENT_DATA_SLUG, ['NON_COMPLIANT', 'COMPLIANT']],
    ['only the fields Config always records', ABSENT_FIELDS_SLUG, ['NON_COMPLIANT']],
  ] as const)('has a fixture of the item with %s, judged only with a sourced reason', (_case, slug, needReason) => {
    // Prepare
    const cases = loadRuleFixtures(id).filter((f) => f.file.endsWith(slug));

    // Act
    const [absent] = cases;

    // Assess
    expect(cases, `${id}: run node scripts/absent-data-fixtures.ts`).toHaveLength(1);
    if (absent && (needReason as readonly string[]).includes(absent.expected)) {
      expect(ruleSource(id), `${absent.file} is ${absent.expected}: the rule must say why`).toMatch(/Absent data:[^]*?\.\.\/shared\/reference\/\S+/);
    }
  });
});

// The generated cases stay what the generator makes of their source fixture (a source edited
// since: run node scripts/absent-data-fixtures.ts again).
describe.each(catalog.map((rule) => [rule.id] as const))('%s absent-data fixtures', (id) => {
  it.each([ABSENT_DATA_SLUG, ABSENT_FIELDS_SLUG])('*%s is its source fixture with the data taken out', (slug) => {
    // Prepare
    const [generated] = loadRuleFixtures(id).filter((f) => f.file.endsWith(slug));
    const dir = join(FIXTURES_DIR, id);
    const file = readdirSync(dir).find((f) => f.endsWith(slug)) ?? '';
    const body: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const from = isObject(body) ? body['from'] : undefined;
    const source = loadRuleFixtures(id).find((f) => f.file === from);

    // Act
    const type = source && isObject(source.subject) ? source.subject['resourceType'] : undefined;
    const keep = slug === ABSENT_FIELDS_SLUG ? recordedFieldsOf(type) : new Set<string>();
    const expected = source ? absentDataCase(source, keep) : undefined;

    // Assess
    expect(source, `${id}${slug}: "from" names no fixture of the rule`).toBeDefined();
    expect({ subject: generated?.subject, inventory: generated?.inventory }).toEqual({ subject: expected?.subject, inventory: expected?.inventory });
  });
});
