/**
 * @fileoverview A read workbook as rows of the five warehouse tables (schema.ts): the records the
 * engine's reader produced, so a warehouse loaded from a workbook holds exactly what the workbook
 * path uses (rows the data check skipped are absent, duplicates resolved, UTM values filled from
 * URLs, enumerations canonical). Instants are epoch milliseconds; null is NULL.
 */
import type { Workbook } from '../workbook/types';
import { TABLE_SPECS, type WarehouseTable } from './schema';

export type TableValue = string | number | null;

/** Each table's rows, values in TABLE_SPECS column order. */
export function workbookTableRows(wb: Workbook): Record<WarehouseTable, TableValue[][]> {
  const at = (t: number | null) => (t === null || !Number.isFinite(t) ? null : t);
  const blank = (s: string) => (s === '' ? null : s);
  const campaignIds = wb.campaigns.map((c) => c.id);
  const contactIds = wb.contacts.map((c) => c.id);
  const rows: Record<WarehouseTable, TableValue[][]> = {
    campaigns: wb.campaigns.map((c) => [
      c.row, c.id, c.name, blank(c.utm.join(';')), at(c.startDate), at(c.endDate), c.goals.sessions, c.goals.newContacts,
      c.goals.influencedContacts, c.goals.revenue, c.budget, c.spend,
    ]),
    assets: wb.assets.flatMap((a) => {
      const describe = (campaign: string | null, associated: number | null, row: number): TableValue[] =>
        [row, a.id, campaign, a.type, blank(a.name), blank(a.url), associated];
      // One row per association, as the Assets tab has them.
      // The asset's first row comes first, so its index (first appearance) is kept.
      const rows = a.associations.map((as) => describe(campaignIds[as.campaign], at(as.at), as.row));
      return a.associations.some((as) => as.row === a.row) ? rows : [describe(null, null, a.row), ...rows];
    }),
    contacts: wb.contacts.map((c) => [c.row, c.id, c.createdAt, blank(c.visitorIds.join(';'))]),
    deals: wb.deals.map((d) => [
      d.row, d.id, blank(d.name), blank(d.contacts.map((k) => contactIds[k]).join(';')), d.createdAt, d.stage, at(d.closedAt), d.amount,
    ]),
    interactions: wb.interactions.map((i) => [
      i.row, i.id, i.ts, blank(i.contactId), blank(i.visitorId), i.type, blank(i.assetId), blank(i.url), blank(i.sessionId),
      blank(i.referrer), i.source, blank(i.utm.campaign), blank(i.utm.source), blank(i.utm.medium), blank(i.utm.term),
      blank(i.utm.content), blank(i.platform),
    ]),
  };
  for (const t of Object.keys(rows) as WarehouseTable[]) {
    const width = TABLE_SPECS[t].columns.length;
    if (rows[t].some((r) => r.length !== width)) throw new Error(`Row width of ${t} differs from its schema`);
  }
  return rows;
}
