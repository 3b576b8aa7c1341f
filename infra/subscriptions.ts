/**
 * What the deployment derives from the rule catalog at package time (through infra/catalog.cjs,
 * an osls variable resolver), so adding a rule subscribes its resource types without anyone
 * editing an event pattern, and a bad `ruleParams` fails `osls package` instead of every cold start.
 */
import { NOT_RECORDED_BY_CONFIG } from '../shared/domain/collected-types.ts';
import { resolveParams, type ParamOverrides } from '../shared/engine/params.ts';
import type { Rule } from '../shared/rules/rule.ts';

/**
 * Resource types whose AWS Config change notifications the evaluator needs: every type a rule
 * evaluates or depends on (cross-resource rules), minus types Config does not record (collected
 * types and the account pseudo-type, which arrive through CloudTrail and the sweep instead).
 * Sorted, so the packaged template is stable.
 *
 * @example
 * configSubscriptionTypes(catalog); // ['AWS::CloudWatch::Alarm', 'AWS::DynamoDB::Table', …]
 */
export function configSubscriptionTypes(catalog: readonly Rule[]): string[] {
  const types = new Set<string>();
  for (const rule of catalog) {
    for (const type of [...rule.resourceTypes, ...(rule.dependsOn ?? [])]) {
      if (!NOT_RECORDED_BY_CONFIG.has(type) && /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(type)) types.add(type);
    }
  }
  return [...types].sort();
}

/**
 * The `ruleParams` deployment parameter (a JSON string, or an object when set in serverless.yml),
 * validated against the catalog and returned as compact JSON for the functions' environment.
 *
 * @throws ParamError naming `ruleId.param` when a rule or parameter is unknown or a value is invalid.
 * @throws SyntaxError when the string is not JSON.
 * @example
 * ruleParamsJson(catalog, '{"logs-log-group-retention-set":{"minRetentionDays":30}}');
 */
export function ruleParamsJson(catalog: readonly Rule[], raw: unknown): string {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw.trim() === '' ? '{}' : raw) : (raw ?? {});
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`ruleParams must be a JSON object of ruleId → { parameter: value }, got ${JSON.stringify(value)}`);
  }
  const overrides = value as ParamOverrides;
  resolveParams(catalog, overrides);
  return JSON.stringify(overrides);
}
