import { describe, expect, it } from 'vitest';
import { collectedModels } from '../../../shared/adapters/collectors/_collected-item.ts';
import { modelNormalizers } from '../../../shared/config-items/models/index.ts';
import { normalizeConfigurationItem, normalizeWithModels } from '../../../shared/config-items/normalize.ts';
import { CollectedType } from '../../../shared/domain/collected-types.ts';
import { catalog } from '../../../shared/rules/index.ts';
import { loadRuleFixtures } from '../../support/rule-fixtures.ts';

// The collectors normalize with the models of their own types only (so the sweep bundles no
// other model). Whatever they emit must read exactly as Config's items of the type would.
describe('collected resources', () => {
  it('have a model for every collected type, the same normalizer the full registry has', () => {
    // Prepare
    const types = Object.values(CollectedType) as string[];
    const full = modelNormalizers as Readonly<Record<string, unknown>>;
    const collected = collectedModels as Readonly<Record<string, unknown>>;

    // Assess
    expect(types.filter((type) => full[type] !== undefined && collected[type] !== full[type])).toEqual([]);
    expect(types.filter((type) => full[type] !== undefined)).toEqual(types);
  });

  it('normalize every rule fixture of a collected type as Config items do', () => {
    // Prepare: the fixtures' items of collected types, subjects and inventories alike.
    const types = new Set<string>(Object.values(CollectedType));
    const items = catalog
      .flatMap((rule) => loadRuleFixtures(rule.id))
      .filter((fixture) => fixture.expected !== 'INPUT_ERROR')
      .flatMap((fixture) => [fixture.subject, ...fixture.inventory])
      .filter((item) => types.has(String((item as { resourceType?: unknown }).resourceType)));

    // Act / Assess
    expect(new Set(items.map((item) => (item as { resourceType: string }).resourceType))).toEqual(types);
    for (const item of items) expect(normalizeWithModels(item, collectedModels)).toEqual(normalizeConfigurationItem(item));
  });
});
