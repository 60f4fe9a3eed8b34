/**
 * @fileoverview The sidebar's date presets, derived by hand: whole local days, both ends included,
 * quarters rolling over the year, and days of 23 or 25 hours where the clocks change.
 */
import { describe, expect, it } from 'vitest';
import { parsePreset, presetRange, PRESETS, type RangePreset } from '../../src/engine/time/range';
import { dayText, timeZone } from '../../src/engine/time/zone';

const days = (preset: RangePreset, nowIso: string, zone = 'UTC') => {
  const r = presetRange(preset, timeZone(zone), Date.parse(nowIso));
  return [r.fromDay === null ? null : dayText(r.fromDay), r.toDay === null ? null : dayText(r.toDay)];
};

describe('date presets', () => {
  it('in January: last month and last quarter roll back into the previous year', () => {
    const now = '2026-01-15T12:00:00Z';
    expect(days('this month', now)).toEqual(['2026-01-01', '2026-01-31']);
    expect(days('last month', now)).toEqual(['2025-12-01', '2025-12-31']);
    expect(days('this quarter', now)).toEqual(['2026-01-01', '2026-03-31']);
    expect(days('last quarter', now)).toEqual(['2025-10-01', '2025-12-31']);
    expect(days('this year', now)).toEqual(['2026-01-01', '2026-12-31']);
    expect(days('last year', now)).toEqual(['2025-01-01', '2025-12-31']);
    // Today and the N-1 days before.
    expect(days('last 7 days', now)).toEqual(['2026-01-09', '2026-01-15']);
    expect(days('last 30 days', now)).toEqual(['2025-12-17', '2026-01-15']);
    expect(days('last 365 days', now)).toEqual(['2025-01-16', '2026-01-15']);
    // All data: everything up to today.
    expect(days('all', now)).toEqual([null, '2026-01-15']);
  });

  it('in the fourth quarter, and in a leap-year February', () => {
    expect(days('this quarter', '2026-11-30T23:00:00Z')).toEqual(['2026-10-01', '2026-12-31']);
    expect(days('last quarter', '2026-11-30T23:00:00Z')).toEqual(['2026-07-01', '2026-09-30']);
    expect(days('this month', '2028-02-10T00:00:00Z')).toEqual(['2028-02-01', '2028-02-29']);
    expect(days('last month', '2028-03-31T00:00:00Z')).toEqual(['2028-02-01', '2028-02-29']);
  });

  it("uses the workbook's zone for today: 1 March 03:00 UTC is still February in New York", () => {
    expect(days('this month', '2026-03-01T03:00:00Z', 'America/New_York')).toEqual(['2026-02-01', '2026-02-28']);
    expect(days('this month', '2026-03-01T03:00:00Z', 'UTC')).toEqual(['2026-03-01', '2026-03-31']);
    expect(days('this year', '2026-12-31T16:00:00Z', 'Asia/Tokyo')).toEqual(['2027-01-01', '2027-12-31']);
  });

  it('counts whole local days across a clock change (New York springs forward on 8 March 2026)', () => {
    const zone = timeZone('America/New_York');
    const r = presetRange('last 7 days', zone, Date.parse('2026-03-08T17:00:00Z'));
    expect([dayText(r.fromDay!), dayText(r.toDay!)]).toEqual(['2026-03-02', '2026-03-08']);
    // From midnight EST (05:00 UTC) on 2 March to midnight EDT (04:00 UTC) on 9 March: one hour short of 7 days.
    expect(new Date(r.from).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(new Date(r.to).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(r.to - r.from).toBe(7 * 86_400_000 - 3_600_000);
    // Falling back on 1 November: that day has 25 hours.
    const fall = presetRange('last 7 days', zone, Date.parse('2026-11-01T20:00:00Z'));
    expect(fall.to - fall.from).toBe(7 * 86_400_000 + 3_600_000);
  });

  it('reads a wall-clock time in the hour the clocks go back as its earlier instant, and one in the skipped hour as the earlier guess', () => {
    const paris = timeZone('Europe/Paris');
    const at = (month: number, day: number, hour: number) => new Date(paris.instantOf({ year: 2026, month, day, hour, minute: 30, second: 0, ms: 0 })).toISOString();
    // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
    expect(at(10, 25, 2)).toBe('2026-10-25T00:30:00.000Z');
    expect(at(10, 25, 1)).toBe('2026-10-24T23:30:00.000Z');
    expect(at(10, 25, 3)).toBe('2026-10-25T02:30:00.000Z');
    // 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:30 never happens: read with the winter offset.
    expect(at(3, 29, 2)).toBe('2026-03-29T00:30:00.000Z');
    expect(at(3, 29, 3)).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(paris.startOfDay(paris.dayOf(Date.parse('2026-10-25T12:00:00Z')))).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('reads loose names and refuses unknown ones with the accepted list', () => {
    expect(parsePreset('Last_30-days')).toBe('last 30 days');
    expect(parsePreset('All data')).toBe('all');
    expect(parsePreset('')).toBe('all');
    expect(() => parsePreset('fortnight')).toThrowError(`Unknown date range "fortnight": use one of ${PRESETS.join(', ')}.`);
  });
});
