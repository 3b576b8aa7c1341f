import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from '../../shared/zod.ts';
import { descriptionOf } from '../../shared/rules/params.ts';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../shared/domain/severity.ts';
import { catalog } from '../../shared/rules/index.ts';
import { RuleCategory } from '../../shared/rules/rule.ts';
import { loadRuleFixtures } from '../support/rule-fixtures.ts';

const RULES_DIR = join(import.meta.dirname, '..', '..', 'shared', 'rules');

/** Every rule file: shared/rules/<service>/<rule-id>.ts (index.ts and helpers excepted). */
function ruleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of readdirSync(join(RULES_DIR, entry.name))) {
      if (!file.endsWith('.ts') || file === 'index.ts' || file.startsWith('_')) continue;
      files.set(file.slice(0, -3), `${entry.name}/${file}`);
    }
  }
  return files;
}

describe('rule catalog', () => {
  it('has unique kebab-case ids, each equal to its file name, and lists every rule file', () => {
    const ids = catalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect([...ruleFiles().keys()].sort()).toEqual([...ids].sort());
  });

  it.each(catalog.map((r) => [r.id, r] as const))('%s has complete, honest metadata', (_id, rule) => {
    // Titles state the compliant condition, as a sentence without a full stop.
    expect(rule.title).toMatch(/^[A-Z0-9]/);
    expect(rule.title).not.toMatch(/\.$/);
    expect(rule.title).not.toMatch(/^(Check|Ensure|Verify|Detect)\b/);
    expect(rule.title.length).toBeLessThanOrEqual(100);
    expect(SEVERITIES).toContain(rule.severity);
    expect(Object.values(RuleCategory)).toContain(rule.category);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const type of rule.resourceTypes) expect(type).toMatch(/^[A-Za-z0-9]+::[A-Za-z0-9]*::[A-Za-z0-9]+$/);
    expect(rule.checklist.trim()).not.toBe('');
    expect(rule.remediation.text.length).toBeGreaterThan(20);
    expect(rule.remediation.cli ?? rule.remediation.cloudformation, 'a CLI or CloudFormation fix').toBeTruthy();
    for (const id of rule.equivalents.fsbp ?? []) expect(id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
    if (rule.equivalents.awsConfigRule) expect(rule.equivalents.awsConfigRule).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    // Every parameter has a default (or is explicitly optional) and a description.
    const defaults = z.object(rule.params).safeParse({});
    expect(defaults.success, `defaults of ${rule.id} validate`).toBe(true);
    for (const [name, schema] of Object.entries(rule.params)) {
      expect(descriptionOf(schema), `${rule.id}.${name} has a description`).toBeTruthy();
    }
  });

  it.each(catalog.map((r) => [r.id] as const))('%s has compliant and non-compliant fixtures', (id) => {
    const expected = new Set(loadRuleFixtures(id).map((f) => f.expected));
    expect(expected).toContain('COMPLIANT');
    expect(expected).toContain('NON_COMPLIANT');
  });
});
