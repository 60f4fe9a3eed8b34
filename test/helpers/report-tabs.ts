/**
 * @fileoverview One report tab built through the public builders, as every host builds it
 * (`buildReports(analysis, resolveQuery(analysis, input), [key])`), and its blocks by id.
 */
import { expect } from 'vitest';
import type { Analysis } from '../../src/engine/analysis';
import { buildReports, type ReportKey } from '../../src/engine/reports/all-reports';
import { resolveQuery, type QueryInput } from '../../src/engine/reports/query';
import type { ReportBlock, ReportTab } from '../../src/engine/report-tab/report-tab';

export function reportTab(a: Analysis, key: ReportKey, input: QueryInput = {}): ReportTab {
  const [tab] = buildReports(a, resolveQuery(a, input), [key]);
  return tab;
}

/** The block with this id; a missing one fails with the ids the tab has. */
export function blockOf(tab: ReportTab, id: string): ReportBlock {
  const block = tab.blocks.find((b) => b.id === id);
  if (!block) throw new Error(`${tab.name} has no block "${id}"; it has ${tab.blocks.map((b) => b.id).join(', ')}`);
  return block;
}

/** The header block's last two rows: the tests fix "now" at 2026-11-01 00:00 UTC. */
export const UTC_AS_OF: [string, string][] = [['Time zone', 'UTC'], ['Data as of', '2026-11-01 00:00']];

/** Money to the cent: linear shares such as 10,000 / 6 need not round the same way. */
export const money = (value: number) => expect.closeTo(value, 6);
