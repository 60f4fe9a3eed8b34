/**
 * @fileoverview The two refresh buttons: run the reports with the current choices and show the
 * run's headline numbers, the tabs written and the data check.
 */
import type { RefreshResult, SidebarState, SummaryList } from '../shared/sidebar-api';
import type { Rpc } from './rpc';
import { byId, fillList, textEl } from './dom';
import { campaignName, readQuery, validateQuery } from './query-form';
import { dataCheckCounts, isBusy, runAction, showDataCheck } from './status';

export function initRefresh(rpc: Rpc, getState: () => SidebarState | null): void {
  const status = byId('refresh-status');
  const error = byId('refresh-error');
  const bar = byId('refresh-bar');
  const run = (button: HTMLButtonElement, scope: 'campaign' | 'all') => async () => {
    if (isBusy()) return;
    if (!validateQuery()) {
      byId('from').focus();
      return;
    }
    const query = readQuery();
    const what = scope === 'all' ? 'all reports' : `reports for ${campaignName(getState(), query.campaign)}`;
    // Apps Script cannot stream progress from the server: the bar shows it runs, a timer how long
    // (hidden from screen readers, which would otherwise read every second).
    const started = Date.now();
    const elapsed = textEl('span', '', 'elapsed');
    elapsed.setAttribute('aria-hidden', 'true');
    const tick = setInterval(() => (elapsed.textContent = ` ${Math.round((Date.now() - started) / 1000)} s`), 1000);
    bar.hidden = false;
    try {
      const pending = runAction({ button, status, error }, `Refreshing ${what}…`, () => rpc.refreshReports({ scope, query }));
      status.append(elapsed);
      const result = await pending;
      if (result) {
        status.textContent = `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.tabs.length} tab${result.tabs.length === 1 ? '' : 's'} written.`;
        showResult(result);
      }
    } finally {
      clearInterval(tick);
      bar.hidden = true;
    }
  };
  const campaignButton = byId<HTMLButtonElement>('refresh-campaign');
  const allButton = byId<HTMLButtonElement>('refresh-all');
  campaignButton.addEventListener('click', run(campaignButton, 'campaign'));
  allButton.addEventListener('click', run(allButton, 'all'));
}

function showResult(r: RefreshResult): void {
  const dl = byId('refresh-summary');
  dl.replaceChildren();
  for (const [label, value] of r.summary) {
    const row = document.createElement('div');
    const list = (r.lists ?? []).find((l) => l.label === label);
    row.append(textEl('dt', label), textEl('dd', value));
    if (list) row.append(listCell(value, list));
    dl.append(row);
  }
  fillList(byId('refresh-tabs'), r.tabs, 'No tabs written.');
  byId('refresh-check').textContent = `Data check: ${dataCheckCounts(r.dataCheck)}.`;
  fillList(byId('refresh-warnings'), r.dataCheck.messages, '');
  byId('refresh-warnings').hidden = r.dataCheck.messages.length === 0;
  fillList(byId('refresh-notes'), r.notes ?? [], '');
  byId('refresh-notes').hidden = !r.notes?.length;
  byId('refresh-result').hidden = false;
  showDataCheck(r.dataCheck);
}

/** Under a contact count, its list: a toggle naming how many, the contacts under it. */
function listCell(value: string, list: SummaryList): HTMLElement {
  const dd = document.createElement('dd');
  dd.className = 'contact-list';
  const details = document.createElement('details');
  const summary = textEl('summary', list.total === 1 ? 'Who is it?' : `Who are the ${value}?`);
  details.append(summary);
  if (list.rows.length) {
    const table = document.createElement('table');
    const head = document.createElement('tr');
    // Contact, when and how: the columns that fit a sidebar; the tab has them all.
    const columns = [0, 1, 3];
    for (const c of columns) head.append(textEl('th', list.header[c] ?? ''));
    table.append(head);
    for (const r of list.rows) {
      const tr = document.createElement('tr');
      for (const c of columns) tr.append(textEl('td', r[c] ?? ''));
      table.append(tr);
    }
    details.append(table);
  }
  const more = list.total > list.rows.length ? `${list.total - list.rows.length} more, and ` : '';
  details.append(textEl('p', list.total === 0 ? 'No contacts.' : `${more}every column, in the ${list.tab} tab.`, 'small'));
  dd.append(details);
  return dd;
}
