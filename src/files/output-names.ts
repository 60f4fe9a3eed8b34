/**
 * @fileoverview The file name of each output table, `<tab>--<table>.csv`: lower-case ASCII, short,
 * and distinct whatever the dashboards are called (`売上` and `費用`, `Q1 Sales` and `q1-sales`, a
 * 300-character name), also on file systems that ignore case.
 */
import { createHash } from 'node:crypto';
import { isReportKey } from '../engine/reports/report-names';
import type { ReportTab } from '../engine/report-tab/report-tab';

/** Longest part of a name taken from a tab or a table; a whole name stays under 100 characters. */
const MAX_PART = 40;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_PART).replace(/-+$/, '');

const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

/**
 * The stem of a tab's files. A report's key is its name (`overview`); any other tab (a dashboard
 * named by a user) also gets a hash of its full name, so names that read alike stay apart.
 */
export function tabStem(tab: Pick<ReportTab, 'key' | 'name'>): string {
  if (isReportKey(tab.key)) return tab.key;
  const base = slug(tab.key) || 'tab';
  return `${base}-${shortHash(tab.name)}`;
}

/** Output file names, unique ignoring case; `taken` holds the names given so far (lower-cased). */
export class OutputNames {
  private readonly taken = new Set<string>();

  /** `<tab>--<table>.csv` for one table of a tab. */
  csv(tab: Pick<ReportTab, 'key' | 'name'>, tableId: string): string {
    return this.unique(`${tabStem(tab)}--${slug(tableId) || 'table'}`, '.csv');
  }

  private unique(stem: string, ext: string): string {
    let name = stem + ext;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${stem}-${n}${ext}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
