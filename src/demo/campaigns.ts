/**
 * @fileoverview The demo's campaigns: names, UTM values (one renamed), dates spread over the span,
 * goals, budget and spend scaled to the data, and each one's channel mix.
 */

import { CAMPAIGN_THEMES, slugify } from './catalog';
import { Rng, cumulative } from './random';
import { DAY, Timeline, startOfDay } from './time';

export interface Campaign {
  index: number;
  id: string;
  name: string;
  /** utm_campaign values, current first; a renamed campaign keeps its old value second. */
  utms: string[];
  /** Traffic before this instant still carries the old utm value. */
  renamedAt: number;
  start: number;
  endDate: number | null;
  /** Window in which the campaign drives traffic, inside the data span. */
  activeFrom: number;
  activeTo: number;
  weight: number;
  channelCum: Float64Array;
  keywords: readonly string[];
  goals: [number | '', number | '', number | '', number | ''];
  budget: number | '';
  spend: number | '';
  landing: number[];
  forms: number[];
  emails: number[];
  ads: number[];
  socials: number[];
  ctas: number[];
  /** Web assets other than landing pages: blog posts, website pages, videos, documents. */
  pages: number[];
  events: number[];
  lists: number[];
  workflows: number[];
  others: number[];
}

export interface PlanSizes {
  campaigns: number;
  assetRows: number;
  /** Expected volumes, so goals and budgets match the data's scale. */
  interactions: number;
  contacts: number;
  deals: number;
}

export function buildCampaigns(rng: Rng, timeline: Timeline, sizes: PlanSizes): Campaign[] {
  const span = timeline.end - timeline.start;
  const rest = rng.shuffle(CAMPAIGN_THEMES.slice(3).map((_, i) => i + 3));
  const names = new Set<string>();
  const utms = new Set<string>();
  const campaigns: Campaign[] = [];
  const width = String(sizes.campaigns).length < 3 ? 3 : String(sizes.campaigns).length;
  for (let i = 0; i < sizes.campaigns; i++) {
    const theme = CAMPAIGN_THEMES[i < 3 ? i : rest[(i - 3) % rest.length]];
    const c = emptyCampaign(i, `CMP-${String(i + 1).padStart(width, '0')}`);
    scheduleCampaign(rng, c, timeline, span, !!theme.evergreen, i, sizes.campaigns);
    c.name = uniqueName(theme.evergreen ? theme.name : `${theme.name} ${quarterLabel(c.start)}`, names);
    c.utms = [uniqueName(slugify(c.name), utms, '-')];
    c.keywords = theme.keywords.length ? theme.keywords : ['campaign sheets'];
    c.channelCum = cumulative(theme.channels.map((w) => w + 0.2));
    c.weight = theme.evergreen ? 1.5 : rng.range(0.6, 2);
    setMoney(rng, c, timeline, sizes, theme.evergreen === true);
    campaigns.push(c);
  }
  renameOne(campaigns[3], utms);
  return campaigns;
}

function emptyCampaign(index: number, id: string): Campaign {
  return {
    index, id, name: '', utms: [], renamedAt: 0, start: 0, endDate: null, activeFrom: 0, activeTo: 0,
    weight: 1, channelCum: new Float64Array(0), keywords: [], goals: ['', '', '', ''], budget: '', spend: '',
    landing: [], forms: [], emails: [], ads: [], socials: [], ctas: [], pages: [], events: [], lists: [],
    workflows: [], others: [],
  };
}

function scheduleCampaign(rng: Rng, c: Campaign, tl: Timeline, span: number, evergreen: boolean, i: number, n: number): void {
  if (evergreen) {
    c.start = startOfDay(tl.start - rng.range(30, 200) * DAY);
    c.activeFrom = tl.start;
    c.activeTo = tl.end;
    return;
  }
  // Spread the dated campaigns over the span so every month has something running; each one's start
  // and end dates lie inside the data and bound its traffic (its end day included).
  const slot = (i - 2 + rng.next()) / Math.max(1, n - 2);
  const duration = Math.max(7 * DAY, startOfDay(span * rng.range(0.1, 0.3)));
  c.start = startOfDay(tl.start + Math.max(0, Math.min(span - duration - DAY, span * slot * 0.95)));
  c.endDate = Math.min(c.start + duration, startOfDay(tl.end - DAY));
  c.activeFrom = Math.max(c.start, tl.start);
  c.activeTo = Math.min(c.endDate + DAY, tl.end);
}

function quarterLabel(t: number): string {
  const d = new Date(t);
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}

function uniqueName(base: string, taken: Set<string>, sep = ' '): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}${sep}${sep === ' ' ? `(${k})` : k}`;
  taken.add(name);
  return name;
}

function setMoney(rng: Rng, c: Campaign, tl: Timeline, sizes: PlanSizes, evergreen: boolean): void {
  const perCampaign = 1 / sizes.campaigns;
  if (c.index === 1 || rng.chance(0.7)) {
    const round = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
    c.goals = [
      round(rng.range(0.4, 1.2) * sizes.interactions * 0.25 * perCampaign, 50),
      round(rng.range(0.5, 1.3) * sizes.contacts * 0.5 * perCampaign, 10),
      round(rng.range(0.8, 2) * sizes.contacts * 0.7 * perCampaign, 10),
      round(rng.range(0.5, 1.5) * sizes.deals * 6000 * perCampaign, 1000),
    ];
    if (rng.chance(0.3)) c.goals[2] = ''; // goals are often partly filled in
  }
  if (c.index === 1 || (!evergreen && rng.chance(0.25))) return;
  const budget = Math.round(rng.range(3000, 40000) / 500) * 500;
  const ran = Math.min(1, (tl.end - c.activeFrom) / Math.max(DAY, (c.endDate === null ? tl.end : c.endDate + DAY) - c.activeFrom));
  c.budget = budget;
  c.spend = Math.round(budget * ran * rng.range(0.75, 1.1) * 100) / 100;
}

function renameOne(c: Campaign, utms: Set<string>): void {
  // One campaign was renamed mid-flight: its old utm value still tags the early traffic.
  const old = uniqueName(c.utms[0].split('-').slice(0, 2).join('-'), utms, '-');
  c.utms.push(old);
  c.renamedAt = c.activeFrom + (c.activeTo - c.activeFrom) * 0.4;
}
