/**
 * The parsed workbook keeps none of the text its cells were cut from: a reader hands cells over as
 * slices of the file's text, and a kept slice would keep the whole text alive for the run.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/engine/workbook/read-workbook';
import type { RawWorkbook } from '../../src/engine/workbook/raw';
import { collectGarbage, COLLECT_ABOVE_CELLS } from '../../src/files/collect-garbage';

const heapAfterCollecting = () => {
  // V8 keeps the subject of the last regular-expression match (RegExp.input): a slice tested last
  // would keep its text alive. Any later match lets it go, as the computing's first one does.
  /x/.exec('x');
  expect(collectGarbage(COLLECT_ABOVE_CELLS)).toBe(true);
  return process.memoryUsage().heapUsed;
};

/** Cells sliced out of one big text, as a CSV or xlsx reader makes them. */
function slicedWorkbook(rows: number): RawWorkbook {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    // Each line padded so that the text is large; the cells are a small part of it.
    lines.push(`INT-${String(i).padStart(9, '0')}|2026-03-01T09:${String(i % 60).padStart(2, '0')}:00Z|CONTACT-${String(i % 500).padStart(8, '0')}|https://www.example.com/landing/page-${i % 40}-spring-launch?utm_campaign=spring-${i % 7}|https://www.referrer-site.example/${i % 9}/path|${'x'.repeat(400)}`);
  }
  const text = lines.join('\n');
  const table: string[][] = [['Interaction ID', 'Timestamp', 'Contact ID', 'Type', 'URL', 'Referrer']];
  let pos = 0;
  for (let i = 0; i < rows; i++) {
    const cut = (): string => {
      const end = text.indexOf('|', pos);
      const cell = text.slice(pos, end);
      pos = end + 1;
      return cell;
    };
    const [id, ts, contact, url, referrer] = [cut(), cut(), cut(), cut(), cut()];
    pos = text.indexOf('\n', pos) + 1;
    table.push([id, ts, contact, 'page view', url, referrer]);
  }
  return { Campaigns: [['Campaign ID', 'Campaign name']], Assets: [['Asset ID', 'Asset type']], Contacts: [['Contact ID', 'Created']], Deals: [['Deal ID', 'Contact IDs', 'Deal stage', 'Create date']], Interactions: table };
}

describe('parsed workbook memory', () => {
  it('keeps no slice of the text its cells came from, and one copy of a repeated URL', () => {
    const rows = 60_000; // ~33 MB of text
    const before = heapAfterCollecting();
    let withText = 0;
    // Parsed in a function of its own, so that nothing on this frame holds the raw cells.
    const workbook = (() => {
      const raw = slicedWorkbook(rows);
      withText = heapAfterCollecting() - before;
      return readWorkbook(raw, { timeZone: 'UTC' });
    })();
    const kept = heapAfterCollecting() - before;
    expect(workbook.interactions).toHaveLength(rows);
    expect(workbook.interactions[41].url).toBe('https://www.example.com/landing/page-1-spring-launch?utm_campaign=spring-6');
    expect(workbook.interactions[41].utm.campaign).toBe('spring-6');
    expect(workbook.interactions[41].referrer).toBe('https://www.referrer-site.example/5/path');
    // The text alone weighs over 30 MB; the interactions' own objects about a third of that.
    expect(withText).toBeGreaterThan(30e6);
    expect(kept).toBeLessThan(withText / 2);
  });

  it('collects only above a million cells', () => {
    expect(collectGarbage(COLLECT_ABOVE_CELLS - 1)).toBe(false);
    expect(collectGarbage(COLLECT_ABOVE_CELLS)).toBe(true);
  });
});
