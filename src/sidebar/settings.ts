/**
 * @fileoverview The document's attribution settings: which interaction types earn credit, the
 * time-decay half-life and the lookback window; in the warehouse flavour, the BigQuery dataset.
 * Saving returns the whole state, redrawn by main.
 */
import type { DocumentSettings, SidebarState } from '../shared/sidebar-api';
import type { Rpc } from './rpc';
import { byId, fieldError } from './dom';
import { isBusy, runAction } from './status';
import { settingsErrors } from './validate';

const input = (id: string) => byId<HTMLInputElement>(id);

let current: DocumentSettings | null = null;

function typeBoxes(group = 'st-types'): HTMLInputElement[] {
  return Array.from(byId(group).querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
}

/** One checkbox per interaction type in a group, checked for the types in the set. */
function fillTypes(group: string, types: string[], checked: readonly string[]): void {
  const eligible = new Set(checked);
  byId(group).replaceChildren(...types.map((type, i) => {
    const row = document.createElement('div');
    row.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `${group}-${i}`;
    box.value = type;
    box.checked = eligible.has(type);
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = type;
    row.append(box, label);
    return row;
  }));
}

/** Deal create and revenue: "the same types" or their own set (HubSpot sets them per report). */
const OWN_SETS = [
  { key: 'dealCreateEligibleTypes', same: 'st-deal-same', group: 'st-deal-types', error: 'st-deal-error' },
  { key: 'revenueEligibleTypes', same: 'st-revenue-same', group: 'st-revenue-types', error: 'st-revenue-error' },
] as const;

export function applySettingsState(s: SidebarState): void {
  current = s.settings;
  fillTypes('st-types', s.interactionTypes, s.settings.eligibleTypes);
  for (const o of OWN_SETS) {
    const own = s.settings[o.key] ?? null;
    fillTypes(o.group, s.interactionTypes, own ?? s.settings.eligibleTypes);
    input(o.same).checked = own === null;
    byId(o.group).hidden = own === null;
  }
  input('st-half-life').value = String(s.settings.halfLifeDays);
  input('st-lookback').value = s.settings.lookbackDays == null ? '' : String(s.settings.lookbackDays);
  // Only the warehouse flavour (built with BigQuery access) offers the dataset; the server checks it.
  const box = byId('st-warehouse');
  box.hidden = !s.warehouseAvailable;
  if (s.warehouseAvailable && !box.childElementCount) fillWarehouseFields(box);
  if (s.warehouseAvailable) {
    input('st-bq-project').value = s.settings.warehouse?.project ?? '';
    input('st-bq-dataset').value = s.settings.warehouse?.dataset ?? '';
  }
}

/** The BigQuery project and dataset fields, made only where the host can use them. */
function fillWarehouseFields(box: HTMLElement): void {
  const legend = document.createElement('legend');
  legend.textContent = 'BigQuery (blank: read the source tabs)';
  const field = (id: string, text: string) => {
    const div = document.createElement('div');
    div.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    const el = document.createElement('input');
    el.type = 'text';
    el.id = id;
    el.autocomplete = 'off';
    el.spellcheck = false;
    div.append(label, el);
    return div;
  };
  box.append(legend, field('st-bq-project', 'Project ID'), field('st-bq-dataset', 'Dataset'));
}

/** The settings as typed, or null (with the problems shown) when they cannot be saved. */
function read(): DocumentSettings | null {
  const raw = { halfLife: input('st-half-life').value, lookback: input('st-lookback').value, types: typeBoxes().filter((b) => b.checked).map((b) => b.value) };
  const errors = settingsErrors(raw);
  const firstBox = typeBoxes()[0] ?? byId('st-types');
  fieldError(firstBox, byId('st-types-error'), errors.types ?? null);
  fieldError(input('st-half-life'), byId('st-half-life-error'), errors.halfLife ?? null);
  fieldError(input('st-lookback'), byId('st-lookback-error'), errors.lookback ?? null);
  const bad = errors.types ? firstBox : errors.halfLife ? input('st-half-life') : errors.lookback ? input('st-lookback') : null;
  if (bad) {
    bad.focus();
    return null;
  }
  const own: Partial<DocumentSettings> = {};
  for (const o of OWN_SETS) {
    const types = input(o.same).checked ? null : typeBoxes(o.group).filter((b) => b.checked).map((b) => b.value);
    const problem = types !== null && !types.length ? 'Choose at least one interaction type, or use the same types as contact create.' : null;
    fieldError(byId(o.group), byId(o.error), problem);
    if (problem) {
      typeBoxes(o.group)[0]?.focus();
      return null;
    }
    own[o.key] = types;
  }
  return {
    eligibleTypes: raw.types,
    ...own,
    halfLifeDays: Number(raw.halfLife),
    lookbackDays: raw.lookback.trim() === '' ? null : Number(raw.lookback),
    lastQuery: current?.lastQuery ?? null,
    ...(byId('st-warehouse').hidden ? {} : { warehouse: { project: input('st-bq-project').value, dataset: input('st-bq-dataset').value } }),
  };
}

export function initSettings(rpc: Rpc, onState: (s: SidebarState) => void): void {
  for (const o of OWN_SETS) input(o.same).addEventListener('change', () => (byId(o.group).hidden = input(o.same).checked));
  const button = byId<HTMLButtonElement>('st-save');
  byId<HTMLFormElement>('settings-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (isBusy()) return;
    const settings = read();
    if (!settings) return;
    const status = byId('st-status');
    const state = await runAction({ button, status, error: byId('st-error') }, 'Saving the settings…', () => rpc.saveSettings(settings));
    if (!state) return;
    onState(state);
    status.textContent = 'Settings saved. Refresh the reports to apply them.';
  });
}
