/**
 * @fileoverview Dates far from the rest of the data: a typo such as `1026-03-05` for `2026-03-05`
 * would stretch "all data" and every daily series over a thousand years (and take minutes and
 * gigabytes to compute). A date more than 20 years from the median of the workbook's event dates, or
 * before 1970, is a data-check error: its row is skipped (its cell ignored when the date is optional).
 */
import type { DataCheck, Finding } from './data-check';
import { cellText } from './cells';
import type { LocatedTab } from './tab-reader';
import type { Workbook } from './types';
import { dayText } from '../time/zone';

const DAY_MS = 86_400_000;
/** How far from the median a date may be: longer than any marketing data set runs. */
export const OUTLIER_YEARS = 20;
const SPAN_MS = Math.round(OUTLIER_YEARS * 365.2425) * DAY_MS;
/** Web analytics and CRMs have no data from before the Unix epoch. */
const EARLIEST = 0;

export interface DateBounds {
  from: number;
  to: number;
  median: number;
}

/** The accepted span around the median of `times`; null when there are none. */
export function dateBounds(times: Float64Array): DateBounds | null {
  if (times.length === 0) return null;
  const median = select(times, times.length >> 1);
  return { from: Math.max(EARLIEST, median - SPAN_MS), to: median + SPAN_MS, median };
}

/** The k-th smallest value (Hoare's selection; reorders `xs`). */
function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i++] = xs[j];
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}

export interface LocatedTabs {
  campaigns: LocatedTab;
  assets: LocatedTab;
  contacts: LocatedTab;
  deals: LocatedTab;
  interactions: LocatedTab;
}

/**
 * Skips the rows whose required date is an outlier and ignores optional dates that are, in place,
 * renumbering the records that remain; each one becomes a finding.
 */
export function dropOutlyingDates(wb: Workbook, tabs: LocatedTabs, findings: Finding[], check: DataCheck): void {
  const times = new Float64Array(wb.interactions.length + wb.contacts.length + wb.deals.length);
  let n = 0;
  for (const i of wb.interactions) times[n++] = i.ts;
  for (const c of wb.contacts) times[n++] = c.createdAt;
  for (const d of wb.deals) times[n++] = d.createdAt;
  const bounds = dateBounds(times);
  if (!bounds) return;
  const outside = (t: number) => t < bounds.from || t > bounds.to;
  const expected = `a date from ${dayText(Math.floor(bounds.from / DAY_MS))} to ${dayText(Math.floor(bounds.to / DAY_MS))} ` +
    `(within ${OUTLIER_YEARS} years of the data's median date, ${dayText(Math.floor(bounds.median / DAY_MS))}, and not before 1970)`;
  const report = (tab: LocatedTab, row: number, key: string, what: string) => {
    const column = tab.columns[key];
    findings.push({
      severity: 'error', tab: tab.name, row, column: tab.headers[key],
      value: cellText(column >= 0 ? tab.table[row - 1]?.[column] : ''), message: `expected ${expected}; ${what}`,
    });
  };
  const skipped = 'the row is skipped';
  const ignored = 'the cell is ignored';

  for (const c of wb.campaigns) {
    if (c.startDate !== null && outside(c.startDate)) { report(tabs.campaigns, c.row, 'start', ignored); c.startDate = null; }
    if (c.endDate !== null && outside(c.endDate)) { report(tabs.campaigns, c.row, 'end', ignored); c.endDate = null; }
  }
  for (const a of wb.assets) {
    for (const link of a.associations) {
      if (link.at !== -Infinity && outside(link.at)) { report(tabs.assets, link.row, 'at', ignored); link.at = -Infinity; }
    }
  }
  const keptContacts = wb.contacts.filter((c) => {
    if (!outside(c.createdAt)) return true;
    report(tabs.contacts, c.row, 'created', skipped);
    return false;
  });
  if (keptContacts.length < wb.contacts.length) {
    const newIndex = new Int32Array(wb.contacts.length).fill(-1);
    keptContacts.forEach((c, k) => (newIndex[c.index] = k));
    keptContacts.forEach((c, k) => (c.index = k));
    for (const d of wb.deals) d.contacts = d.contacts.map((k) => newIndex[k]).filter((k) => k >= 0);
    wb.contacts = keptContacts;
  }
  const keptDeals = wb.deals.filter((d) => {
    if (d.closedAt !== null && outside(d.closedAt)) { report(tabs.deals, d.row, 'closed', ignored); d.closedAt = null; }
    if (!outside(d.createdAt)) return true;
    report(tabs.deals, d.row, 'created', skipped);
    return false;
  });
  if (keptDeals.length < wb.deals.length) {
    keptDeals.forEach((d, k) => (d.index = k));
    wb.deals = keptDeals;
  }
  const keptInteractions = wb.interactions.filter((i) => {
    if (!outside(i.ts)) return true;
    report(tabs.interactions, i.row, 'ts', skipped);
    return false;
  });
  if (keptInteractions.length < wb.interactions.length) {
    keptInteractions.forEach((i, k) => (i.index = k));
    wb.interactions = keptInteractions;
  }
  check.rowsUsed[tabs.contacts.name] = wb.contacts.length;
  check.rowsUsed[tabs.deals.name] = wb.deals.length;
  check.rowsUsed[tabs.interactions.name] = wb.interactions.length;
}
