/**
 * @fileoverview The Vega locale (separators, currency affixes, month and day names) of an Intl
 * locale and currency, so chart axes print numbers and dates as the report's tables do.
 */
import type { Locale, NumberLocale, TimeLocale } from 'vega';
import { DEFAULT_CURRENCY, DEFAULT_LOCALE } from '../engine/report-tab/display-format';

// Two dozen Intl formatters per locale: worth building once per report, not once per chart.
const localeCache = new Map<string, Locale>();

/** The Vega locale (separators, currency affixes, month names) of an Intl locale and currency. */
export function vegaLocale(locale = DEFAULT_LOCALE, currency = DEFAULT_CURRENCY): Locale {
  const key = `${locale}|${currency}`;
  let cached = localeCache.get(key);
  if (!cached) {
    cached = buildVegaLocale(locale, currency);
    localeCache.set(key, cached);
  }
  // A copy, so a spec edited by its caller cannot change the next chart's locale.
  return structuredClone(cached);
}

function buildVegaLocale(locale: string, currency: string): Locale {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(-1234567.5);
  const first = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
  const numberStart = parts.findIndex((p) => p.type === 'integer');
  const numberEnd = parts.map((p) => p.type).lastIndexOf('fraction');
  const affix = (ps: Intl.NumberFormatPart[]) =>
    ps.filter((p) => p.type !== 'minusSign').map((p) => p.value).join('');
  const prefix = affix(parts.slice(0, numberStart));
  const suffix = affix(parts.slice((numberEnd < 0 ? numberStart : numberEnd) + 1));
  const digits = new Intl.NumberFormat(locale, { useGrouping: false });
  const numerals = Array.from({ length: 10 }, (_, d) => digits.format(d));
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(1).find((p) => p.type === 'percentSign')?.value;

  const name = (opts: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });
    return (d: Date) => f.format(d);
  };
  const monthLong = name({ month: 'long' });
  const monthShort = name({ month: 'short' });
  const dayLong = name({ weekday: 'long' });
  const dayShort = name({ weekday: 'short' });
  const hour = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
  const period = (h: number) =>
    hour.formatToParts(new Date(Date.UTC(2026, 0, 1, h))).find((p) => p.type === 'dayPeriod')?.value ?? (h < 12 ? 'AM' : 'PM');
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2026, m, 15)));
  // 2026-03-01 is a Sunday: d3 lists week days from Sunday.
  const days = Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2026, 2, 1 + d)));

  return {
    number: {
      decimal: first('decimal', '.'),
      thousands: first('group', ','),
      grouping: [3],
      currency: [prefix, suffix] as [string, string],
      minus: first('minusSign', '-'),
      ...(percent ? { percent } : {}),
      ...(numerals.join('') !== '0123456789' ? { numerals: numerals as NumberLocale['numerals'] } : {}),
    },
    time: {
      dateTime: '%x, %X',
      date: '%Y-%m-%d',
      time: '%H:%M:%S',
      periods: [period(1), period(13)] as [string, string],
      days: days.map(dayLong) as TimeLocale['days'],
      shortDays: days.map(dayShort) as TimeLocale['shortDays'],
      months: months.map(monthLong) as TimeLocale['months'],
      shortMonths: months.map(monthShort) as TimeLocale['shortMonths'],
    },
  };
}

