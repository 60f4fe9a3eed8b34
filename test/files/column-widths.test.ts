/**
 * @fileoverview The xlsx sizes its columns by how long each number looks in en-US with grouping;
 * that length is counted, not formatted (formatting every cell took most of the xlsx's time), and
 * must agree with what toLocaleString shows.
 */
import { describe, expect, it } from 'vitest';
import { groupedLength } from '../../src/files/xlsx-output';

const shown = (n: number, d: number) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }).length;

describe('groupedLength', () => {
  it('counts signs, separators and decimals as en-US shows them', () => {
    expect(groupedLength(1234567.891, 2)).toBe('1,234,567.89'.length);
    expect(groupedLength(-999.4, 0)).toBe('-999'.length);
    expect(groupedLength(999.6, 0)).toBe('1,000'.length);
    expect(groupedLength(0.004, 1)).toBe('0.0'.length);
    expect(groupedLength(-0.4, 0)).toBe('-0'.length);
    expect(groupedLength(2e21, 0)).toBe(shown(2e21, 0));
  });

  it('agrees with toLocaleString on numbers of every size (a fixed pseudo-random sample)', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 3000; i++) {
      const n = (next() - 0.3) * 10 ** (next() * 14);
      for (const d of [0, 1, 2]) expect(groupedLength(n, d), `${n} with ${d} decimals`).toBe(shown(n, d));
    }
  });
});
