/**
 * @fileoverview The sidebar's entry: wires every section, then loads the state by a server call
 * once the page is up (Apps Script serves the page before any data is ready).
 */
import './styles.css';
import type { SidebarState } from '../shared/sidebar-api';
import { createRpc } from './rpc';
import { byId } from './dom';
import { applyQueryState, initQueryForm } from './query-form';
import { initRefresh } from './refresh';
import { applyTrackingState, initTracking } from './tracking';
import { applySaveState, initSaveReport } from './save-report';
import { applySettingsState, initSettings } from './settings';
import { afterEachAction, clearPageError, initPageError, showDataCheck, showFormulaFreshness, showPageError } from './status';
import { applyOutputs, watchOutputs } from './outputs';

const SECTIONS = ['query-form', 'tracking-form', 'save-form', 'settings'];

let state: SidebarState | null = null;

/** Draws a state; `restoreQuery` only on load, so a later state never undoes the user's picks. */
function applyState(s: SidebarState, restoreQuery: boolean): void {
  state = s;
  applyQueryState(s, restoreQuery ? s.settings.lastQuery : null);
  applyTrackingState(s);
  applySaveState(s);
  applySettingsState(s);
  showDataCheck(s.dataCheck);
  showFormulaFreshness(s.formulas);
  applyOutputs(s.outputs);
  for (const id of SECTIONS) byId(id).hidden = false;
}

function start(): void {
  const rpc = createRpc();
  initPageError();
  initQueryForm();
  initRefresh(rpc, () => state);
  initTracking(rpc);
  initSaveReport(rpc);
  initSettings(rpc, (s) => applyState(s, false));
  afterEachAction(watchOutputs);

  const loading = byId('loading');
  const load = async () => {
    loading.hidden = false;
    loading.textContent = 'Reading the workbook…';
    byId('app').setAttribute('aria-busy', 'true');
    try {
      const s = await rpc.getSidebarState();
      clearPageError();
      applyState(s, state === null);
      loading.hidden = true;
    } catch (e) {
      loading.hidden = true;
      // Without a state there is nothing behind the message: Dismiss would leave an empty sidebar.
      showPageError(`The workbook could not be read: ${(e as Error).message}`, () => void load(), state !== null);
    } finally {
      byId('app').setAttribute('aria-busy', 'false');
    }
  };
  void load();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
