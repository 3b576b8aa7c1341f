import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ruleMetadataModule } from '../../scripts/rule-metadata.ts';
import { resolveParams } from '../../shared/engine/params.ts';
import { catalogMetadata, ruleIds, ruleScopes, ruleTexts } from '../../shared/rules/catalog-metadata.ts';
import { describeRule } from '../../shared/rules/describe.ts';
import { catalog } from '../../shared/rules/index.ts';

it('shared/rules/catalog-metadata.ts is generated from the current catalog (run `npm run docs`)', () => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', 'shared', 'rules', 'catalog-metadata.ts'), 'utf8');
  expect(committed).toBe(ruleMetadataModule());
});

it('the metadata module describes every rule as the catalog does: what GET /rules, alerts and `vigil rules` show', () => {
  // Prepare
  const fromCatalog = catalog.map(describeRule);

  // Act
  const fromMetadata = catalogMetadata.map(describeRule);

  // Assess
  expect(fromMetadata).toEqual(fromCatalog);
  expect(ruleIds).toEqual(catalog.map((r) => r.id));
  expect(ruleTexts).toEqual(Object.fromEntries(catalog.map((r) => [r.id, { title: r.title, remediation: r.remediation }])));
  expect(ruleScopes).toEqual(
    catalog.map((r) => ({
      id: r.id,
      resourceTypes: r.resourceTypes,
      ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}),
      ...(r.accountWide !== undefined ? { accountWide: r.accountWide } : {}),
      ...(r.timeBased !== undefined ? { timeBased: r.timeBased } : {}),
    })),
  );
});

it('the metadata module reads rule parameters as the catalog does, values and errors alike', () => {
  // Prepare: the string forms users type, native values, and values each kind refuses.
  const overrides: Record<string, Record<string, unknown>>[] = [
    {},
    { 'rds-instance-backup-retention': { minRetentionDays: '14' }, 'apigateway-stage-throttled': { maxRatePerSecond: '0.5' } },
    { 'ec2-security-group-public-ports-authorized': { authorizedTcpPorts: '80, 443', authorizedUdpPorts: [53] } },
    { 'ec2-security-group-public-ports-authorized': { authorizedTcpPorts: '80,70000' } },
    { 'rds-instance-backup-retention': { minRetentionDays: 'seven' } },
    { 'apigateway-stage-throttled': { maxRatePerSecond: '-1' } },
    { 'rds-instance-backup-retention': { retention: 7 } },
    { 'no-such-rule': { x: 1 } },
  ];
  const outcome = (rules: Parameters<typeof resolveParams>[0], values: Record<string, Record<string, unknown>>) => {
    try {
      return { params: Object.fromEntries(resolveParams(rules, values)) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  // Act / Assess
  for (const values of overrides) expect(outcome(catalogMetadata, values)).toEqual(outcome(catalog, values));
  expect(outcome(catalogMetadata, overrides[3] ?? {})).toHaveProperty('error');
});
