/**
 * @fileoverview Promises over `google.script.run`, typed from the `SidebarApi` contract so a
 * change on the server side breaks the sidebar's build rather than a user's click.
 */
import type { SidebarApi } from '../shared/sidebar-api';
import { assertJsonSafe } from '../shared/json-safe';

/** The client API: each endpoint with the server function's arguments, resolving to its result. */
export type Rpc = {
  [K in keyof SidebarApi]: (...args: Parameters<SidebarApi[K]>) => Promise<ReturnType<SidebarApi[K]>>;
};

/** The endpoint names at run time; typed so that adding one to the contract requires it here. */
export const ENDPOINTS: { readonly [K in keyof SidebarApi]: true } = {
  getSidebarState: true,
  refreshReports: true,
  saveTrackingUrl: true,
  saveReport: true,
  manageSavedReports: true,
  saveSettings: true,
};

/** The part of Apps Script's client runner this wrapper uses. */
export interface ScriptRunner {
  withSuccessHandler(f: (result: unknown) => void): ScriptRunner;
  withFailureHandler(f: (error: unknown) => void): ScriptRunner;
  [name: string]: unknown;
}

/** `google.script.run`, found when called: it is defined by the host page, not by our bundle. */
export function scriptRun(): ScriptRunner {
  const g = (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google;
  if (!g?.script?.run) throw new Error('google.script.run is missing: open this sidebar from the Campaign Sheets menu in Google Sheets.');
  return g.script.run;
}

/** The failure handler receives an Error-like object; keep its message, whatever its shape. */
export function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
    return new Error((e as { message: string }).message);
  }
  return new Error(String(e ?? 'The server call failed.'));
}

export function createRpc(run: () => ScriptRunner = scriptRun): Rpc {
  const call = (name: keyof SidebarApi, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      assertJsonSafe(args, `The arguments of ${name}`);
      // A fresh runner per call: handlers set on a shared runner would leak into other calls.
      const runner = run().withSuccessHandler(resolve).withFailureHandler((e) => reject(toError(e)));
      const fn = runner[name];
      if (typeof fn !== 'function') throw new Error(`The server has no function ${name}.`);
      (fn as (...a: unknown[]) => void).apply(runner, args);
    });
  const rpc = {} as Record<keyof SidebarApi, (...args: unknown[]) => Promise<unknown>>;
  for (const name of Object.keys(ENDPOINTS) as (keyof SidebarApi)[]) rpc[name] = (...args) => call(name, args);
  return rpc as unknown as Rpc;
}
