/**
 * @fileoverview "Save as report": keeps one report with the current choices under a name, and
 * optionally puts it on an existing or a new dashboard tab.
 */
import type { Dashboard, SaveReportRequest, SavedReport, SidebarState } from '../shared/sidebar-api';
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

function renderLists(saved: SavedReport[], dashboards: Dashboard[]): void {
  byId('sr-reports').replaceChildren(...(saved.length
    ? saved.map((r) => {
        const li = document.createElement('li');
        const q = r.query;
        const detail = [reportName(r.report), campaignName(state, q.campaign), q.preset === 'custom' ? `${q.from || 'start'} to ${q.to || 'now'}` : presetLabel(q.preset),
          q.reportType, q.model].join(' · ');
        li.append(textEl('span', r.name, 'name'), textEl('span', detail + (r.dashboard ? ` · on ${r.dashboard}` : ''), 'small'));
        return li;
      })
    : [textEl('li', 'No saved reports yet.', 'empty')]));
  byId('sr-dashboards').replaceChildren(...(dashboards.length
    ? dashboards.map((d) => {
        const li = document.createElement('li');
        li.append(textEl('span', d.name, 'name'),
          textEl('span', `${d.reports.length} report${d.reports.length === 1 ? '' : 's'}${d.reports.length ? `: ${d.reports.join(', ')}` : ''} · ${VISIBILITY[d.visibility] ?? d.visibility}`, 'small'));
        return li;
      })
    : [textEl('li', 'No dashboards yet.', 'empty')]));
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
  select('sr-dashboard-mode').addEventListener('change', syncMode);
  const button = byId<HTMLButtonElement>('sr-save');
  byId<HTMLFormElement>('save-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (isBusy()) return;
    byId('sr-error').hidden = true;
    const req = request();
    if (!req) return;
    const status = byId('sr-status');
    const result = await runAction({ button, status, error: byId('sr-error') }, 'Saving the report…', () => rpc.saveReport(req));
    if (!result) return;
    renderLists(result.savedReports, result.dashboards);
    status.textContent = `Saved “${req.name}”.${result.tab ? ` Wrote the tab ${result.tab}.` : ''}`;
    input('sr-name').value = '';
    if (req.dashboard.mode === 'new') {
      // The dashboard exists now: the next report most likely goes on it too.
      select('sr-dashboard-mode').value = 'existing';
      select('sr-dashboard-existing').value = req.dashboard.name;
      input('sr-dashboard-name').value = '';
      syncMode();
    }
  });
}
