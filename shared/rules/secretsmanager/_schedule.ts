import type { SecretRotationRules } from '../../config-items/models/secretsmanager.ts';

/** The longest a secret can go between scheduled rotations, in days, and how the schedule reads. */
export interface RotationInterval {
  readonly days: number;
  readonly schedule: string;
}

const RATE = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i;

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Longest gap in a cron list such as `1,15` (of a 31-day month) or `MON,THU` (of a week); undefined for ranges. */
function listGap(field: string, period: number, names: readonly string[] = []): number | undefined {
  const values = field.split(',').map((v) => (names.includes(v.toUpperCase()) ? names.indexOf(v.toUpperCase()) + 1 : Number(v)));
  if (values.some((v) => !Number.isInteger(v))) return undefined;
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  return Math.max(period - last + first, ...sorted.slice(1).map((v, i) => v - (sorted[i] ?? v)));
}

/**
 * Upper bound on the days between two runs of a Secrets Manager `cron(min hour dom month dow year)`
 * expression: exact for the common shapes (daily, listed weekdays or days of the month, every N
 * days or months), conservative for the rest (a week for weekday ranges, a year for picked months).
 */
function cronMaxGapDays(expression: string): number | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [, , dom = '*', month = '*', dow = '*'] = fields;
  const any = (f: string): boolean => f === '*' || f === '?';
  const step = (f: string): number | undefined => {
    const m = /^(?:\*|\d+)\/(\d+)$/.exec(f);
    return m ? Number(m[1]) : undefined;
  };
  if (!any(month)) {
    const everyMonths = step(month);
    return everyMonths !== undefined ? everyMonths * 31 : 366;
  }
  if (!any(dow)) return /[#L]/.test(dow) ? 35 : (listGap(dow, 7, WEEKDAYS) ?? 7);
  if (any(dom)) return 1;
  return step(dom) ?? listGap(dom, 31) ?? 31;
}

/**
 * How often a secret rotates, from whichever of Secrets Manager's three spellings the rules use:
 * AutomaticallyAfterDays, AutomaticallyAfterHours, or a rate()/cron() ScheduleExpression (which
 * takes precedence, as in Secrets Manager). undefined when no schedule is readable.
 */
export function rotationInterval(rules: SecretRotationRules): RotationInterval | undefined {
  const expression = rules.scheduleExpression?.trim();
  if (expression) {
    const rate = RATE.exec(expression);
    if (rate) {
      const n = Number(rate[1]);
      return { days: rate[2]?.toLowerCase().startsWith('hour') ? n / 24 : n, schedule: expression };
    }
    const cron = /^cron\((.*)\)$/i.exec(expression);
    const days = cron?.[1] !== undefined ? cronMaxGapDays(cron[1]) : undefined;
    if (days !== undefined) return { days, schedule: expression };
  }
  if (rules.automaticallyAfterDays !== undefined) {
    return { days: rules.automaticallyAfterDays, schedule: `every ${rules.automaticallyAfterDays} days` };
  }
  if (rules.automaticallyAfterHours !== undefined) {
    return { days: rules.automaticallyAfterHours / 24, schedule: `every ${rules.automaticallyAfterHours} hours` };
  }
  return undefined;
}
