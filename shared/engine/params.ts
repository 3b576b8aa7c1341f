import * as z from '../zod.ts';
import type { RuleMetadata } from '../rules/rule.ts';

/** User-supplied parameter values: ruleId → name → value (native or string form). */
export type ParamOverrides = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
export type ResolvedParams = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** A parameter that does not exist or does not validate; names `ruleId.name`. */
export class ParamError extends Error {
  override readonly name = 'ParamError';
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.parameter = parameter;
  }
}

export function isParamError(error: unknown): error is ParamError {
  return error instanceof ParamError;
}

/**
 * Validates overrides against each rule's parameter schemas and fills defaults.
 *
 * @throws ParamError for an unknown rule, an unknown parameter, or a value that does not validate.
 * @example
 * resolveParams(catalog, { 'rds-instance-backup-retention': { minRetentionDays: '7' } });
 */
export function resolveParams(catalog: readonly Pick<RuleMetadata, 'id' | 'params'>[], overrides: ParamOverrides = {}): ResolvedParams {
  const rules = new Map(catalog.map((rule) => [rule.id, rule]));
  for (const [ruleId, values] of Object.entries(overrides)) {
    const rule = rules.get(ruleId);
    if (!rule) throw new ParamError(ruleId, `no rule "${ruleId}" in the catalog`);
    for (const name of Object.keys(values)) {
      if (!(name in rule.params)) {
        const known = Object.keys(rule.params);
        throw new ParamError(
          `${ruleId}.${name}`,
          `unknown parameter; ${known.length ? `this rule takes ${known.join(', ')}` : 'this rule takes no parameters'}`,
        );
      }
    }
  }
  const resolved = new Map<string, Readonly<Record<string, unknown>>>();
  for (const rule of catalog) {
    const parsed = z.object(rule.params).safeParse(overrides[rule.id] ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ParamError(`${rule.id}.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid value');
    }
    resolved.set(rule.id, Object.freeze(parsed.data));
  }
  return resolved;
}
