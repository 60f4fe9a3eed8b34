/**
 * @fileoverview The warehouse setting in the server: checked with messages naming the field, kept
 * when a sidebar without the field saves, and refused (saving, or refreshing with a stored
 * setting) where the host has no BigQuery port, that is in the default build.
 */
import { describe, expect, it } from 'vitest';
import { checkWarehouseSetting, warehouseName } from '../../src/server/warehouse-setting';
import { getSidebarState, refreshAll, saveSettings } from '../../src/server/app';
import { loadSettings, storeSettings } from '../../src/server/settings-store';
import { memoryContext } from '../helpers/memory-context';
import { NOW, tinyWorkbook } from '../helpers/workbooks';

describe('the warehouse setting', () => {
  it('is trimmed, blank means none, and bad values are named', () => {
    expect(checkWarehouseSetting({ project: ' acme-marketing ', dataset: ' ga4_export ' })).toEqual({ project: 'acme-marketing', dataset: 'ga4_export' });
    expect(checkWarehouseSetting({ project: '', dataset: ' ' })).toBeNull();
    expect(checkWarehouseSetting(null)).toBeNull();
    expect(warehouseName({ project: 'acme-marketing', dataset: 'ga4_export' })).toBe('acme-marketing.ga4_export');
    expect(() => checkWarehouseSetting({ project: 'acme', dataset: 'x' })).toThrow('BigQuery project "acme" is not a Google Cloud project ID: 6 to 30');
    expect(() => checkWarehouseSetting({ project: 'acme-marketing-', dataset: 'x' })).toThrow(/project "acme-marketing-"/);
    expect(() => checkWarehouseSetting({ project: '', dataset: 'x' })).toThrow(/project ""/);
    expect(() => checkWarehouseSetting({ project: 'acme-marketing', dataset: 'ga4.export' })).toThrow('BigQuery dataset "ga4.export" is not a dataset name');
    expect(() => checkWarehouseSetting({ project: 'acme-marketing', dataset: '' })).toThrow(/dataset ""/);
  });

  it('is refused by a host without BigQuery, and a stored one stops a refresh there with what to do', () => {
    const { ctx, tabs } = memoryContext(tinyWorkbook(), NOW);
    const state = getSidebarState(ctx);
    expect(state.warehouseAvailable).toBe(false);
    expect(() => saveSettings(ctx, { ...state.settings, warehouse: { project: 'acme-marketing', dataset: 'campaigns' } })).toThrow(/built without BigQuery access/);
    // Saving without the field (a sidebar that does not show it) keeps what is stored.
    storeSettings(ctx.properties, { ...loadSettings(ctx.properties), warehouse: { project: 'acme-marketing', dataset: 'campaigns' } });
    const { warehouse: absent, ...withoutField } = state.settings;
    expect(absent).toBeNull();
    saveSettings(ctx, { ...withoutField, halfLifeDays: 3 });
    expect(loadSettings(ctx.properties)).toMatchObject({ halfLifeDays: 3, warehouse: { project: 'acme-marketing', dataset: 'campaigns' } });
    expect(() => refreshAll(ctx)).toThrow(/Clear the BigQuery dataset in Settings to refresh from the source tabs/);
    expect(tabs.size).toBe(0);
  });
});
