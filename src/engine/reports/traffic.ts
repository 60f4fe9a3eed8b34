/**
 * @fileoverview The Traffic tab: page views tagged with the campaign's UTM value, by source category,
 * with HubSpot's three breakdowns (paid search by term, organic social by platform, other campaigns
 * by source / medium).
 */
import { reportTabName } from './report-names';
import type { Analysis } from '../analysis';
import type { ReportCell, ReportTab } from '../report-tab/report-tab';
import { SOURCE_CATEGORIES, type Interaction } from '../workbook/types';
import { inRange } from '../time/range';
import { hostOf } from '../web/url';
import { rangeOf, reportParameters, type ReportQuery } from './query';

/** Per contact, the position of its first page view, or -1. */
const firstPageViews = (a: Analysis) =>
  (a.cache.firstPageViews ??= Int32Array.from(a.model.byContact, (list) => {
    for (const p of list) if (a.model.interactions[p].type === 'page view') return p;
    return -1;
  }));

interface Tally { views: number; sessions: Set<number>; contacts: number }

const NOT_SET = '(not set)';

export function trafficTab(a: Analysis, q: ReportQuery): ReportTab {
  const range = rangeOf(a, q);
  const { workbook, interactions, sourceOf, sessionOf, sessionIsNew, sessionFirst } = a.model;
  const campaign = workbook.campaigns[q.campaign];
  const utm = new Set(campaign.utm);
  const tagged = (i: Interaction) => i.type === 'page view' && i.utm.campaign !== '' && utm.has(i.utm.campaign.trim().toLowerCase());

  const bySource = SOURCE_CATEGORIES.map((): Tally => ({ views: 0, sessions: new Set(), contacts: 0 }));
  const breakdowns = {
    term: new Map<string, Tally>(),
    platform: new Map<string, Tally>(),
    sourceMedium: new Map<string, Tally>(),
  };
  const breakdownKey = (i: Interaction, category: string): [Map<string, Tally>, string] | null => {
    if (category === 'Paid search') return [breakdowns.term, i.utm.term || NOT_SET];
    if (category === 'Organic social') return [breakdowns.platform, i.platform || i.utm.source.toLowerCase() || hostOf(i.referrer) || NOT_SET];
    if (category === 'Other campaigns') return [breakdowns.sourceMedium, `${i.utm.source || NOT_SET} / ${i.utm.medium || NOT_SET}`];
    return null;
  };
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = { views: 0, sessions: new Set(), contacts: 0 }));
    return t;
  };

  if (utm.size) {
    for (let p = 0; p < interactions.length; p++) {
      const i = interactions[p];
      if (!inRange(i.ts, range) || !tagged(i)) continue;
      const category = SOURCE_CATEGORIES[sourceOf[p]];
      const s = sessionOf[p];
      const isNew = s >= 0 && sessionIsNew[s] === 1;
      const bucket = bySource[sourceOf[p]];
      bucket.views++;
      if (isNew) bucket.sessions.add(s);
      // The breakdown follows the session's source, so it reads the session's first page view.
      const bk = breakdownKey(s >= 0 ? interactions[sessionFirst[s]] : i, category);
      if (bk) {
        const t = tally(bk[0], bk[1]);
        t.views++;
        if (isNew) t.sessions.add(s);
      }
    }
    const firsts = firstPageViews(a);
    for (const c of workbook.contacts) {
      const p = firsts[c.index];
      if (p < 0 || !inRange(c.createdAt, range) || !tagged(interactions[p])) continue;
      const category = SOURCE_CATEGORIES[sourceOf[p]];
      bySource[sourceOf[p]].contacts++;
      const s = sessionOf[p];
      const bk = breakdownKey(s >= 0 ? interactions[sessionFirst[s]] : interactions[p], category);
      if (bk) tally(bk[0], bk[1]).contacts++;
    }
  }

  const header = ['Views', 'New visitor sessions', 'Contacts (first touch)'];
  const formats = ['text', 'integer', 'integer', 'integer'] as const;
  const tallyRows = (map: Map<string, Tally>): ReportCell[][] =>
    [...map].sort((x, y) => y[1].views - x[1].views || x[0].localeCompare(y[0]))
      .map(([k, t]) => [k, t.views, t.sessions.size, t.contacts]);
  return {
    name: reportTabName('traffic'),
    key: 'traffic',
    title: `Traffic: ${campaign.name}`,
    parameters: reportParameters(a, q, ['campaign', 'range'], range),
    blocks: [
      {
        id: 'by-source',
        title: 'By source',
        note: utm.size
          ? `Page views tagged utm_campaign=${campaign.utm.join(' or ')}, by the source of the session they belong to (its first page view's). Contacts: created in the range, whose first page view carried the tag.`
          : 'This campaign has no UTM campaign value in the Campaigns tab, so no traffic is tagged with it.',
        header: ['Source', ...header],
        formats: [...formats],
        rows: SOURCE_CATEGORIES.map((c, i) => [c, bySource[i].views, bySource[i].sessions.size, bySource[i].contacts]),
      },
      { id: 'paid-search-terms', title: 'Paid search by term', header: ['UTM term', ...header], formats: [...formats], rows: tallyRows(breakdowns.term) },
      { id: 'organic-social-platforms', title: 'Organic social by platform', header: ['Platform', ...header], formats: [...formats], rows: tallyRows(breakdowns.platform) },
      { id: 'other-campaigns', title: 'Other campaigns by source / medium', header: ['Source / medium', ...header], formats: [...formats], rows: tallyRows(breakdowns.sourceMedium) },
    ],
    charts: [{ id: 'traffic-by-source', title: `Traffic by source: ${campaign.name}`, type: 'column', blockId: 'by-source', domainColumn: 0, seriesColumns: [1, 2, 3], xTitle: 'Source', yTitle: 'Count' }],
  };
}
