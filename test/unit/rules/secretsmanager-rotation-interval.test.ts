import { describe, expect, it } from 'vitest';
import { rotationInterval } from '../../../shared/rules/secretsmanager/_schedule.ts';

const rules = (r: { days?: number; hours?: number; expression?: string }) => ({
  automaticallyAfterDays: r.days,
  automaticallyAfterHours: r.hours,
  scheduleExpression: r.expression,
});

describe('rotationInterval', () => {
  it.each([
    ['AutomaticallyAfterDays', rules({ days: 30 }), 30],
    ['AutomaticallyAfterHours', rules({ hours: 12 }), 0.5],
    ['rate in days', rules({ expression: 'rate(10 days)' }), 10],
    ['rate of one day', rules({ expression: 'rate(1 day)' }), 1],
    ['rate in hours', rules({ expression: 'rate(4 hours)' }), 4 / 24],
    ['the expression over AutomaticallyAfterDays', rules({ days: 90, expression: 'rate(7 days)' }), 7],
    ['daily cron', rules({ expression: 'cron(0 4 * * ? *)' }), 1],
    ['weekly cron', rules({ expression: 'cron(0 4 ? * SUN *)' }), 7],
    ['first-Monday cron', rules({ expression: 'cron(0 4 ? * MON#1 *)' }), 35],
    ['weekdays-list cron', rules({ expression: 'cron(0 4 ? * MON,THU *)' }), 4],
    ['weekday-range cron (bounded by a week)', rules({ expression: 'cron(0 4 ? * MON-FRI *)' }), 7],
    ['monthly cron', rules({ expression: 'cron(0 4 1 * ? *)' }), 31],
    ['twice-monthly cron', rules({ expression: 'cron(0 16 1,15 * ? *)' }), 17],
    ['every-10-days cron', rules({ expression: 'cron(0 4 */10 * ? *)' }), 10],
    ['every-4-months cron', rules({ expression: 'cron(0 6 1 */4 ? *)' }), 124],
    ['cron on picked months (bounded by a year)', rules({ expression: 'cron(0 6 1 JAN,JUL ? *)' }), 366],
  ])('reads %s', (_label, input, days) => {
    expect(rotationInterval(input)?.days).toBeCloseTo(days);
  });

  it.each([
    ['no schedule at all', rules({})],
    ['an unreadable expression', rules({ expression: 'every now and then' })],
  ])('is undefined for %s', (_label, input) => {
    expect(rotationInterval(input)).toBeUndefined();
  });
});
