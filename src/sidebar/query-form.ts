/**
 * @fileoverview The report choices (campaign, contact attribution, date range, report type,
 * model, frequency): filled from the server's state, restored from the last run, read as a query.
 */
import type { SidebarQuery, SidebarState } from '../shared/sidebar-api';
import { byId, fieldError, fillSelect, selectIfPresent } from './dom';
import { presetLabel } from './labels';
import { rangeError } from './validate';

const el = {
  campaign: () => byId<HTMLSelectElement>('campaign'),
  contactAttribution: () => byId<HTMLSelectElement>('contact-attribution'),
  preset: () => byId<HTMLSelectElement>('preset'),
  from: () => byId<HTMLInputElement>('from'),
  to: () => byId<HTMLInputElement>('to'),
  reportType: () => byId<HTMLSelectElement>('report-type'),
  model: () => byId<HTMLSelectElement>('model'),
  frequency: () => byId<HTMLSelectElement>('frequency'),
};

let models: Record<string, string[]> = {};

/**
 * Models depend on the report type (W-shaped needs a deal, Full path a won deal). When the new
 * type does not serve the chosen model, the note under the picker says which model replaced it.
 */
function fillModels(): void {
  const type = el.reportType().value;
  const list = models[type] ?? [];
  const current = el.model().value;
  // A model the new type does not serve falls back to HubSpot's default, not to the list's first.
  const keep = list.includes(current) ? current : list.includes('Linear') ? 'Linear' : list[0] ?? '';
  fillSelect(el.model(), list.map((m) => [m, m] as const), keep);
  const forced = current !== '' && current !== keep;
  const note = byId('model-note');
  note.textContent = forced ? `${current} does not serve ${type} reports: switched to ${keep}.` : '';
  note.hidden = !forced;
}

function syncCustomRange(): void {
  const custom = el.preset().value === 'custom';
  byId('custom-range').hidden = !custom;
  if (!custom) fieldError(el.from(), byId('range-error'), null);
}

export function initQueryForm(): void {
  el.reportType().addEventListener('change', fillModels);
  el.model().addEventListener('change', () => (byId('model-note').hidden = true));
  el.preset().addEventListener('change', syncCustomRange);
  for (const input of [el.from(), el.to()]) input.addEventListener('change', () => validateQuery());
}

/** Fills the pickers from the state; `restore` puts back the choices of the last run. */
export function applyQueryState(state: SidebarState, restore: SidebarQuery | null): void {
  models = state.models;
  fillSelect(el.campaign(), state.campaigns.map((c) => [c.id, c.name] as const));
  fillSelect(el.preset(), state.presets.map((p) => [p, presetLabel(p)] as const), el.preset().value || 'all');
  fillSelect(el.reportType(), state.reportTypes.map((t) => [t, t.charAt(0).toUpperCase() + t.slice(1)] as const), el.reportType().value || 'revenue');
  if (restore) {
    selectIfPresent(el.campaign(), restore.campaign);
    selectIfPresent(el.contactAttribution(), restore.contactAttribution);
    selectIfPresent(el.preset(), restore.preset);
    el.from().value = restore.from ?? '';
    el.to().value = restore.to ?? '';
    selectIfPresent(el.reportType(), restore.reportType);
    selectIfPresent(el.frequency(), restore.frequency);
  }
  fillModels();
  if (restore) selectIfPresent(el.model(), restore.model);
  syncCustomRange();
}

/** The current choices as the server's query; from/to only for a custom range. */
export function readQuery(): SidebarQuery {
  const preset = el.preset().value || 'all';
  const q: SidebarQuery = {
    campaign: el.campaign().value,
    contactAttribution: el.contactAttribution().value as SidebarQuery['contactAttribution'],
    preset,
    reportType: el.reportType().value as SidebarQuery['reportType'],
    model: el.model().value,
    frequency: el.frequency().value as SidebarQuery['frequency'],
  };
  if (preset === 'custom') {
    q.from = el.from().value;
    q.to = el.to().value;
  }
  return q;
}

/** Checks the custom range; shows the problem beside the date fields and focuses the first one. */
export function validateQuery(): boolean {
  const problem = rangeError(readQuery());
  fieldError(el.from(), byId('range-error'), problem);
  if (problem) el.to().setAttribute('aria-invalid', 'true');
  else el.to().removeAttribute('aria-invalid');
  return !problem;
}

export function campaignName(state: SidebarState | null, id: string): string {
  return state?.campaigns.find((c) => c.id === id)?.name ?? id;
}
