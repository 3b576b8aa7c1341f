import * as z from '../zod.ts';

/**
 * Parameter schemas for rules. Each accepts its native JSON type and the string a user types on
 * the command line (`--param rds-instance-backup-retention.minRetentionDays=7`,
 * `--param ec2-security-group-public-ports-authorized.authorizedTcpPorts=80,443`), and carries its
 * default and a description for the rule reference.
 */

const csv = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : value;

const boolish = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : value;
};

const numberish = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

export const param = {
  int(defaultValue: number, description: string, bounds: { min?: number; max?: number } = {}) {
    return described(z._default(preprocess(numberish, integer(bounds)), defaultValue), description);
  },
  optionalInt(description: string, bounds: { min?: number; max?: number } = {}) {
    return described(preprocess(numberish, z.optional(integer(bounds))), description);
  },
  bool(defaultValue: boolean, description: string) {
    return described(z._default(preprocess(boolish, z.boolean()), defaultValue), description);
  },
  string(defaultValue: string, description: string) {
    return described(z._default(z.string().check(z.minLength(1)), defaultValue), description);
  },
  stringList(defaultValue: readonly string[], description: string) {
    return described(z._default(preprocess(csv, z.array(z.string().check(z.minLength(1)))), [...defaultValue]), description);
  },
  portList(defaultValue: readonly number[], description: string) {
    return described(z._default(preprocess(csv, z.array(preprocess(numberish, integer({ min: 0, max: 65535 })))), [...defaultValue]), description);
  },
} as const;

function integer(bounds: { min?: number; max?: number }) {
  const checks = [z.int(), ...(bounds.min !== undefined ? [z.gte(bounds.min)] : []), ...(bounds.max !== undefined ? [z.lte(bounds.max)] : [])];
  return z.number().check(...checks);
}

/** classic zod's `z.preprocess(fn, schema)`: `fn` runs on the raw input, then `schema` validates its result. */
function preprocess<T extends z.ZodMiniType>(fn: (value: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(fn), schema);
}

/** A parameter's description, read back by describeParams (`vigil rules`, docs/rules.md, GET /rules). */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  return schema.check(z.describe(description)) as T;
}

/** The description a parameter schema was declared with (param.*). */
export function descriptionOf(schema: z.ZodMiniType): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}
