// Writes docs/rules.md: the rule reference (as `vigil rules --format markdown`) plus the coverage
// table checklist item → rule → tested; and shared/rules/catalog-metadata.ts, the catalog without
// its code (scripts/rule-metadata.ts). `npm run docs`; tests fail when either file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocs } from './rule-docs.ts';
import { ruleMetadataModule } from './rule-metadata.ts';

const ROOT = join(import.meta.dirname, '..');
for (const [target, content] of [
  [join(ROOT, 'docs', 'rules.md'), ruleDocs()],
  [join(ROOT, 'shared', 'rules', 'catalog-metadata.ts'), ruleMetadataModule()],
] as const) {
  writeFileSync(target, content);
  process.stdout.write(`wrote ${target}\n`);
}
