/**
 * @fileoverview The WorkbookPort on SpreadsheetApp: one `getValues` per source tab, taking the
 * store's stamp (the sources' shape and the last edit seen) just before reading them; every write
 * goes through the tab writer as one change, tabs cut to their content's size; a full refresh's
 * formula store switches in with its report tabs, then the version cell moves on.
 */
import type { WorkbookPort } from '../server/ports';
import type { RawWorkbook, RawTable } from '../engine/workbook/raw';
import { SOURCE_TABS } from '../engine/workbook/raw';
import { normalizeName } from '../engine/workbook/cells';
import type { ReportTab } from '../engine/report-tab/report-tab';
import { layoutTab } from '../engine/report-tab/layout';
import { timeZone, type TimeZone } from '../engine/time/zone';
import { asLiteralText, sheetBlock } from './sheet-cells';
import { currencyOfLocale } from '../engine/report-tab/number-formats';
import { chartPlaces, syncCharts } from './sheet-charts';
import { findOwnTab, writeTabsAtomically, type TabContent } from './tab-writer';
import { TabRegistry } from './tab-registry';
import {
  STORE_AT, STORE_STAMP, ShapeBuilder, VERSION_TAB, bumpVersion, checkVersionCell, editMark, formulaFreshness, readStamp, storeContent,
  storeSheetReader, warehouseFingerprint, type SourceShape,
} from './formula-store-sheet';
import { warehouseOf } from './warehouse-of';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Properties = GoogleAppsScript.Properties.Properties;

/** A report tab as tab-writer content: values, formats and weights, a grid with room for its charts. */
function reportContent(tab: ReportTab, zone: TimeZone, currency: string, properties: Properties, ownerOnly: boolean | undefined): TabContent {
  const layout = layoutTab(tab);
  const block = sheetBlock(layout, zone, currency);
  const room = chartPlaces(layout, tab.charts.length);
  return {
    name: tab.name,
    ...block,
    rows: Math.max(room.rows, layout.frozenRows + 1),
    columns: room.columns,
    frozenRows: layout.frozenRows,
    hidden: false,
    ownerOnly,
    finish(sheet) {
      sheet.autoResizeColumns(1, layout.width);
      syncCharts(sheet, properties, tab, layout);
    },
  };
}

export function spreadsheetWorkbook(ss: Spreadsheet, properties: Properties, now: () => number = () => Date.now()): WorkbookPort {
  const zoneName = () => ss.getSpreadsheetTimeZone() || 'UTC';
  /** The sources as the last full read found them, taken before reading: the store's stamp. */
  let lastRead: SourceShape | null = null;
  return {
    readSources(only) {
      const wanted = new Set((only ?? SOURCE_TABS).map(normalizeName));
      // The edit mark first: an edit made while the tabs are read makes the store stale, not current.
      const shape = only ? null : new ShapeBuilder(editMark(properties));
      const out: RawWorkbook = {};
      for (const sheet of ss.getSheets()) {
        const name = sheet.getName();
        if (!wanted.has(normalizeName(name))) continue;
        shape?.add(name, sheet.getLastRow(), sheet.getLastColumn());
        out[name] = sheet.getDataRange().getValues() as RawTable;
      }
      if (shape) lastRead = shape.shape();
      return out;
    },
    readTab(name) {
      const sheet = findOwnTab(ss, new TabRegistry(properties), name);
      return sheet ? (sheet.getDataRange().getValues() as RawTable) : null;
    },
    writeTabs(tabs, extras = {}) {
      const zone = timeZone(zoneName());
      const currency = currencyOfLocale(ss.getSpreadsheetLocale());
      const contents = tabs.map((t) => reportContent(t, zone, currency, properties, extras.protection?.[t.name]));
      const store = extras.formulaStore;
      if (!store) return writeTabsAtomically(ss, properties, contents);
      const stamp = extras.warehouse ? { fingerprint: warehouseFingerprint(extras.warehouse) } : lastRead;
      if (!stamp) throw new Error('A formula store needs the sources read first (readSources).');
      const stored = storeContent(store);
      contents.push(stored.content);
      return writeTabsAtomically(ss, properties, contents, {
        plan: (existing, registry) => checkVersionCell(ss, existing, registry),
        // While tabs switch, no formula takes the store for current.
        beforeSwitch: () => void properties.deleteProperty(STORE_STAMP),
        afterSwitch(registry) {
          properties.setProperties({ [STORE_STAMP]: JSON.stringify(stored.stamp(stamp.fingerprint)), [STORE_AT]: new Date(now()).toISOString() });
          bumpVersion(ss, registry, findOwnTab(ss, registry, VERSION_TAB));
        },
      });
    },
    insertTemplates(templates) {
      const existing = new Set(ss.getSheets().map((s) => normalizeName(s.getName())));
      const added: string[] = [];
      for (const [name, rows] of Object.entries(templates)) {
        if (existing.has(normalizeName(name))) continue;
        const width = Math.max(...rows.map((r) => r.length));
        const sheet = ss.insertSheet(name);
        sheet.getRange(1, 1, rows.length, width).setValues(rows.map((r) => [...r, ...new Array(width - r.length).fill('')].map((c) => (typeof c === 'string' ? asLiteralText(c) : c))));
        sheet.getRange(1, 1, 1, width).setFontWeight('bold');
        sheet.setFrozenRows(1);
        added.push(name);
      }
      return added;
    },
    deleteTab(name) {
      // Only a tab the add-on made: a user's tab of the same name, or one they renamed, stays.
      const registry = new TabRegistry(properties);
      const sheet = findOwnTab(ss, registry, name);
      if (!sheet) return;
      registry.remove(sheet.getSheetId());
      ss.deleteSheet(sheet);
      registry.save();
    },
    timeZone: zoneName,
    currency: () => currencyOfLocale(ss.getSpreadsheetLocale()),
    formulaFreshness: () => formulaFreshness(ss, properties, now(), warehouseOf(properties)),
    storedCampaigns() {
      const stamp = readStamp(properties);
      return stamp ? storeSheetReader(ss, stamp)?.meta.campaigns.map((c) => ({ id: c.id, name: c.name })) ?? null : null;
    },
  };
}
