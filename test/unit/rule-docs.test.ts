import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ruleDocs } from '../../scripts/rule-docs.ts';

it('docs/rules.md is generated from the current catalog (run `npm run docs`)', () => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  expect(committed).toBe(ruleDocs());
});
