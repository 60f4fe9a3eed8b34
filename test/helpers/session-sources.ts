/**
 * @fileoverview Session-level sources (attribution-semantics §2) computed the plainest way, from
 * the spec's words, over an engine model: a session's source is its first page view's category;
 * a page view takes its session's; another interaction of the session's visitor or contact from
 * the session's first page view to 30 minutes after its last takes the source of the latest such
 * session (the visitor's, unless the contact's started later); anything else keeps its own. Applied
 * to sources already judged per session it changes nothing, so tests may apply it either way.
 */
import type { Model } from '../../src/engine/model/model';
import { SESSION_GAP_MS } from '../../src/engine/model/model';

export function applySessionSources(model: Model): void {
  const { sessionOf, sourceOf, ts, visitorOf, contactOf } = model;
  const n = sessionOf.length;
  const first = new Map<number, number>();
  const end = new Map<number, number>();
  for (let p = 0; p < n; p++) {
    const s = sessionOf[p];
    if (s < 0) continue;
    if (!first.has(s)) first.set(s, p);
    end.set(s, ts[p]);
  }
  const own = Uint8Array.from(sourceOf);
  const sessions = [...first.entries()].map(([s, f]) => ({ s, f, start: ts[f], end: end.get(s)!, visitor: visitorOf[f], contact: contactOf[f], source: own[f] }));
  const latest = (match: (x: (typeof sessions)[number]) => boolean, t: number) => {
    let best: (typeof sessions)[number] | null = null;
    for (const x of sessions) if (match(x) && x.start <= t && (!best || x.start > best.start || (x.start === best.start && x.f > best.f))) best = x;
    return best && t <= best.end + SESSION_GAP_MS ? best : null;
  };
  for (let p = 0; p < n; p++) {
    const s = sessionOf[p];
    if (s >= 0) { sourceOf[p] = own[first.get(s)!]; continue; }
    const v = latest((x) => x.visitor === visitorOf[p], ts[p]);
    const c = contactOf[p] >= 0 ? latest((x) => x.contact === contactOf[p], ts[p]) : null;
    const chosen = c && (!v || c.start > v.start) ? c : v;
    sourceOf[p] = chosen ? chosen.source : own[p];
  }
}
