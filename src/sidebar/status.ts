/**
 * @fileoverview Where the sidebar tells the user what happened: the page-level error box (the
 * workbook could not be read), the data-check summary, and each action's busy/failed state.
 */
import type { DataCheckSummary, FormulaFreshness } from '../shared/sidebar-api';
import { byId, fillList } from './dom';

/**
 * The page-level error, with an optional retry (e.g. after fixing the workbook). `dismissable`:
 * the sidebar has something to show behind it; without, Dismiss would leave an empty sidebar,
 * so only "Try again" is offered.
 */
export function showPageError(message: string, retry?: () => void, dismissable = true): void {
  byId('error-text').textContent = message;
  const retryButton = byId<HTMLButtonElement>('error-retry');
  retryButton.hidden = !retry;
  retryButton.onclick = retry
    ? () => {
        clearPageError();
        retry();
      }
    : null;
  byId('error-dismiss').hidden = !dismissable;
  byId('error').hidden = false;
}

export function clearPageError(): void {
  byId('error').hidden = true;
  byId('error-text').textContent = '';
}

export function initPageError(): void {
  byId('error-dismiss').addEventListener('click', clearPageError);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function dataCheckCounts(c: DataCheckSummary): string {
  return `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`;
}

/** The workbook's data check, shown only when it found something. */
export function showDataCheck(c: DataCheckSummary): void {
  const box = byId('data-check');
  const found = c.errors + c.warnings > 0;
  box.hidden = !found;
  if (!found) return;
  const when = c.checkedAt ? ` (checked ${c.checkedAt.slice(0, 16).replace('T', ' ')} UTC)` : '';
  byId('data-check-counts').textContent =
    `${dataCheckCounts(c)}${when}. ${c.errors ? 'Rows with errors are left out of the reports. ' : ''}The CS Data check tab lists them all.`;
  fillList(byId('data-check-messages'), c.messages, 'No details.');
}

/** How current formulas' answers are; hidden where there are no formulas (the local sidebar). */
export function showFormulaFreshness(f: FormulaFreshness | null): void {
  byId('formulas').hidden = !f;
  byId('formulas-freshness').textContent = f?.summary ?? '';
}

export interface ActionUi {
  button: HTMLButtonElement;
  status: HTMLElement;
  error: HTMLElement;
}

/** Every button that starts a server action: while one action runs, all of them are disabled. */
const ACTION_BUTTONS = ['refresh-campaign', 'refresh-all', 'tu-save', 'sr-save', 'sr-replace', 'st-save'];

let busy = false;
const whenDone: (() => void)[] = [];

/** True while a server action runs: another click anywhere must not start a second one. */
export const isBusy = (): boolean => busy;

/** Runs `f` after each action (the local sidebar then watches its outputs being written). */
export function afterEachAction(f: () => void): void {
  whenDone.push(f);
}

function setBusy(on: boolean): void {
  busy = on;
  for (const id of ACTION_BUTTONS) {
    const b = document.getElementById(id);
    if (!b) continue;
    // aria-disabled, not disabled: the focused button keeps the keyboard user's place.
    if (on) b.setAttribute('aria-disabled', 'true');
    else b.removeAttribute('aria-disabled');
  }
  document.getElementById('app')?.setAttribute('data-action', on ? 'running' : 'idle');
}

/**
 * Runs one server action behind a button: every action button is disabled while it runs (a
 * second click anywhere does nothing and leaves this one's progress in view), and a failure
 * shows next to the button.
 */
export async function runAction<T>(ui: ActionUi, busyText: string, f: () => Promise<T>): Promise<T | undefined> {
  if (busy) return undefined;
  setBusy(true);
  ui.error.hidden = true;
  ui.error.textContent = '';
  ui.status.textContent = busyText;
  try {
    return await f();
  } catch (e) {
    ui.status.textContent = '';
    ui.error.textContent = (e as Error).message || String(e);
    ui.error.hidden = false;
    return undefined;
  } finally {
    setBusy(false);
    for (const g of whenDone) g();
  }
}
