/**
 * @fileoverview Interactions as they are generated: one typed-array column per field and interned
 * strings, so 600,000 rows cost a few bytes each until they are rendered, in time order, into
 * sheet rows that share their string cells.
 */

import { RawCell } from '../engine/workbook/raw';

export const INTERACTION_TYPES = [
  'page view',
  'form submission',
  'email open',
  'email click',
  'cta click',
  'ad click',
  'social click',
  'event attendance',
  'meeting',
  'call',
  'sales email',
  'conversation',
  'list membership',
  'workflow enrollment',
  'other',
  'email send',
  'email delivery',
  'email bounce',
  'cta view',
  'form view',
  'ad impression',
] as const;

/** Indexes into {@link INTERACTION_TYPES}. */
export const Kind = {
  PageView: 0,
  Form: 1,
  EmailOpen: 2,
  EmailClick: 3,
  CtaClick: 4,
  AdClick: 5,
  SocialClick: 6,
  Event: 7,
  Meeting: 8,
  Call: 9,
  SalesEmail: 10,
  Conversation: 11,
  List: 12,
  Workflow: 13,
  Other: 14,
  EmailSend: 15,
  EmailDelivery: 16,
  EmailBounce: 17,
  CtaView: 18,
  FormView: 19,
  AdImpression: 20,
} as const;

export const INTERACTION_HEADER = [
  'Interaction ID', 'Timestamp', 'Contact ID', 'Visitor ID', 'Type', 'Asset ID', 'URL', 'Session ID', 'Referrer',
  'Source', 'UTM campaign', 'UTM source', 'UTM medium', 'UTM term', 'UTM content', 'Platform',
];

/** Distinct strings by index; interning keeps one copy of each URL however many rows use it. */
export class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** UTM parameter sets (campaign, source, medium, term, content), interned as one unit. */
export class UtmTable {
  readonly rows: string[][] = [];
  private readonly index = new Map<string, number>();

  intern(campaign: string, source: string, medium: string, term: string, content: string): number {
    const key = `${campaign}\u0000${source}\u0000${medium}\u0000${term}\u0000${content}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.rows.length;
      this.rows.push([campaign, source, medium, term, content]);
      this.index.set(key, i);
    }
    return i;
  }
}

/** Lookups the renderer needs to turn column indexes back into cells. */
export interface RenderTables {
  contactIds: string[];
  visitorIds: string[];
  assetIds: string[];
  urls: string[];
  referrers: string[];
  utms: string[][];
  platforms: readonly string[];
  sources: readonly string[];
}

export class InteractionBuffer {
  length = 0;
  readonly ts: Float64Array;
  readonly contact: Int32Array;
  readonly visitor: Int32Array;
  readonly type: Uint8Array;
  readonly asset: Int32Array;
  readonly url: Int32Array;
  readonly session: Int32Array;
  readonly referrer: Int16Array;
  readonly source: Int8Array;
  readonly utm: Int32Array;
  readonly platform: Int8Array;

  constructor(readonly capacity: number) {
    this.ts = new Float64Array(capacity);
    this.contact = new Int32Array(capacity);
    this.visitor = new Int32Array(capacity);
    this.type = new Uint8Array(capacity);
    this.asset = new Int32Array(capacity);
    this.url = new Int32Array(capacity);
    this.session = new Int32Array(capacity);
    this.referrer = new Int16Array(capacity);
    this.source = new Int8Array(capacity);
    this.utm = new Int32Array(capacity);
    this.platform = new Int8Array(capacity);
  }

  get remaining(): number {
    return this.capacity - this.length;
  }

  /** Appends one row; -1 means a blank cell. Callers never exceed the capacity (the row target). */
  push(t: number, type: number, contact: number, visitor: number, asset: number, url: number, session: number,
    referrer: number, utm: number, platform: number, source: number): void {
    const i = this.length++;
    this.ts[i] = t;
    this.type[i] = type;
    this.contact[i] = contact;
    this.visitor[i] = visitor;
    this.asset[i] = asset;
    this.url[i] = url;
    this.session[i] = session;
    this.referrer[i] = referrer;
    this.utm[i] = utm;
    this.platform[i] = platform;
    this.source[i] = source;
  }

  /** Sheet rows in time order (ties keep generation order), header first. */
  render(tables: RenderTables): RawCell[][] {
    const n = this.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const ts = this.ts;
    order.sort((a, b) => ts[a] - ts[b] || a - b);
    const width = String(n).length < 7 ? 7 : String(n).length;
    const sessionIds: string[] = [];
    const out: RawCell[][] = new Array(n + 1);
    out[0] = INTERACTION_HEADER.slice();
    for (let r = 0; r < n; r++) {
      out[r + 1] = this.renderRow(order[r], `INT-${String(r + 1).padStart(width, '0')}`, tables, sessionIds);
    }
    return out;
  }

  private renderRow(i: number, id: string, t: RenderTables, sessionIds: string[]): RawCell[] {
    const s = this.session[i];
    let sessionId = '';
    if (s >= 0) sessionId = sessionIds[s] ?? (sessionIds[s] = `S-${(s + 1).toString(36).padStart(6, '0')}`);
    const u = this.utm[i];
    const utm = u >= 0 ? t.utms[u] : null;
    return [
      id,
      new Date(this.ts[i]),
      this.contact[i] >= 0 ? t.contactIds[this.contact[i]] : '',
      this.visitor[i] >= 0 ? t.visitorIds[this.visitor[i]] : '',
      INTERACTION_TYPES[this.type[i]],
      this.asset[i] >= 0 ? t.assetIds[this.asset[i]] : '',
      this.url[i] >= 0 ? t.urls[this.url[i]] : '',
      sessionId,
      this.referrer[i] >= 0 ? t.referrers[this.referrer[i]] : '',
      this.source[i] >= 0 ? t.sources[this.source[i]] : '',
      utm ? utm[0] : '',
      utm ? utm[1] : '',
      utm ? utm[2] : '',
      utm ? utm[3] : '',
      utm ? utm[4] : '',
      this.platform[i] >= 0 ? t.platforms[this.platform[i]] : '',
    ];
  }
}
