import { z } from 'zod';

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
    let schema = z.number().int();
    if (bounds.min !== undefined) schema = schema.min(bounds.min);
    if (bounds.max !== undefined) schema = schema.max(bounds.max);
    return z.preprocess(numberish, schema).default(defaultValue).describe(description);
  },
  optionalInt(description: string, bounds: { min?: number; max?: number } = {}) {
    let schema = z.number().int();
    if (bounds.min !== undefined) schema = schema.min(bounds.min);
    if (bounds.max !== undefined) schema = schema.max(bounds.max);
    return z.preprocess(numberish, schema.optional()).describe(description);
  },
  bool(defaultValue: boolean, description: string) {
    return z.preprocess(boolish, z.boolean()).default(defaultValue).describe(description);
  },
  string(defaultValue: string, description: string) {
    return z.string().min(1).default(defaultValue).describe(description);
  },
  stringList(defaultValue: readonly string[], description: string) {
    return z
      .preprocess(csv, z.array(z.string().min(1)))
      .default([...defaultValue])
      .describe(description);
  },
  portList(defaultValue: readonly number[], description: string) {
    return z
      .preprocess(csv, z.array(z.preprocess(numberish, z.number().int().min(0).max(65535))))
      .default([...defaultValue])
      .describe(description);
  },
} as const;
