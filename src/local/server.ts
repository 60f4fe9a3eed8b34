/**
 * @fileoverview The real sidebar (dist/Sidebar.html) served on 127.0.0.1 with a local
 * `google.script.run`: the page's calls arrive as POST /api/<function>, their arguments checked
 * against each endpoint's shape, and run the same server actions as Apps Script, on a workbook
 * file. An action answers as soon as it has computed; its outputs (CSV, .xlsx, report.html) are
 * written in a worker, and the page polls /outputs/status and links to /outputs/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { OutputsInfo, RefreshRequest, SidebarApi } from '../shared/sidebar-api';
import type { ServerContext } from '../server/ports';
import { getSidebarState, manageSavedReports, refreshReports, saveReport, saveSettings, saveTrackingUrl } from '../server/app';
import { jsonUnsafePath } from '../shared/json-safe';
import { CONTENT_SECURITY_POLICY as REPORT_CSP } from '../render/html-report';
import { escapeHtml } from '../render/html-text';
import { createLocalContext, type LocalContext } from './local-context';
import { fileWorkbookSource, fixedWorkbookSource, type WorkbookSource } from './workbook-source';
import { checkArguments, ShapeError } from './request-shapes';
import { injectBridge, OUTPUTS_STATUS } from './bridge';

export const DEFAULT_PORT = 8765;

/**
 * The project's folder: the nearest above this module holding a package.json. The module runs
 * from src/local/ or from the bins' bundle (node_modules/.cache/campaign-sheets/<build>/).
 */
function projectFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
export const SIDEBAR_HTML = join(projectFolder(), 'dist', 'Sidebar.html');
const HOST = '127.0.0.1';
export const MAX_BODY_BYTES = 1_000_000;
/** A body past this is not read to its end: the connection closes after the 413. */
const MAX_DRAIN_BYTES = 64_000_000;

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
/** Endpoints answering the sidebar's state, which locally also says where the outputs go. */
const STATE_ENDPOINTS = new Set<keyof SidebarApi>(['getSidebarState', 'saveSettings']);

export const OUTPUTS_PATH = '/outputs/';

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
  /** Settles when the workbook read at start has been analysed (or found unreadable). */
  warmed(): Promise<void>;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function workbookSource(path: string | undefined, timeZone: string | undefined): Promise<WorkbookSource> {
  if (path) return fileWorkbookSource(path, timeZone);
  // Imported only when needed: the generator is big and a given workbook does not use it.
  const { generateDemoWorkbook } = await import('../demo/generate');
  return fixedWorkbookSource(generateDemoWorkbook(), 'the demo workbook');
}

async function loadSidebarHtml(path: string): Promise<string> {
  const html = await readFile(path, 'utf8').catch(() => {
    throw new Error(`${path} is missing: build it first with "node build.mjs" ("npm run sidebar" does).`);
  });
  // A build running at the same moment may have left half a file.
  if (!/<\/html>\s*$/i.test(html)) throw new Error(`${path} is incomplete: run "node build.mjs" again.`);
  return injectBridge(html, ENDPOINT_NAMES);
}

/**
 * The body, up to MAX_BODY_BYTES. A larger one is an HTTP 413 sent once the client has finished
 * sending (a response before that reads to the client as a reset connection); past
 * MAX_DRAIN_BYTES the connection is closed after the answer.
 */
function readBody(req: IncomingMessage): Promise<string> {
  const tooLarge = () => new HttpError(413, `The request is too large: at most ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes.`);
  const declared = Number(req.headers['content-length']);
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      if (over) {
        chunks.length = 0;
        if (size > MAX_DRAIN_BYTES) {
          req.pause();
          fail(Object.assign(tooLarge(), { closeConnection: true }));
        }
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => (over ? fail(tooLarge()) : done(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', fail);
  });
}

/**
 * The page's policy, as a header: no meta tag in Sidebar.html, because HtmlService adds scripts
 * of its own around the page in Apps Script, which a meta policy could block. No page of this
 * server may be framed: another site could otherwise overlay its buttons (clickjacking).
 */
export const SIDEBAR_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': SIDEBAR_CSP,
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown, extra?: Record<string, string>) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);

const FILE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function startLocalSidebar(o: LocalSidebarOptions): Promise<LocalSidebar> {
  const log = o.quiet ? () => {} : (m: string) => process.stderr.write(m + '\n');
  const page = await loadSidebarHtml(o.sidebarHtmlPath ?? SIDEBAR_HTML);
  log(o.workbookPath ? `Reading ${o.workbookPath}...` : 'Generating the demo workbook...');
  const source = await workbookSource(o.workbookPath, o.timeZone);
  const outDir = resolve(o.outDir);
  const local = createLocalContext({ source, outDir, timeZone: o.timeZone, currency: o.currency, now: o.now, progress: log });
  try {
    // An unusable properties.json stops the sidebar here, before anything could be written over it.
    local.properties.check();
  } catch (e) {
    await local.close();
    throw e;
  }
  // A workbook that cannot be read is shown in the sidebar, which reads it again on "Try again".
  await source.load().catch((e: unknown) => log(`The workbook cannot be read yet: ${(e as Error).message}`));
  let port = 0;
  const outputsInfo = (): OutputsInfo => ({ location: outDir, url: OUTPUTS_PATH });

  /** Only this server's own names: a page on another site that resolves to 127.0.0.1 is refused. */
  const ownHost = (host: string | undefined) => host === `${HOST}:${port}` || host === `localhost:${port}`;

  async function api(req: IncomingMessage, name: string): Promise<unknown> {
    if (req.method !== 'POST') throw new HttpError(405, 'Server functions are called with POST.');
    if (!Object.prototype.hasOwnProperty.call(HANDLERS, name)) {
      throw new HttpError(404, `Unknown server function "${name}": the sidebar can call ${ENDPOINT_NAMES.join(', ')}.`);
    }
    const endpoint = name as keyof SidebarApi;
    // JSON only: a cross-site form cannot send it without a preflight this server never grants.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send the arguments as application/json.');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${HOST}:${port}` && origin !== `http://localhost:${port}`) throw new HttpError(403, 'Calls from other sites are refused.');
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(req));
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, 'The request body is not JSON.');
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new HttpError(400, 'The request body must be an object with "args".');
    const args = (payload as { args?: unknown }).args ?? [];
    if (!Array.isArray(args)) throw new HttpError(400, '"args" must be a list.');
    const unsafe = jsonUnsafePath(args);
    if (unsafe) throw new HttpError(400, `Argument ${unsafe} cannot cross google.script.run.`);
    try {
      checkArguments(endpoint, args);
    } catch (e) {
      if (e instanceof ShapeError) throw new HttpError(400, e.message);
      throw e;
    }
    const started = performance.now();
    const handler = HANDLERS[endpoint] as (ctx: ServerContext, ...a: unknown[]) => unknown;
    await local.begin();
    let result: unknown;
    let done = false;
    try {
      result = handler(local.ctx, ...args);
      done = true;
    } finally {
      local.end(done && endpoint === 'refreshReports' ? (args[0] as RefreshRequest).query : undefined);
    }
    log(`${name} done in ${Math.round(performance.now() - started)} ms`);
    // The real google.script.run fails on a Date in a result: fail here too, not only in Sheets.
    const bad = jsonUnsafePath(result);
    if (bad) throw new Error(`${name} returned ${bad}, which google.script.run cannot carry back.`);
    return STATE_ENDPOINTS.has(endpoint) ? { ...(result as object), outputs: outputsInfo() } : result;
  }

  function outputFile(res: ServerResponse, name: string): void {
    // Only files the writer made, by their plain names: nothing else in or around the folder.
    if (!local.outputs.status().files.includes(name)) throw new HttpError(404, `No output named ${name} (yet).`);
    const ext = name.slice(name.lastIndexOf('.'));
    void readFile(join(outDir, name)).then(
      (body) => {
        const html = ext === '.html';
        send(res, 200, FILE_TYPES[ext] ?? 'application/octet-stream', body, {
          // The report runs its own inline script under its own policy; nothing may frame it.
          ...(html ? { 'Content-Security-Policy': `${REPORT_CSP}; frame-ancestors 'none'` } : { 'Content-Disposition': `attachment; filename="${name}"` }),
        });
      },
      () => sendJson(res, 404, { ok: false, error: `${name} is not in ${outDir} any more.` }),
    );
  }

  function outputsPage(): string {
    const s = local.outputs.status();
    const items = s.files.map((f) => `<li><a href="${OUTPUTS_PATH}${encodeURIComponent(f)}">${escapeHtml(f)}</a></li>`).join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Campaign Sheets outputs</title>` +
      `<style>body{font:14px/1.5 system-ui,sans-serif;margin:1.5rem}code{background:#f1f3f4;padding:0 .25rem}</style></head><body>` +
      `<h1>Outputs</h1><p>Folder: <code>${escapeHtml(outDir)}</code></p>` +
      (items ? `<ul>${items}</ul>` : '<p>Nothing written yet: refresh a report in the sidebar.</p>') +
      `<p>${escapeHtml(s.message)}</p></body></html>`;
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (!ownHost(req.headers.host)) throw new HttpError(403, 'Open the sidebar at its 127.0.0.1 address.');
        let path: string;
        try {
          path = decodeURIComponent(new URL(req.url ?? '/', `http://${HOST}`).pathname);
        } catch {
          throw new HttpError(400, 'The address is not a valid URL.');
        }
        const get = () => {
          if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET.');
        };
        if (path.startsWith('/api/')) {
          const result = await api(req, path.slice(5));
          sendJson(res, 200, { ok: true, result });
        } else if (path === '/' || path === '/index.html' || path === '/Sidebar.html') {
          get();
          send(res, 200, 'text/html; charset=utf-8', page);
        } else if (path === OUTPUTS_STATUS) {
          get();
          sendJson(res, 200, local.outputs.status());
        } else if (path === OUTPUTS_PATH) {
          get();
          send(res, 200, 'text/html; charset=utf-8', outputsPage());
        } else if (path.startsWith(OUTPUTS_PATH)) {
          get();
          outputFile(res, path.slice(OUTPUTS_PATH.length));
        } else {
          throw new HttpError(404, `Nothing at ${path}.`);
        }
      } catch (e) {
        const status = e instanceof HttpError ? e.status : 500;
        const message = (e as Error)?.message || String(e);
        if (status === 500) log(`Server action failed: ${message}`);
        const close = (e as { closeConnection?: boolean }).closeConnection;
        if (!res.headersSent) sendJson(res, status, { ok: false, error: message }, close ? { Connection: 'close' } : {});
        else res.end();
        if (close) res.once('finish', () => req.destroy());
      }
    })();
  });

  await new Promise<void>((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      fail(e.code === 'EADDRINUSE' ? new Error(`Port ${o.port} is in use: pass --port N, or --port 0 for a free one.`) : e);
    });
    server.listen(o.port ?? DEFAULT_PORT, HOST, () => done());
  }).catch(async (e) => {
    await local.close();
    throw e;
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}/`;
  // While the user opens the page: the first action then finds the analysis made.
  const warming = new Promise<void>((done) => setImmediate(() => void local.warm().finally(done)));
  return {
    url,
    port,
    local,
    warmed: () => warming,
    close: async () => {
      await warming;
      await new Promise<void>((done, fail) => {
        server.close((e) => (e ? fail(e) : done()));
        server.closeAllConnections();
      });
      await local.close();
    },
  };
}
