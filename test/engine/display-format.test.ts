/**
 * @fileoverview The workbook's number display: what a reader sees in a cell must read the same in
 * the HTML report and the sidebar.
 */
import { describe, expect, it } from 'vitest';
import { cellFormatter, formatCell, isNumericFormat } from '../../src/engine/report-tab/display-format';

describe('formatCell', () => {
  it('shows integers grouped and rounded', () => {
    expect(formatCell(1234, 'integer')).toBe('1,234');
    expect(formatCell(1234.6, 'integer')).toBe('1,235');
    expect(formatCell(0, 'integer')).toBe('0');
    expect(formatCell(-9876543, 'integer')).toBe('-9,876,543');
  });

  it('shows decimals with two places', () => {
    expect(formatCell(1234.567, 'decimal')).toBe('1,234.57');
    expect(formatCell(2, 'decimal')).toBe('2.00');
  });

  it('shows percents of fractions with one place', () => {
    expect(formatCell(0.123, 'percent')).toBe('12.3%');
    expect(formatCell(1, 'percent')).toBe('100.0%');
    expect(formatCell(0.00049, 'percent')).toBe('0.0%');
  });

  it('shows currency with its symbol and minor unit', () => {
    expect(formatCell(1234.5, 'currency')).toBe('$1,234.50');
    expect(formatCell(1234.5, 'currency', { currency: 'EUR' })).toBe('€1,234.50');
    expect(formatCell(1234.5, 'currency', { currency: 'gbp' })).toBe('£1,234.50');
    expect(formatCell(1234.5, 'currency', { currency: 'JPY' })).toBe('¥1,235');
    expect(formatCell(-12, 'currency')).toBe('-$12.00');
    expect(formatCell(1234.5, 'currency', { currency: 'SEK' })).toBe('kr 1,234.50');
    expect(formatCell(1234.5, 'currency', { currency: 'XYZ' })).toBe('XYZ 1,234.50');
    // Separators follow the locale (fr-FR groups with a narrow no-break space); the symbol stays
    // where the sheet's [$€] pattern puts it.
    expect(formatCell(1234.5, 'currency', { locale: 'fr-FR', currency: 'EUR' })).toBe('€1\u202f234,50');
    expect(formatCell(1234.5, 'decimal', { locale: 'de-DE' })).toBe('1.234,50');
  });

  it('shows ratios as multiples', () => {
    expect(formatCell(17.2413, 'ratio')).toBe('17.2×');
    expect(formatCell(0.04, 'ratio')).toBe('0.0×');
  });

  it('never shows "-0" for a negative that rounds to zero', () => {
    expect(formatCell(-0.4, 'integer')).toBe('0');
    expect(formatCell(-0.001, 'currency')).toBe('$0.00');
    expect(formatCell(-0.0004, 'percent')).toBe('0.0%');
    expect(formatCell(-0, 'decimal')).toBe('0.00');
    expect(formatCell(-0.005, 'currency')).toBe('-$0.01');
  });

  it('shows null as empty and text, dates and booleans as given', () => {
    expect(formatCell(null, 'currency')).toBe('');
    expect(formatCell(undefined, 'integer')).toBe('');
    expect(formatCell(Number.NaN, 'integer')).toBe('');
    expect(formatCell('2026-03-01', 'date')).toBe('2026-03-01');
    expect(formatCell('2026-03', 'month')).toBe('2026-03');
    expect(formatCell('2026-03-01 09:30', 'datetime')).toBe('2026-03-01 09:30');
    expect(formatCell('n/a', 'currency')).toBe('n/a');
    expect(formatCell(1234.5, 'text')).toBe('1234.5');
    expect(formatCell(true, 'text')).toBe('TRUE');
  });

  it('explains an unknown currency code', () => {
    expect(() => formatCell(1, 'currency', { currency: 'DOLLARS' })).toThrow(/currency "DOLLARS"/);
  });

  it('formats a whole column as formatCell formats each of its cells', () => {
    const cells = [0, -0.001, -1234.5, 1e21, Number.NaN, null, 'n/a', true, 0.4478];
    for (const format of ['integer', 'decimal', 'percent', 'currency', 'ratio', 'text', 'date', null] as const) {
      for (const options of [{}, { locale: 'fr-FR', currency: 'EUR' }]) {
        const column = cellFormatter(format, options);
        expect(cells.map(column), `${format} ${JSON.stringify(options)}`).toEqual(cells.map((v) => formatCell(v, format, options)));
      }
    }
    expect(cells.map(cellFormatter('currency'))).toEqual(['$0.00', '$0.00', '-$1,234.50', '$1,000,000,000,000,000,000,000.00', '', '', 'n/a', 'TRUE', '$0.45']);
    expect(cells.map(cellFormatter('percent'))).toEqual(['0.0%', '-0.1%', '-123,450.0%', '100,000,000,000,000,000,000,000.0%', '', '', 'n/a', 'TRUE', '44.8%']);
    // The formatter is made at the first number: a column of text only is no error with a bad currency.
    const bad = cellFormatter('currency', { currency: 'DOLLARS' });
    expect(bad('n/a')).toBe('n/a');
    expect(() => bad(1)).toThrow(/currency "DOLLARS"/);
  });

  it('knows which formats are numbers', () => {
    expect(['integer', 'decimal', 'percent', 'currency', 'ratio'].every((f) => isNumericFormat(f as never))).toBe(true);
    expect(['text', 'date', 'month', 'datetime'].some((f) => isNumericFormat(f as never))).toBe(false);
    expect(isNumericFormat(null)).toBe(false);
  });
});
