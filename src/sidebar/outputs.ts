/**
 * @fileoverview Where the local sidebar writes its outputs: the folder as a link to the local
 * server's list of files, and whether the writes of the last action have finished (polled through
 * the local host's `campaignSheetsLocal`, as the server writes them after answering). Google
 * Sheets has no such folder or object: the box stays hidden and nothing is polled.
 */
import type { OutputsInfo } from '../shared/sidebar-api';
import { byId } from './dom';

/** The server's status of its writes (the fields the sidebar reads). */
interface OutputStatus {
  version: number;
  written: number;
  state: 'idle' | 'writing' | 'failed';
  message: string;
  error: string | null;
  writtenAt: number | null;
}

const POLL_MS = 400;

/** What the local host adds to the page (src/local/bridge.ts); absent in Google Sheets. */
interface LocalHost {
  outputStatus(): Promise<OutputStatus>;
}

const localHost = (): LocalHost | null => (globalThis as { campaignSheetsLocal?: LocalHost }).campaignSheetsLocal ?? null;

let info: OutputsInfo | null = null;
let polling = false;

function show(status: OutputStatus | null, problem?: string): void {
  const line = byId('outputs-status');
  if (problem) {
    line.dataset.state = 'unknown';
    line.textContent = problem;
    return;
  }
  if (!status) return;
  const done = status.state !== 'failed' && status.written >= status.version;
  line.dataset.state = status.state === 'failed' ? 'failed' : done ? 'written' : 'writing';
  line.dataset.version = String(status.version);
  line.dataset.written = String(status.written);
  line.textContent = status.state === 'failed'
    ? status.error ?? 'The outputs could not be written.'
    : done
      ? status.writtenAt ? `Up to date (written at ${new Date(status.writtenAt).toLocaleTimeString()}).` : 'Nothing written yet: refresh a report.'
      : `${status.message || 'Writing the outputs…'}`;
}

/** Asks the server until every change is written (or the write failed). */
async function poll(): Promise<void> {
  const host = localHost();
  if (!info || !host || polling) return;
  polling = true;
  try {
    for (;;) {
      let status: OutputStatus;
      try {
        status = await host.outputStatus();
      } catch (e) {
        show(null, `Cannot tell whether the outputs are written: ${(e as Error).message}`);
        return;
      }
      show(status);
      if (status.state === 'failed' || status.written >= status.version) return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    polling = false;
  }
}

/** Shows the folder when the host has one (locally), and its status. */
export function applyOutputs(outputs: OutputsInfo | undefined): void {
  const box = byId('outputs');
  info = outputs ?? null;
  box.hidden = !info;
  if (!info) return;
  const link = byId<HTMLAnchorElement>('outputs-link');
  link.href = info.url;
  link.textContent = info.location;
  void poll();
}

/** After an action: its writes run on the server now; follow them. */
export function watchOutputs(): void {
  void poll();
}
