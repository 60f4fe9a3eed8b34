/**
 * @fileoverview The real sidebar (dist/Sidebar.html) served on 127.0.0.1 with a local
 * `google.script.run`: the page's calls arrive as POST /api/<function> and run the same server
 * actions as Apps Script, on a workbook file, writing CSV, .xlsx and report.html.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { SidebarApi } from '../shared/sidebar-api';
import type { ServerContext } from '../server/ports';
import type { RawWorkbook } from '../engine/workbook/raw';
import { getSidebarState, manageSavedReports, refreshReports, saveReport, saveSettings, saveTrackingUrl } from '../server/app';
import { readWorkbookPath } from '../files/read-workbook-files';
import { jsonUnsafePath } from '../shared/json-safe';
import { createLocalContext, type LocalContext } from './local-context';
import { injectBridge } from './bridge';

export const DEFAULT_PORT = 8765;
export const SIDEBAR_HTML = fileURLToPath(new URL('../../dist/Sidebar.html', import.meta.url));
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1_000_000;

/** Only the sidebar's endpoints: the page must reach nothing else the server can do. */
const HANDLERS: { [K in keyof SidebarApi]: (ctx: ServerContext, ...args: Parameters<SidebarApi[K]>) => ReturnType<SidebarApi[K]> } = {
  getSidebarState,
  refreshReports,
  saveTrackingUrl,
  saveReport,
  manageSavedReports,
  saveSettings,
};
export const ENDPOINT_NAMES = Object.keys(HANDLERS) as (keyof SidebarApi)[];

export interface LocalSidebarOptions {
  /** An .xlsx file or a folder of CSV tabs; absent: the generated demo workbook. */
  workbookPath?: string;
  outDir: string;
  /** 0 picks a free port. */
  port?: number;
  timeZone?: string;
  currency?: string;
  now?: () => number;
  /** Progress and call lines go to stderr unless quiet. */
  quiet?: boolean;
  /** The built sidebar page; default dist/Sidebar.html. */
  sidebarHtmlPath?: string;
}

export interface LocalSidebar {
  url: string;
  port: number;
  local: LocalContext;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function loadWorkbook(path: string | undefined, timeZone: string | undefined): Promise<RawWorkbook> {
  if (path) return readWorkbookPath(resolve(path), { timeZone });
  // Imported only when needed: the generator is big and a given workbook does not use it.
  const { generateDemoWorkbook } = await import('../demo/generate');
  return generateDemoWorkbook();
}

async function loadSidebarHtml(path: string): Promise<string> {
  const html = await readFile(path, 'utf8').catch(() => {
    throw new Error(`${path} is missing: build it first with "node build.mjs" ("npm run sidebar" does).`);
  });
  // A build running at the same moment may have left half a file.
  if (!/<\/html>\s*$/i.test(html)) throw new Error(`${path} is incomplete: run "node build.mjs" again.`);
  return injectBridge(html, ENDPOINT_NAMES);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        fail(new HttpError(413, 'The request is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/**
 * The page's policy, as a header: no meta tag in Sidebar.html, because HtmlService adds scripts
 * of its own around the page in Apps Script, which a meta policy could block.
 */
export const SIDEBAR_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'";

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': SIDEBAR_CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

export async function startLocalSidebar(o: LocalSidebarOptions): Promise<LocalSidebar> {
  const log = o.quiet ? () => {} : (m: string) => process.stderr.write(m + '\n');
  const page = await loadSidebarHtml(o.sidebarHtmlPath ?? SIDEBAR_HTML);
  log(o.workbookPath ? `Reading ${o.workbookPath}...` : 'Generating the demo workbook...');
  const raw = await loadWorkbook(o.workbookPath, o.timeZone);
  const local = createLocalContext({ raw, outDir: resolve(o.outDir), timeZone: o.timeZone, currency: o.currency, now: o.now, progress: log });
  let port = 0;

  /** Only this server's own names: a page on another site that resolves to 127.0.0.1 is refused. */
  const ownHost = (host: string | undefined) => host === `${HOST}:${port}` || host === `localhost:${port}`;

  async function api(req: IncomingMessage, name: string): Promise<unknown> {
    if (req.method !== 'POST') throw new HttpError(405, 'Server functions are called with POST.');
    if (!Object.prototype.hasOwnProperty.call(HANDLERS, name)) {
      throw new HttpError(404, `Unknown server function "${name}": the sidebar can call ${ENDPOINT_NAMES.join(', ')}.`);
    }
    // JSON only: a cross-site form cannot send it without a preflight this server never grants.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send the arguments as application/json.');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${HOST}:${port}` && origin !== `http://localhost:${port}`) throw new HttpError(403, 'Calls from other sites are refused.');
    let payload: { args?: unknown };
    try {
      payload = JSON.parse(await readBody(req)) as { args?: unknown };
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, 'The request body is not JSON.');
    }
    const args = payload?.args ?? [];
    if (!Array.isArray(args)) throw new HttpError(400, '"args" must be an array.');
    const unsafe = jsonUnsafePath(args);
    if (unsafe) throw new HttpError(400, `Argument ${unsafe} cannot cross google.script.run.`);
    const started = performance.now();
    const handler = HANDLERS[name as keyof SidebarApi] as (ctx: ServerContext, ...a: unknown[]) => unknown;
    const result = handler(local.ctx, ...args);
    await local.flush();
    log(`${name} done in ${Math.round(performance.now() - started)} ms`);
    // The real google.script.run fails on a Date in a result: fail here too, not only in Sheets.
    const bad = jsonUnsafePath(result);
    if (bad) throw new Error(`${name} returned ${bad}, which google.script.run cannot carry back.`);
    return result;
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (!ownHost(req.headers.host)) throw new HttpError(403, 'Open the sidebar at its 127.0.0.1 address.');
        const path = new URL(req.url ?? '/', `http://${HOST}`).pathname;
        if (path.startsWith('/api/')) {
          const result = await api(req, decodeURIComponent(path.slice(5)));
          sendJson(res, 200, { ok: true, result });
        } else if (path === '/' || path === '/index.html' || path === '/Sidebar.html') {
          if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET.');
          send(res, 200, 'text/html; charset=utf-8', page);
        } else {
          throw new HttpError(404, `Nothing at ${path}.`);
        }
      } catch (e) {
        const status = e instanceof HttpError ? e.status : 500;
        const message = (e as Error)?.message || String(e);
        if (status === 500) log(`Server action failed: ${message}`);
        if (!res.headersSent) sendJson(res, status, { ok: false, error: message });
        else res.end();
      }
    })();
  });

  await new Promise<void>((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      fail(e.code === 'EADDRINUSE' ? new Error(`Port ${o.port} is in use: pass --port N, or --port 0 for a free one.`) : e);
    });
    server.listen(o.port ?? DEFAULT_PORT, HOST, () => done());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}/`;
  return {
    url,
    port,
    local,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((e) => (e ? fail(e) : done()));
        server.closeAllConnections();
      }),
  };
}
