/**
 * Generates shared/rules/catalog-metadata.ts: every rule's declaration without its code (no
 * `evaluate`, no `affectedBy`, no docs-only `managedRule`), for the Lambda functions that never
 * evaluate, so their bundles do not carry the rules' code (docs/benchmarks.md, "Lambda bundles").
 * The catalog stays the one source: `npm run docs` rewrites the module, and
 * test/unit/rule-metadata.test.ts fails when it is stale or reads differently from the catalog.
 */
import { declarationOf } from '../shared/rules/params.ts';
import { catalog } from '../shared/rules/index.ts';
import type { Rule } from '../shared/rules/rule.ts';

/** The module's source text for a catalog. */
export function ruleMetadataModule(rules: readonly Rule[] = catalog): string {
  const scope = (rule: Rule) => [
    `id: ${literal(rule.id)}`,
    `resourceTypes: ${literal(rule.resourceTypes)}`,
    ...(rule.dependsOn ? [`dependsOn: ${literal(rule.dependsOn)}`] : []),
    ...(rule.accountWide !== undefined ? [`accountWide: ${literal(rule.accountWide)}`] : []),
    ...(rule.timeBased !== undefined ? [`timeBased: ${literal(rule.timeBased)}`] : []),
  ];
  const metadata = (rule: Rule) => [
    ...scope(rule),
    `title: ${literal(rule.title)}`,
    `severity: ${literal(rule.severity)}`,
    `category: ${literal(rule.category)}`,
    `checklist: ${literal(rule.checklist)}`,
    `remediation: ${literal(rule.remediation)}`,
    `params: {${Object.entries(rule.params).map(([name, schema]) => ` ${literal(name)}: ${paramSource(rule, name, schema)}`).join(',')} }`,
    `equivalents: ${literal(rule.equivalents)}`,
  ];
  const entries = (fields: (rule: Rule) => string[]) => rules.map((rule) => `  { ${fields(rule).join(', ')} },`).join('\n');
  return `/**
 * GENERATED from the rule catalog (shared/rules/index.ts) by \`npm run docs\`
 * (scripts/rule-metadata.ts): do not edit. test/unit/rule-metadata.test.ts fails when it is stale.
 *
 * Every rule's declaration without its code, for the functions that never evaluate (the API,
 * notify, redeliver, counters, sweep). Calls are marked pure so a bundle keeps only the exports
 * it reads; hence the narrower exports beside catalogMetadata.
 */
import { param } from './params.ts';
import type { RuleMetadata, RuleScope } from './rule.ts';

/** Every rule's id, in catalog order. */
export const ruleIds: readonly string[] = ${literal(rules.map((r) => r.id))};

/** What an alert shows of each rule (notify, redeliver), by rule id. */
export const ruleTexts: Readonly<Record<string, Pick<RuleMetadata, 'title' | 'remediation'>>> = {
${rules.map((rule) => `  ${literal(rule.id)}: { title: ${literal(rule.title)}, remediation: ${literal(rule.remediation)} },`).join('\n')}
};

/** What a sweep reads of each rule. */
export const ruleScopes: readonly RuleScope[] = [
${entries(scope)}
];

/** Every rule's declaration, in catalog order. */
export const catalogMetadata: readonly RuleMetadata[] = [
${entries(metadata)}
];
`;
}

function paramSource(rule: Rule, name: string, schema: Rule['params'][string]): string {
  const declaration = declarationOf(schema);
  if (!declaration) throw new Error(`${rule.id}.${name}: declare parameters with param.* (shared/rules/params.ts)`);
  return `/* @__PURE__ */ param.${declaration.kind}(${declaration.args.map(literal).join(', ')})`;
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}
