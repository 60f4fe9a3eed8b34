/**
 * @fileoverview Test workbooks: the hand-solved tiny example from disk, and a builder for small
 * workbooks written inline, shaped as `getValues()` returns them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../../src/files/read-workbook-files';
import type { RawCell, RawWorkbook } from '../../src/engine/workbook/raw';
import { analyse, type Analysis } from '../../src/engine/analysis';
import type { EngineSettings } from '../../src/engine/settings';

export const TINY_DIR = join(__dirname, '..', 'fixtures', 'tiny');

export function tinyWorkbook(): RawWorkbook {
  const wb: RawWorkbook = {};
  for (const f of readdirSync(TINY_DIR)) {
    if (f.endsWith('.csv')) wb[f.replace(/\.csv$/, '')] = parseCsvText(readFileSync(join(TINY_DIR, f), 'utf8'));
  }
  return wb;
}

/**
 * The tiny workbook with its Interactions padded by page views of anonymous visitors until the
 * source tabs hold more than `cells` cells (e.g. past what a formula reads live).
 */
export function paddedTinyWorkbook(cells: number): RawWorkbook {
  const wb = tinyWorkbook();
  const header = wb.Interactions[0];
  const filler = Array.from({ length: Math.ceil(cells / header.length) + 10 }, (_, i) => {
    const row: RawCell[] = header.map(() => '');
    row[0] = `F${i}`;
    row[1] = '2026-01-15T10:00:00Z';
    row[3] = `VF${i % 50}`;
    row[4] = 'page view';
    return row;
  });
  wb.Interactions = [...wb.Interactions, ...filler];
  return wb;
}

export function tinyExpected(name: string): string[][] {
  return parseCsvText(readFileSync(join(TINY_DIR, 'expected', name), 'utf8')) as string[][];
}

/** A fixed "now" after all test data, so default ranges never move. */
export const NOW = Date.UTC(2026, 10, 1);

export const HEADERS = {
  Campaigns: ['Campaign ID', 'Name', 'UTM campaign', 'Goal sessions', 'Goal new contacts', 'Goal influenced contacts', 'Goal revenue', 'Budget', 'Spend'],
  Assets: ['Asset ID', 'Campaign ID', 'Type', 'Name', 'URL', 'Associated at'],
  Contacts: ['Contact ID', 'Created at', 'Visitor IDs'],
  Deals: ['Deal ID', 'Name', 'Contact IDs', 'Created at', 'Stage', 'Closed at', 'Amount'],
  Interactions: ['Interaction ID', 'Timestamp', 'Contact ID', 'Visitor ID', 'Type', 'Asset ID', 'URL', 'Session ID', 'Referrer', 'Source', 'UTM campaign', 'UTM source', 'UTM medium', 'UTM term', 'UTM content', 'Platform'],
} as const;

type Tab = keyof typeof HEADERS;
type RowSpec<T extends Tab> = Partial<Record<(typeof HEADERS)[T][number], RawCell>>;

/** Builds a workbook from rows given as objects keyed by header; missing cells are blank. */
export function workbook(rows: { [T in Tab]?: RowSpec<T>[] }): RawWorkbook {
  const wb: RawWorkbook = {};
  for (const tab of Object.keys(HEADERS) as Tab[]) {
    const header = HEADERS[tab] as readonly string[];
    wb[tab] = [header.slice(), ...((rows[tab] ?? []) as Record<string, RawCell>[]).map((r) => header.map((h) => r[h] ?? ''))];
  }
  return wb;
}

export function analysed(raw: RawWorkbook, settings: Partial<EngineSettings> = {}, now = NOW): Analysis {
  return analyse(raw, settings, now);
}

/**
 * Settings far from the defaults: another zone and half-life, a document-wide eligible set and an
 * own set for deal create and for revenue attribution (the warehouse equality tests run them).
 */
export const UNUSUAL_SETTINGS: Partial<EngineSettings> = {
  timeZone: 'Europe/Berlin', halfLifeDays: 2.5, eligibleTypes: ['page view', 'form submission', 'email open', 'meeting'],
  dealCreateEligibleTypes: ['form submission', 'meeting', 'email click'], revenueEligibleTypes: ['page view', 'meeting', 'ad click', 'email click'],
};
