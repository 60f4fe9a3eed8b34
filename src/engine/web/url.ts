/**
 * @fileoverview URL pieces without the `URL` global (Apps Script's server has none): the query's
 * parameters, the page key used to match assets, and a referrer's host.
 */

/** The same tagged URLs recur thousands of times in a workbook: parse each once. */
const parsedQueries = new Map<string, Map<string, string>>();

/** Query parameters with lower-cased names; the first value of a repeated name wins. Read only. */
export function queryParams(url: string): ReadonlyMap<string, string> {
  let params = parsedQueries.get(url);
  if (!params) {
    params = parseQuery(url);
    if (parsedQueries.size > 200_000) parsedQueries.clear();
    parsedQueries.set(url, params);
  }
  return params;
}

function parseQuery(url: string): Map<string, string> {
  const params = new Map<string, string>();
  const q = url.indexOf('?');
  if (q < 0) return params;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    if (!params.has(name)) params.set(name, eq < 0 ? '' : decode(pair.slice(eq + 1)));
  }
  return params;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * The page a URL names, for matching page views to assets: without query string, fragment and a
 * trailing `/`; scheme and host lower-cased (they are case-insensitive), path kept as is.
 */
export function pageKey(url: string): string {
  let s = url.trim();
  const cut = s.search(/[?#]/);
  if (cut >= 0) s = s.slice(0, cut);
  while (s.endsWith('/')) s = s.slice(0, -1);
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(s);
  return m ? m[1].toLowerCase() + m[2] : s;
}

/** The host of a URL or bare domain, lower-cased, without `www.` and port. */
export function hostOf(urlOrDomain: string): string {
  let s = urlOrDomain.trim().toLowerCase();
  if (!s) return '';
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.split(/[/?#]/)[0];
  s = s.replace(/:\d+$/, '');
  return s.replace(/^www\./, '');
}
