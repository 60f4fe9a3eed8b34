/**
 * @fileoverview The document's attribution settings: which interaction types earn credit, the
 * time-decay half-life and the lookback window. Saving returns the whole state, redrawn by main.
 */
import type { DocumentSettings, SidebarState } from '../shared/sidebar-api';
import type { Rpc } from './rpc';
import { byId, fieldError } from './dom';
import { isBusy, runAction } from './status';
import { settingsErrors } from './validate';

const input = (id: string) => byId<HTMLInputElement>(id);

let current: DocumentSettings | null = null;

function typeBoxes(): HTMLInputElement[] {
  return Array.from(byId('st-types').querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
}

export function applySettingsState(s: SidebarState): void {
  current = s.settings;
  const eligible = new Set(s.settings.eligibleTypes);
  byId('st-types').replaceChildren(...s.interactionTypes.map((type, i) => {
    const row = document.createElement('div');
    row.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `st-type-${i}`;
    box.value = type;
    box.checked = eligible.has(type);
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = type;
    row.append(box, label);
    return row;
  }));
  input('st-half-life').value = String(s.settings.halfLifeDays);
  input('st-lookback').value = s.settings.lookbackDays == null ? '' : String(s.settings.lookbackDays);
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
  return {
    eligibleTypes: raw.types,
    halfLifeDays: Number(raw.halfLife),
    lookbackDays: raw.lookback.trim() === '' ? null : Number(raw.lookback),
    lastQuery: current?.lastQuery ?? null,
  };
}

export function initSettings(rpc: Rpc, onState: (s: SidebarState) => void): void {
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
