/** The closed set of severities, highest first (Security Hub's labels, lower-cased). */
export const Severity = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  informational: 'informational',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

/** 0 for critical … 4 for informational: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is at least as severe as `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
