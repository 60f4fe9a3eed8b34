/**
 * @fileoverview The tracking URL builder: a page URL plus utm_* values for one campaign and one
 * source category, checked here and again on the server, saved to the CS Tracking URLs tab.
 */
import type { SidebarState, TrackingUrlRequest, TrackingUrlRow } from '../shared/sidebar-api';
import type { Rpc } from './rpc';
import { byId, fieldError, fillSelect, textEl } from './dom';
import { utmValueOf } from './labels';
import { isBusy, runAction } from './status';
import { trackingErrors } from './validate';

const input = (id: string) => byId<HTMLInputElement>(id);
const select = (id: string) => byId<HTMLSelectElement>(id);

let state: SidebarState | null = null;
/** The suggestion last written into source/medium, so a category change only replaces our own text. */
let suggested = { source: '', medium: '' };

function categories(s: SidebarState): string[] {
  const tagged = Object.keys(s.sourceSuggestions);
  // The server's category order, then any suggestion it does not list.
  return [...s.sourceCategories.filter((c) => tagged.includes(c)), ...tagged.filter((c) => !s.sourceCategories.includes(c))];
}

function campaignUtm(): string {
  const c = state?.campaigns.find((x) => x.id === select('tu-campaign').value);
  return c ? utmValueOf(c) : '';
}

function showCampaignUtm(): void {
  const utm = campaignUtm();
  byId('tu-campaign-utm').textContent = utm ? `utm_campaign=${utm}` : '';
}

function prefill(): void {
  const s = state?.sourceSuggestions[select('tu-category').value];
  if (!s) return;
  for (const key of ['source', 'medium'] as const) {
    const field = input(`tu-${key}`);
    if (field.value.trim() === '' || field.value === suggested[key]) field.value = s[key];
  }
  suggested = { ...s };
}

function renderRows(rows: TrackingUrlRow[]): void {
  const list = byId('tu-list');
  if (!rows.length) {
    list.replaceChildren(textEl('li', 'No tracking URLs yet.', 'empty'));
    return;
  }
  // Newest first: the one just saved is the one the user looks for.
  list.replaceChildren(...rows.slice().reverse().map((r) => {
    const li = document.createElement('li');
    li.append(textEl('span', r.url, 'url'), textEl('span', [r.category, r.campaign, r.created].filter(Boolean).join(' · '), 'small'));
    return li;
  }));
}

function request(): TrackingUrlRequest {
  return {
    url: input('tu-url').value.trim(),
    campaign: campaignUtm(),
    category: select('tu-category').value,
    source: input('tu-source').value.trim(),
    medium: input('tu-medium').value.trim(),
    term: input('tu-term').value.trim(),
    content: input('tu-content').value.trim(),
  };
}

/** Shows each field's problem; focuses the first bad field. */
function validate(req: TrackingUrlRequest): boolean {
  const errors = trackingErrors(req);
  const fields: [keyof typeof errors, HTMLElement, string][] = [
    ['url', input('tu-url'), 'tu-url-error'],
    ['source', input('tu-source'), 'tu-source-error'],
    ['medium', input('tu-medium'), 'tu-medium-error'],
  ];
  let first: HTMLElement | null = null;
  for (const [key, control, messageId] of fields) {
    fieldError(control, byId(messageId), errors[key] ?? null);
    if (errors[key] && !first) first = control;
  }
  if (errors.campaign) {
    byId('tu-error').textContent = errors.campaign;
    byId('tu-error').hidden = false;
    first ??= select('tu-campaign');
  }
  first?.focus();
  return !first;
}

export function applyTrackingState(s: SidebarState): void {
  state = s;
  fillSelect(select('tu-campaign'), s.campaigns.map((c) => [c.id, c.name] as const));
  fillSelect(select('tu-category'), categories(s).map((c) => [c, c] as const));
  showCampaignUtm();
  prefill();
  renderRows(s.trackingUrls);
}

async function copyBuilt(): Promise<void> {
  const built = input('tu-built');
  const status = byId('tu-status');
  try {
    await navigator.clipboard.writeText(built.value);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    // The sidebar's frame may not be granted the clipboard API; the old way still works there.
    built.focus();
    built.select();
    status.textContent = document.execCommand('copy') ? 'Copied to the clipboard.' : 'Select the URL and press Ctrl+C to copy it.';
  }
}

export function initTracking(rpc: Rpc): void {
  select('tu-campaign').addEventListener('change', showCampaignUtm);
  select('tu-category').addEventListener('change', prefill);
  byId('tu-copy').addEventListener('click', () => void copyBuilt());
  const button = byId<HTMLButtonElement>('tu-save');
  byId<HTMLFormElement>('tracking-form').addEventListener('submit', async (e) => {
    // Never let the form navigate: with <base target="_top"> it would replace the whole editor.
    e.preventDefault();
    if (isBusy()) return;
    byId('tu-error').hidden = true;
    const req = request();
    if (!validate(req)) return;
    const status = byId('tu-status');
    const result = await runAction({ button, status, error: byId('tu-error') }, 'Building and saving the URL…', () => rpc.saveTrackingUrl(req));
    if (!result) return;
    input('tu-built').value = result.url;
    byId('tu-built-category').textContent = result.category;
    byId('tu-result').hidden = false;
    status.textContent = `Saved. HubSpot's rules count this link as ${result.category}.`;
    renderRows(result.rows);
  });
}
