/**
 * How often an AWS Backup schedule expression runs, as the longest gap between two consecutive
 * runs. Expressions are EventBridge-style: `rate(12 hours)`, or a six-field
 * `cron(minutes hours day-of-month month day-of-week year)` with `L`, `W` and `#`.
 * Gaps are computed in UTC: a rule with a ScheduleExpressionTimezone keeps its gaps, except the
 * one-hour shifts of daylight-saving changes, which are deliberately not held against a plan.
 */

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Long enough for every yearly schedule to run at least twice. */
const WINDOW_DAYS = 3 * 366;

export type ScheduleInterval =
  | { readonly ok: true; /** Longest gap in minutes; Infinity when it runs fewer than twice in three years. */ readonly maxGapMinutes: number }
  | { readonly ok: false; readonly error: string };

/**
 * @example
 * scheduleInterval('cron(0 5 ? * * *)', now); // { ok: true, maxGapMinutes: 1440 }
 * scheduleInterval('cron(0 5 ? * MON-FRI *)', now); // { ok: true, maxGapMinutes: 4320 } (Friday to Monday)
 */
export function scheduleInterval(expression: string, from: Date): ScheduleInterval {
  // Plans of one account share a handful of expressions, and `from` is the scan's fixed time:
  // compute each (expression, time) once. Bounded, so hostile input cannot grow it without end.
  const key = `${from.getTime()}|${expression}`;
  const hit = intervalCache.get(key);
  if (hit) return hit;
  const computed = computeInterval(expression, from);
  if (intervalCache.size >= 1000) intervalCache.clear();
  intervalCache.set(key, computed);
  return computed;
}
const intervalCache = new Map<string, ScheduleInterval>();

function computeInterval(expression: string, from: Date): ScheduleInterval {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$/i.exec(text);
  if (rate) {
    const unit = (rate[2] ?? '').toLowerCase().replace(/s$/, '');
    const minutes = Number(rate[1]) * (unit === 'minute' ? 1 : unit === 'hour' ? 60 : DAY_MINUTES);
    return minutes > 0 ? { ok: true, maxGapMinutes: minutes } : { ok: false, error: 'a rate of zero' };
  }
  if (/^at\(/i.test(text)) return { ok: true, maxGapMinutes: Infinity };
  const cron = /^cron\((.*)\)$/i.exec(text);
  const fields = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6) return { ok: false, error: 'not a rate(…) or six-field cron(…) expression' };
  const [minuteField, hourField, domField, monthField, dowField, yearField] = fields as [string, string, string, string, string, string];
  const minutes = parseSet(minuteField, 0, 59);
  const hours = parseSet(hourField, 0, 23);
  const months = parseSet(monthField, 1, 12, MONTHS);
  const years = parseSet(yearField, 1970, 2199);
  const dayMatcher = parseDays(domField, dowField);
  if (!minutes || !hours || !months || !years || !dayMatcher) return { ok: false, error: 'a cron field that cannot be read' };

  const timesOfDay = [...hours].flatMap((h) => [...minutes].map((m) => h * 60 + m)).sort((a, b) => a - b);
  const firstTime = timesOfDay[0];
  const lastTime = timesOfDay[timesOfDay.length - 1];
  if (firstTime === undefined || lastTime === undefined) return { ok: true, maxGapMinutes: Infinity };
  let maxGap = 0;
  for (let i = 1; i < timesOfDay.length; i++) maxGap = Math.max(maxGap, (timesOfDay[i] ?? 0) - (timesOfDay[i - 1] ?? 0));

  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  let previousDay: number | undefined;
  let runDays = 0;
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const day = new Date(start + d * DAY_MINUTES * MINUTE_MS);
    if (!years.has(day.getUTCFullYear()) || !months.has(day.getUTCMonth() + 1) || !dayMatcher(day)) continue;
    runDays++;
    if (previousDay !== undefined) maxGap = Math.max(maxGap, (d - previousDay) * DAY_MINUTES - lastTime + firstTime);
    previousDay = d;
  }
  // A schedule limited to some years stops for good after the last one.
  const windowYears = [0, 1, 2, 3].map((n) => from.getUTCFullYear() + n);
  if (runDays <= 1 || windowYears.some((y) => !years.has(y))) return { ok: true, maxGapMinutes: Infinity };
  return { ok: true, maxGapMinutes: maxGap };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Day-of-week names; cron numbers them 1 (SUN) to 7 (SAT). */
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A plain field (`*`, `5`, `1,15`, `MON-FRI`, `0/15`, `*\/6`, `9-17/2`) as the set of values it allows. */
function parseSet(field: string, min: number, max: number, names: readonly string[] = []): Set<number> | undefined {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let low: number | undefined;
    let high: number | undefined;
    if (range === '*' || range === '?') {
      low = min;
      high = max;
    } else {
      const [a = '', b] = range.split('-');
      low = value(a, min, names);
      high = b === undefined ? (stepText === undefined ? low : max) : value(b, min, names);
    }
    if (low === undefined || high === undefined || low < min || high > max || low > high) return undefined;
    for (let v = low; v <= high; v += step) out.add(v);
  }
  return out;
}

function value(text: string, min: number, names: readonly string[]): number | undefined {
  const named = names.indexOf(text.toUpperCase());
  if (named >= 0) return named + min;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

type DayMatcher = (day: Date) => boolean;

/** Day-of-month and day-of-week: AWS requires `?` in one of them; the other decides. */
function parseDays(dom: string, dow: string): DayMatcher | undefined {
  const byMonthDay = dom === '?' ? undefined : parseMonthDays(dom);
  const byWeekDay = dow === '?' ? undefined : parseWeekDays(dow);
  if ((dom !== '?' && !byMonthDay) || (dow !== '?' && !byWeekDay)) return undefined;
  return (day) => (byMonthDay?.(day) ?? true) && (byWeekDay?.(day) ?? true);
}

function parseMonthDays(field: string): DayMatcher | undefined {
  const matchers: DayMatcher[] = [];
  for (const part of field.split(',')) {
    const lastOffset = /^L(?:-(\d+))?$/.exec(part);
    const nearestWeekday = /^(\d+)W$/.exec(part);
    if (lastOffset) {
      const offset = Number(lastOffset[1] ?? 0);
      matchers.push((day) => day.getUTCDate() === daysInMonth(day) - offset);
    } else if (part === 'LW') {
      matchers.push((day) => day.getUTCDate() === nearestWeekdayTo(day, daysInMonth(day)));
    } else if (nearestWeekday) {
      const target = Number(nearestWeekday[1]);
      matchers.push((day) => target <= daysInMonth(day) && day.getUTCDate() === nearestWeekdayTo(day, target));
    } else {
      const set = parseSet(part, 1, 31);
      if (!set) return undefined;
      matchers.push((day) => set.has(day.getUTCDate()));
    }
  }
  return (day) => matchers.some((m) => m(day));
}

function parseWeekDays(field: string): DayMatcher | undefined {
  const matchers: DayMatcher[] = [];
  for (const part of field.split(',')) {
    const nth = /^([A-Za-z]{3}|\d)#([1-5])$/.exec(part);
    const last = /^([A-Za-z]{3}|\d)?L$/.exec(part);
    if (nth) {
      const weekday = value(nth[1] ?? '', 1, WEEKDAYS);
      const n = Number(nth[2]);
      if (weekday === undefined) return undefined;
      matchers.push((day) => day.getUTCDay() + 1 === weekday && Math.ceil(day.getUTCDate() / 7) === n);
    } else if (last) {
      // `L` alone is the last day of the week (7, Saturday); `5L` / `THUL` the month's last Thursday.
      const weekday = last[1] === undefined ? 7 : value(last[1], 1, WEEKDAYS);
      if (weekday === undefined) return undefined;
      matchers.push((day) =>
        last[1] === undefined
          ? day.getUTCDay() + 1 === weekday
          : day.getUTCDay() + 1 === weekday && day.getUTCDate() + 7 > daysInMonth(day),
      );
    } else {
      const set = parseSet(part, 1, 7, WEEKDAYS);
      if (!set) return undefined;
      matchers.push((day) => set.has(day.getUTCDay() + 1));
    }
  }
  return (day) => matchers.some((m) => m(day));
}

function daysInMonth(day: Date): number {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The weekday nearest to day `target` of `day`'s month, without leaving the month (cron's `W`). */
function nearestWeekdayTo(day: Date, target: number): number {
  const last = daysInMonth(day);
  const weekday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

/** "24 hours", "7 days", "90 minutes": the gap as a user would say it. */
export function describeGap(minutes: number): string {
  if (!Number.isFinite(minutes)) return 'less than once a year';
  if (minutes % DAY_MINUTES === 0 && minutes >= 2 * DAY_MINUTES) return `every ${minutes / DAY_MINUTES} days`;
  if (minutes % 60 === 0) return `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}
