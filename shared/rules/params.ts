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

type Bounds = { min?: number; max?: number };

/**
 * The parameter kinds, each a schema builder. A rule's parameters are declared only through
 * these, so each schema can be rebuilt from its kind and arguments (declarationOf): the generated
 * metadata module (catalog-metadata.ts) declares the same parameters without the rules' code.
 */
export const param = {
  int: (defaultValue: number, description: string, bounds: Bounds = {}) =>
    declared('int', [defaultValue, description, bounds], z._default(preprocess(numberish, integer(bounds)), defaultValue), description),
  optionalInt: (description: string, bounds: Bounds = {}) =>
    declared('optionalInt', [description, bounds], preprocess(numberish, z.optional(integer(bounds))), description),
  /** A positive number (rates are fractional), unset by default; `"0.5"` is read as 0.5. */
  optionalPositiveNumber: (description: string) =>
    declared('optionalPositiveNumber', [description], z.optional(z.coerce.number().check(z.positive())), description),
  bool: (defaultValue: boolean, description: string) =>
    declared('bool', [defaultValue, description], z._default(preprocess(boolish, z.boolean()), defaultValue), description),
  string: (defaultValue: string, description: string) =>
    declared('string', [defaultValue, description], z._default(z.string().check(z.minLength(1)), defaultValue), description),
  stringList: (defaultValue: readonly string[], description: string) =>
    declared('stringList', [defaultValue, description], z._default(preprocess(csv, z.array(z.string().check(z.minLength(1)))), [...defaultValue]), description),
  portList: (defaultValue: readonly number[], description: string) =>
    declared(
      'portList',
      [defaultValue, description],
      z._default(preprocess(csv, z.array(preprocess(numberish, integer({ min: 0, max: 65535 })))), [...defaultValue]),
      description,
    ),
} as const;
export type ParamKind = keyof typeof param;

/** How a parameter schema was declared: `param[kind](...args)` builds it again. */
export interface ParamDeclaration {
  readonly kind: ParamKind;
  readonly args: readonly unknown[];
}

const declarations = new WeakMap<object, ParamDeclaration>();

/** The declaration of a schema built by `param.*`; undefined for any other schema. */
export function declarationOf(schema: z.ZodMiniType): ParamDeclaration | undefined {
  return declarations.get(schema);
}

function declared<T extends z.ZodMiniType>(kind: ParamKind, args: readonly unknown[], schema: T, description: string): T {
  const withDescription = schema.check(z.describe(description));
  declarations.set(withDescription, { kind, args });
  return withDescription;
}

function integer(bounds: { min?: number; max?: number }) {
  const checks = [z.int(), ...(bounds.min !== undefined ? [z.gte(bounds.min)] : []), ...(bounds.max !== undefined ? [z.lte(bounds.max)] : [])];
  return z.number().check(...checks);
}

/** classic zod's `z.preprocess(fn, schema)`: `fn` runs on the raw input, then `schema` validates its result. */
function preprocess<T extends z.ZodMiniType>(fn: (value: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(fn), schema);
}

/** The description a parameter schema was declared with (param.*). */
export function descriptionOf(schema: z.ZodMiniType): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}
