import { describe, expect, it } from 'vitest';
import { isConfigItemError } from '../../shared/config-items/errors.ts';
import { normalizeConfigurationItem } from '../../shared/config-items/normalize.ts';
import { evaluate, isAccountLevel } from '../../shared/engine/evaluate.ts';
import { accountResources, buildInventory } from '../../shared/engine/inventory.ts';
import { resolveParams } from '../../shared/engine/params.ts';
import { catalog } from '../../shared/rules/index.ts';
import { loadRuleFixtures } from '../support/rule-fixtures.ts';

// Every rule against its own fixtures: real CI shapes in, the verdict a user would see out.
describe.each(catalog.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  const fixtures = loadRuleFixtures(rule.id);
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    if (fixture.expected === 'INPUT_ERROR') {
      // Act
      let error: unknown;
      try {
        normalizeConfigurationItem(fixture.subject);
      } catch (thrown) {
        error = thrown;
      }
      // Assess: refused as input, naming the field, never judged
      expect(isConfigItemError(error), String(error)).toBe(true);
      expect(isConfigItemError(error) && error.field).toMatch(/^[A-Za-z]/);
      return;
    }
    // Prepare
    const subject = normalizeConfigurationItem(fixture.subject);
    const others = fixture.inventory.map((ci) => normalizeConfigurationItem(ci));
    const all = [subject, ...others];
    // Account-level rules run only on a whole account: their fixtures are one.
    const inventory = buildInventory([...all, ...accountResources(all)], { complete: fixture.complete ?? isAccountLevel(rule) });
    const params = resolveParams([rule], { [rule.id]: fixture.params });

    // Act
    const evaluations = evaluate([subject], [rule], { now: fixture.now, params, inventory });

    // Assess
    expect(evaluations).toHaveLength(1);
    const [evaluation] = evaluations;
    expect({ status: evaluation?.status, reason: evaluation?.reason }).toMatchObject({ status: fixture.expected });
    const reason = evaluation?.reason ?? '';
    expect(reason.length).toBeLessThanOrEqual(256);
    expect(reason).toMatch(/\.$/);
    const names = [subject.resourceId, subject.resourceName].filter((n): n is string => Boolean(n));
    expect(names.some((n) => reason.includes(n)), `reason "${reason}" names ${names.join(' or ')}`).toBe(true);
  });
});
