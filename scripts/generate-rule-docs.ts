// Writes docs/rules.md: the rule reference (as `vigil rules --format markdown`) plus the coverage
// table checklist item → rule → tested. `npm run docs`; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocs } from './rule-docs.ts';

const target = join(import.meta.dirname, '..', 'docs', 'rules.md');
writeFileSync(target, ruleDocs());
process.stdout.write(`wrote ${target}\n`);
