/**
 * @fileoverview What a run shows when the user leaves a choice open, and what a page needs to
 * switch models: daily up to 90 days and monthly beyond; every model's version of the
 * model-dependent tabs from one analysis; an analysis kept for a frozen workbook only.
 */
import { describe, expect, it } from 'vitest';
import { analyse, freezeWorkbook } from '../../src/engine/analysis';
import { modelsFor } from '../../src/engine/attribution/catalog';
import { resolveQuery } from '../../src/engine/reports/query';
import { buildReports } from '../../src/engine/reports/all-reports';
import { MODEL_DEPENDENT_REPORTS, modelVariants } from '../../src/engine/reports/model-variants';
import { NOW, analysed, tinyWorkbook } from '../helpers/workbooks';

describe('the frequency when none is chosen', () => {
  const a = analysed(tinyWorkbook());

  it('is monthly for a range over 90 days and daily up to 90', () => {
    expect(resolveQuery(a, { preset: 'last 365 days' }).frequency).toBe('monthly');
    expect(resolveQuery(a, { preset: 'last 90 days' }).frequency).toBe('daily');
    expect(resolveQuery(a, { preset: 'last 30 days', frequency: 'auto' }).frequency).toBe('daily');
    expect(resolveQuery(a, { from: '2026-01-01', to: '2026-04-01' }).frequency).toBe('monthly');
    expect(resolveQuery(a, { from: '2026-01-01', to: '2026-03-31' }).frequency).toBe('daily');
  });

  it('measures "All data" from the data\'s first day to today', () => {
    // The tiny workbook starts in 2026; "now" is months later.
    expect(resolveQuery(a, {}).frequency).toBe('monthly');
    const soon = analyse(tinyWorkbook(), {}, Date.UTC(2026, 2, 15));
    expect(resolveQuery(soon, { preset: 'all' }).frequency).toBe('daily');
  });

  it('is what the user chose, when they chose', () => {
    expect(resolveQuery(a, { preset: 'last 365 days', frequency: 'daily' }).frequency).toBe('daily');
    expect(resolveQuery(a, { preset: 'last 7 days', frequency: 'monthly' }).frequency).toBe('monthly');
    expect(() => resolveQuery(a, { frequency: 'hourly' })).toThrow('Unknown frequency "hourly": use auto, daily or monthly.');
  });
});

describe('every model\'s version of the model-dependent tabs', () => {
  const a = analysed(tinyWorkbook());

  it('has each model of the report type, with tabs equal to a run with that model', () => {
    for (const reportType of ['revenue', 'contact create'] as const) {
      const q = resolveQuery(a, { reportType, model: 'Linear' });
      const run = buildReports(a, q, ['overview', 'attribution', 'revenue-attribution']);
      const mv = modelVariants(a, q, run)!;
      expect(mv.selected).toBe('Linear');
      expect(mv.variants.map((v) => v.model)).toEqual(modelsFor(reportType));
      for (const v of mv.variants) {
        expect(v.tabs.map((t) => t.key)).toEqual([...MODEL_DEPENDENT_REPORTS]);
        if (v.model === 'Linear') {
          // The run's own tabs, not copies.
          expect(v.tabs).toEqual([run[1], run[2]]);
          expect(v.tabs[0]).toBe(run[1]);
          continue;
        }
        expect(v.tabs).toEqual(buildReports(a, { ...q, model: v.model as typeof q.model }, MODEL_DEPENDENT_REPORTS));
      }
    }
  });

  it('is nothing when the run wrote no model-dependent tab', () => {
    const q = resolveQuery(a, {});
    expect(modelVariants(a, q, buildReports(a, q, ['overview', 'traffic']))).toBeNull();
    const only = modelVariants(a, q, buildReports(a, q, ['attribution']))!;
    expect(only.variants[0].tabs.map((t) => t.key)).toEqual(['attribution']);
  });
});

describe('an analysis of a frozen workbook', () => {
  it('is kept and reused with each new "now", while an unfrozen workbook is read every time', () => {
    const raw = tinyWorkbook();
    const first = analyse(raw, {}, NOW);
    expect(analyse(raw, {}, NOW).model).not.toBe(first.model);
    const frozen = freezeWorkbook(tinyWorkbook());
    const a = analyse(frozen, {}, NOW);
    const b = analyse(frozen, {}, NOW + 60_000);
    expect(b.model).toBe(a.model);
    expect(b.cache).toBe(a.cache);
    expect(b.now).toBe(NOW + 60_000);
    // Other settings are another analysis.
    expect(analyse(frozen, { halfLifeDays: 3 }, NOW).model).not.toBe(a.model);
    expect(Object.isFrozen(frozen.Campaigns[0])).toBe(true);
  });
});
