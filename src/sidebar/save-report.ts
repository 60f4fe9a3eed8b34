/**
 * @fileoverview "Save as report": keeps one report with the current choices under a name, and
 * optionally puts it on an existing or a new dashboard tab.
 */
import type { Dashboard, SaveReportRequest, SavedReport, SavedReportAction, SidebarState } from '../shared/sidebar-api';
import type { Rpc } from './rpc';
import { byId, fieldError, fillSelect, textEl } from './dom';
import { presetLabel } from './labels';
import { campaignName, readQuery, validateQuery } from './query-form';
import { isBusy, runAction } from './status';

const input = (id: string) => byId<HTMLInputElement>(id);
const select = (id: string) => byId<HTMLSelectElement>(id);

let state: SidebarState | null = null;

const VISIBILITY: Record<Dashboard['visibility'], string> = { everyone: 'everyone with access can edit', owner: 'only the owner can edit' };

function syncMode(): void {
  const mode = select('sr-dashboard-mode').value;
  byId('sr-existing-row').hidden = mode !== 'existing';
  byId('sr-new-row').hidden = mode !== 'new';
}

function reportName(key: string): string {
  return state?.reports.find((r) => r.key === key)?.name ?? key;
}

let rpcRef: Rpc | null = null;

/** A small button; its action runs through the shared busy/error handling. */
function actionButton(label: string, aria: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'link';
  b.textContent = label;
  b.setAttribute('aria-label', aria);
  b.addEventListener('click', onClick);
  return b;
}

/** Runs one saved-report action and redraws the lists from what the server stored. */
async function manage(button: HTMLButtonElement, action: SavedReportAction, busy: string): Promise<void> {
  if (!rpcRef) return;
  const rpc = rpcRef;
  const status = byId('sr-status');
  const result = await runAction({ button, status, error: byId('sr-error') }, busy, () => rpc.manageSavedReports(action));
  if (!result) return;
  if (state) state = { ...state, savedReports: result.savedReports, dashboards: result.dashboards };
  renderLists(result.savedReports, result.dashboards);
  status.textContent = result.message ?? 'Done.';
}

/** Replaces an item's actions with a name field and Save / Cancel. */
function renameInline(li: HTMLElement, current: string, label: string, onSave: (to: string, button: HTMLButtonElement) => void): void {
  const row = document.createElement('div');
  row.className = 'inline-edit';
  const field = document.createElement('input');
  field.type = 'text';
  field.value = current;
  field.maxLength = 60;
  field.setAttribute('aria-label', label);
  const save = actionButton('Save', `${label}: save`, () => onSave(field.value.trim(), save));
  const cancel = actionButton('Cancel', `${label}: cancel`, () => renderLists(state?.savedReports ?? [], state?.dashboards ?? []));
  row.append(field, save, cancel);
  li.querySelector('.item-actions')?.replaceWith(row);
  field.focus();
}

/** Asks in place before an action that cannot be undone. */
function confirmInline(li: HTMLElement, question: string, onYes: (button: HTMLButtonElement) => void): void {
  const row = document.createElement('div');
  row.className = 'inline-edit';
  const yes = actionButton('Yes', `${question} Yes`, () => onYes(yes));
  row.append(textEl('span', question, 'small'), yes, actionButton('No', `${question} No`, () => renderLists(state?.savedReports ?? [], state?.dashboards ?? [])));
  li.querySelector('.item-actions')?.replaceWith(row);
  yes.focus();
}

function savedItem(r: SavedReport, dashboards: Dashboard[]): HTMLLIElement {
  const li = document.createElement('li');
  const q = r.query;
  const detail = [reportName(r.report), campaignName(state, q.campaign), q.preset === 'custom' ? `${q.from || 'start'} to ${q.to || 'now'}` : presetLabel(q.preset),
    q.reportType, q.model].join(' · ');
  li.append(textEl('span', r.name, 'name'), textEl('span', detail + (r.dashboard ? ` · on ${r.dashboard}` : ''), 'small'));
  if (r.problem) li.append(textEl('span', `Cannot run: ${r.problem}`, 'field-error'));
  const actions = document.createElement('div');
  actions.className = 'item-actions';
  const open = actionButton('Open', `Open ${r.name}`, () => void manage(open, { kind: 'open', name: r.name }, `Opening “${r.name}”…`));
  if (r.problem) open.setAttribute('aria-disabled', 'true');
  const place = document.createElement('select');
  place.setAttribute('aria-label', `Dashboard of ${r.name}`);
  place.replaceChildren(new Option('No dashboard', ''), ...dashboards.map((d) => new Option(`On ${d.name}`, d.name)));
  place.value = r.dashboard ?? '';
  place.addEventListener('change', () => void manage(open, { kind: 'move', name: r.name, dashboard: place.value || null }, 'Moving the report…'));
  actions.append(
    open,
    actionButton('Rename', `Rename ${r.name}`, () => renameInline(li, r.name, `New name for ${r.name}`, (to, b) => void manage(b, { kind: 'rename', name: r.name, to }, 'Renaming…'))),
    actionButton('Delete', `Delete ${r.name}`, () => confirmInline(li, `Delete “${r.name}”?`, (b) => void manage(b, { kind: 'delete', name: r.name }, 'Deleting…'))),
    place,
  );
  li.append(actions);
  return li;
}

function dashboardItem(d: Dashboard): HTMLLIElement {
  const li = document.createElement('li');
  li.append(textEl('span', d.name, 'name'),
    textEl('span', `${d.reports.length} report${d.reports.length === 1 ? '' : 's'}${d.reports.length ? `: ${d.reports.join(', ')}` : ''} · ${VISIBILITY[d.visibility] ?? d.visibility}`, 'small'));
  const actions = document.createElement('div');
  actions.className = 'item-actions';
  actions.append(
    actionButton('Rename', `Rename the dashboard ${d.name}`, () => renameInline(li, d.name, `New name for the dashboard ${d.name}`, (to, b) => void manage(b, { kind: 'rename-dashboard', name: d.name, to }, 'Renaming the dashboard…'))),
    actionButton('Delete', `Delete the dashboard ${d.name}`, () => confirmInline(li, `Delete the dashboard “${d.name}” and its tab?`, (b) => void manage(b, { kind: 'delete-dashboard', name: d.name }, 'Deleting the dashboard…'))),
  );
  li.append(actions);
  return li;
}

function renderLists(saved: SavedReport[], dashboards: Dashboard[]): void {
  byId('sr-reports').replaceChildren(...(saved.length ? saved.map((r) => savedItem(r, dashboards)) : [textEl('li', 'No saved reports yet.', 'empty')]));
  byId('sr-dashboards').replaceChildren(...(dashboards.length ? dashboards.map(dashboardItem) : [textEl('li', 'No dashboards yet.', 'empty')]));
  fillSelect(select('sr-dashboard-existing'), dashboards.map((d) => [d.name, d.name] as const));
}

export function applySaveState(s: SidebarState): void {
  state = s;
  fillSelect(select('sr-report'), s.reports.map((r) => [r.key, r.name] as const));
  renderLists(s.savedReports, s.dashboards);
  syncMode();
}

function request(): SaveReportRequest | null {
  const name = input('sr-name').value.trim();
  const mode = select('sr-dashboard-mode').value;
  const bad: HTMLElement[] = [];
  const check = (control: HTMLElement, messageId: string, problem: string | null) => {
    fieldError(control, byId(messageId), problem);
    if (problem) bad.push(control);
  };
  check(input('sr-name'), 'sr-name-error', name ? null : 'Give the report a name.');
  check(select('sr-dashboard-existing'), 'sr-existing-error',
    mode === 'existing' && !select('sr-dashboard-existing').value ? 'There is no dashboard yet: choose "Add to a new dashboard".' : null);
  const dashboardName = input('sr-dashboard-name').value.trim();
  check(input('sr-dashboard-name'), 'sr-dashboard-name-error', mode === 'new' && !dashboardName ? 'Give the new dashboard a name.' : null);
  if (bad.length) {
    bad[0].focus();
    return null;
  }
  if (!validateQuery()) {
    byId('sr-error').textContent = 'The report choices above have a problem: fix the date range first.';
    byId('sr-error').hidden = false;
    return null;
  }
  const dashboard: SaveReportRequest['dashboard'] =
    mode === 'existing' ? { mode, name: select('sr-dashboard-existing').value }
      : mode === 'new' ? { mode, name: dashboardName, visibility: select('sr-dashboard-visibility').value === 'owner' ? 'owner' : 'everyone' }
        : { mode: 'none' };
  return { name, report: select('sr-report').value, query: readQuery(), dashboard };
}

export function initSaveReport(rpc: Rpc): void {
  rpcRef = rpc;
  select('sr-dashboard-mode').addEventListener('change', syncMode);
  const button = byId<HTMLButtonElement>('sr-save');
  const confirmBox = byId('sr-confirm');
  let pending: SaveReportRequest | null = null;
  const submit = async (req: SaveReportRequest, trigger: HTMLButtonElement) => {
    const status = byId('sr-status');
    const result = await runAction({ button: trigger, status, error: byId('sr-error') }, 'Saving the report…', () => rpc.saveReport(req));
    if (!result) return;
    if (result.exists) {
      // Never replace silently: ask, and keep the request until the user answers.
      pending = req;
      byId('sr-confirm-text').textContent = result.message ?? `A saved report named “${req.name}” exists already.`;
      confirmBox.hidden = false;
      status.textContent = '';
      byId('sr-replace').focus();
      return;
    }
    pending = null;
    confirmBox.hidden = true;
    if (state) state = { ...state, savedReports: result.savedReports, dashboards: result.dashboards };
    renderLists(result.savedReports, result.dashboards);
    status.textContent = `${result.message ?? `Saved “${req.name}”.`}${result.tab ? ` Wrote the tab ${result.tab}.` : ''}`;
    input('sr-name').value = '';
    if (req.dashboard.mode === 'new') {
      // The dashboard exists now: the next report most likely goes on it too.
      select('sr-dashboard-mode').value = 'existing';
      select('sr-dashboard-existing').value = req.dashboard.name;
      input('sr-dashboard-name').value = '';
      syncMode();
    }
  };
  byId('sr-replace').addEventListener('click', () => {
    if (pending) void submit({ ...pending, replace: true }, byId<HTMLButtonElement>('sr-replace'));
  });
  byId('sr-keep').addEventListener('click', () => {
    pending = null;
    confirmBox.hidden = true;
    byId('sr-status').textContent = 'Not saved: choose another name.';
    input('sr-name').focus();
  });
  byId<HTMLFormElement>('save-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (isBusy()) return;
    byId('sr-error').hidden = true;
    confirmBox.hidden = true;
    const req = request();
    if (!req) return;
    await submit(req, button);
  });
}
