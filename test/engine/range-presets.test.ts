/**
 * @fileoverview Date range presets in the workbook's time zone: Today, Yesterday, This week and
 * Last week (ISO weeks, Monday first), worked out on a calendar.
 */
import { describe, expect, it } from 'vitest';
import { parsePreset, presetRange, weekStart } from '../../src/engine/time/range';
import { dayText, timeZone } from '../../src/engine/time/zone';
import { dayNumber } from '../../src/engine/time/zone';

const span = (preset: string, now: number, zone = 'UTC') => {
  const r = presetRange(parsePreset(preset), timeZone(zone), now);
  return [dayText(r.fromDay!), dayText(r.toDay!), r.label];
};

describe('day and week presets', () => {
  // Wednesday 2026-03-04, 15:00 UTC.
  const wed = Date.UTC(2026, 2, 4, 15);

  it('today and yesterday are single days', () => {
    expect(span('today', wed)).toEqual(['2026-03-04', '2026-03-04', 'Today']);
    expect(span('Yesterday', wed)).toEqual(['2026-03-03', '2026-03-03', 'Yesterday']);
    // Over a month boundary: 1 March's yesterday is 28 February (2026 is no leap year).
    expect(span('yesterday', Date.UTC(2026, 2, 1, 8))).toEqual(['2026-02-28', '2026-02-28', 'Yesterday']);
  });

  it('this week runs Monday to Sunday; last week is the seven days before', () => {
    expect(span('this week', wed)).toEqual(['2026-03-02', '2026-03-08', 'This week']);
    expect(span('last_week', wed)).toEqual(['2026-02-23', '2026-03-01', 'Last week']);
  });

  it('a Monday starts its own week and a Sunday ends it', () => {
    expect(span('this week', Date.UTC(2026, 2, 2, 0, 0))).toEqual(['2026-03-02', '2026-03-08', 'This week']);
    expect(span('this week', Date.UTC(2026, 2, 8, 23, 59))).toEqual(['2026-03-02', '2026-03-08', 'This week']);
    // Across a year: Thursday 2026-01-01 is in the week of Monday 2025-12-29.
    expect(span('this week', Date.UTC(2026, 0, 1, 12))).toEqual(['2025-12-29', '2026-01-04', 'This week']);
    expect(dayText(weekStart(0))).toBe('1969-12-29');
    expect(dayText(weekStart(dayNumber(1969, 12, 28)))).toBe('1969-12-22');
  });

  it('days are the workbook\'s: at 23:30 UTC on Sunday it is already Monday in Paris', () => {
    const sundayLate = Date.UTC(2026, 2, 8, 23, 30);
    expect(span('this week', sundayLate, 'UTC')).toEqual(['2026-03-02', '2026-03-08', 'This week']);
    expect(span('this week', sundayLate, 'Europe/Paris')).toEqual(['2026-03-09', '2026-03-15', 'This week']);
    expect(span('today', sundayLate, 'Europe/Paris')).toEqual(['2026-03-09', '2026-03-09', 'Today']);
  });

  it('an unknown preset lists the accepted ones, the new ones among them', () => {
    expect(() => parsePreset('fortnight')).toThrowError(/use one of all, today, yesterday, this week, last week, last 7 days/);
  });
});
