import { describe, expect, it } from 'vitest';
import { describeGap, scheduleInterval } from '../../../shared/rules/backup/_schedule.ts';

const NOW = new Date('2026-11-23T00:00:00.000Z');
const HOUR = 60;
const DAY = 24 * HOUR;

describe('scheduleInterval', () => {
  it.each([
    ['daily at 05:00', 'cron(0 5 ? * * *)', DAY],
    ['twice a day by list', 'cron(0 0,12 ? * * *)', 12 * HOUR],
    ['every 6 hours by step', 'cron(0 */6 * * ? *)', 6 * HOUR],
    ['every 15 minutes from 0', 'cron(0/15 * * * ? *)', 15],
    ['hourly in office hours only', 'cron(0 9-17 ? * * *)', 16 * HOUR],
    ['weekdays only (Friday to Monday)', 'cron(0 22 ? * MON-FRI *)', 3 * DAY],
    ['weekdays by number (2-6)', 'cron(0 22 ? * 2-6 *)', 3 * DAY],
    ['weekly on Sunday', 'cron(30 23 ? * SUN *)', 7 * DAY],
    ['monthly on the 1st (31-day months)', 'cron(0 5 1 * ? *)', 31 * DAY],
    ['last day of the month', 'cron(0 5 L * ? *)', 31 * DAY],
    ['nearest weekday to the 15th', 'cron(0 5 15W * ? *)', 32 * DAY],
    ['first Friday', 'cron(0 5 ? * 6#1 *)', 35 * DAY],
    ['last Friday by name', 'cron(0 5 ? * FRIL *)', 35 * DAY],
    ['yearly on 1 January', 'cron(0 5 1 JAN ? *)', 366 * DAY],
    ['rate in hours', 'rate(12 hours)', 12 * HOUR],
    ['rate of one day', 'rate(1 day)', DAY],
    ['rate in minutes', 'rate(90 minutes)', 90],
  ])('%s: %s', (_case, expression, expected) => {
    // Act
    const interval = scheduleInterval(expression, NOW);

    // Assess
    expect(interval).toEqual({ ok: true, maxGapMinutes: expected });
  });

  it.each([
    ['limited to a year that ends inside the window', 'cron(0 5 ? * * 2026)'],
    ['a one-time at() expression', 'at(2026-12-01T05:00:00)'],
    ['a day that never comes', 'cron(0 5 31 FEB ? *)'],
  ])('is Infinity for a schedule %s', (_case, expression) => {
    expect(scheduleInterval(expression, NOW)).toEqual({ ok: true, maxGapMinutes: Infinity });
  });

  it.each([
    ['five fields', 'cron(0 3 * * ?)'],
    ['an hour of 25', 'cron(0 25 ? * * *)'],
    ['an unknown weekday', 'cron(0 5 ? * FUN *)'],
    ['a zero step', 'cron(0/0 5 ? * * *)'],
    ['a zero rate', 'rate(0 hours)'],
    ['plain text', 'daily'],
  ])('rejects %s', (_case, expression) => {
    expect(scheduleInterval(expression, NOW)).toMatchObject({ ok: false });
  });
});

describe('describeGap', () => {
  it.each([
    [15, 'every 15 minutes'],
    [DAY, 'every 24 hours'],
    [7 * DAY, 'every 7 days'],
    [Infinity, 'less than once a year'],
  ])('%s minutes reads as "%s"', (minutes, text) => {
    expect(describeGap(minutes)).toBe(text);
  });
});
