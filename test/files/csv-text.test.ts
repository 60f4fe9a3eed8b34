/**
 * @fileoverview The one CSV writer (OWASP's CSV-injection rules) and terminal-safe printing.
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvText, neutralise } from '../../src/files/csv-text';
import { parseCsvText } from '../../src/files/read-csv';
import { printable, printableLine } from '../../src/cli/terminal';

describe('csvText', () => {
  it('neutralises = + - @ tab and CR at the start of a field and after ; tab or a line break', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('+cmd')).toBe("'+cmd");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\t=1')).toBe("'\t'=1");
    expect(neutralise('\r=1')).toBe("'\r'=1");
    expect(neutralise('x;=1+1')).toBe("x;'=1+1");
    expect(neutralise('x\t+1')).toBe("x\t'+1");
    expect(neutralise('line\n=1')).toBe("line\n'=1");
    expect(neutralise('a-b; c=d, e@f')).toBe('a-b; c=d, e@f');
  });

  it('quotes every text field, writes numbers plain, and reads back as one table', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('TRUE');
    const text = csvText([['Name', 'Value'], ['a,b', 1 / 3], ['two\nlines', -2]]);
    expect(parseCsvText(text)).toEqual([['Name', 'Value'], ['a,b', String(1 / 3)], ['two\nlines', '-2']]);
  });
});

describe('printable', () => {
  it('escapes escape sequences, bells, carriage returns and bidi overrides, keeping line breaks', () => {
    expect(printable('\u001b[2Jgone\u0007\r\u202eevil\nnext\tcol')).toBe('\\u{1b}[2Jgone\\u{7}\\u{d}\\u{202e}evil\nnext\tcol');
    expect(printableLine('a\nb\tc')).toBe('a\\u{a}b\\u{9}c');
  });
});
