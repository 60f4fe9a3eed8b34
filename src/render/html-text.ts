/**
 * @fileoverview Text into HTML: escaping for markup and attributes, JSON that is safe inside a
 * <script> element, and id tokens made from report keys.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe both between tags and inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` are written as `\u003c`,
 * `\u003e` and `\u0026`, so no text from the data can close the element, open a comment or read
 * as markup anywhere in the page's source, and the JSON still parses to the same value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An id token of [a-z0-9-] only, so `_` can join tokens into ids that never collide. */
export function idToken(text: string, fallback: string): string {
  const t = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(t) ? t : `${fallback}${t ? `-${t}` : ''}`;
}

/** Id tokens for a list of texts, made unique with -2, -3... */
export function uniqueTokens(texts: string[], fallback: string): string[] {
  const seen = new Set<string>();
  return texts.map((text) => {
    const base = idToken(text, fallback);
    let t = base;
    for (let n = 2; seen.has(t); n++) t = `${base}-${n}`;
    seen.add(t);
    return t;
  });
}
