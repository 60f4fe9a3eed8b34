/**
 * @fileoverview The demo's marketing plan: the campaigns and the assets associated with them,
 * including shared, unassigned and late-associated assets, the cases the engine's campaign rules
 * have to get right.
 */

import { Campaign, PlanSizes, buildCampaigns } from './campaigns';
import {
  DOCUMENT_TITLES,
  EVENT_TITLES,
  OTHER_TITLES,
  Platform,
  SITE,
  SITE_PAGES,
  VIDEO_TITLES,
  WEBSITE_PAGE_TITLES,
  BLOG_TITLES,
  slugify,
} from './catalog';
import { Rng } from './random';
import { DAY, HOUR, InstantSampler, MINUTE, Timeline, startOfDay, wholeSecond } from './time';

export const ASSET_TYPES = [
  'landing page',
  'website page',
  'blog post',
  'marketing email',
  'social post',
  'ad',
  'cta',
  'form',
  'marketing event',
  'video',
  'document',
  'static list',
  'workflow',
  'other',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export interface Asset {
  index: number;
  id: string;
  type: AssetType;
  name: string;
  url: string;
  /** Web assets: the first instant the page can be viewed. */
  publishedAt: number;
  /** Email send, event, list import time (0 when meaningless). */
  at: number;
  /** Index into PLATFORMS for ads and social posts, else -1. */
  platform: number;
  /** Campaign that made it, -1 for site-wide assets. */
  owner: number;
}

export interface Association {
  asset: number;
  campaign: number;
  associatedAt: number | null;
}

export interface Plan {
  campaigns: Campaign[];
  assets: Asset[];
  associations: Association[];
  /** Site pages that are no asset: path and title. */
  plainPages: (readonly [string, string])[];
}

/** Smallest association count that still fits every campaign's core assets and all types. */
export function minimumAssetRows(campaigns: number): number {
  return campaigns * (CORE_TYPES.length + 1) + 20;
}

const CORE_TYPES: readonly AssetType[] = ['landing page', 'form', 'marketing email', 'ad', 'social post', 'cta'];
// Rare types first, so a small plan still shows every type of the contract.
const EXTRA_ORDER: readonly AssetType[] = [
  'blog post', 'video', 'document', 'marketing event', 'static list', 'workflow', 'other', 'website page',
  'marketing email', 'ad', 'social post', 'blog post', 'landing page', 'marketing email', 'document',
];
const AD_PLATFORMS = [Platform.Google, Platform.Linkedin, Platform.Facebook, Platform.Bing];
const SOCIAL_PLATFORMS = [Platform.Linkedin, Platform.Twitter, Platform.Facebook];
const PLATFORM_LABELS = ['Google search ad', 'Bing search ad', 'LinkedIn ad', 'Facebook ad', 'Twitter ad'];
const POST_LABELS = ['', '', 'LinkedIn post', 'Facebook post', 'Twitter thread'];
const EMAIL_LABELS = ['invitation', 'reminder', 'follow-up', 'last chance', 'recap'];

export function buildPlan(rng: Rng, timeline: Timeline, sizes: PlanSizes): Plan {
  const sampler = new InstantSampler(rng);
  const campaigns = buildCampaigns(rng, timeline, sizes);
  const builder = new AssetBuilder(rng, sampler, timeline, campaigns);
  builder.build(sizes.assetRows);
  return {
    campaigns,
    assets: builder.assets,
    associations: builder.associations,
    plainPages: SITE_PAGES.filter(([, path]) => !builder.usedUrls.has(SITE + path)),
  };
}

/** Creates assets and their association rows, keeping URLs unique. */
class AssetBuilder {
  readonly assets: Asset[] = [];
  readonly associations: Association[] = [];
  readonly usedUrls = new Set<string>();
  private extraCursor = 0;
  private blogCursor = 0;
  private readonly idWidth = 4;

  constructor(
    private readonly rng: Rng,
    private readonly sampler: InstantSampler,
    private readonly tl: Timeline,
    private readonly campaigns: Campaign[],
  ) {}

  build(rows: number): void {
    const unassigned = Math.max(8, Math.round(rows * 0.1));
    const shared = Math.max(2, Math.round(rows * 0.05));
    const perCampaign = rows - unassigned - shared;
    const n = this.campaigns.length;
    let midForced = 0;
    for (const c of this.campaigns) {
      const count = Math.floor(perCampaign / n) + (c.index < perCampaign % n ? 1 : 0);
      midForced += this.buildCampaignAssets(c, count, midForced < 3 && c.index >= 2);
    }
    this.buildUnassigned(unassigned);
    this.buildShared(shared);
    for (const c of this.campaigns) this.scheduleSends(c);
  }

  /** Returns 1 when one of the campaign's associations was made mid-campaign. */
  private buildCampaignAssets(c: Campaign, count: number, forceMid: boolean): number {
    const types: AssetType[] = [...CORE_TYPES];
    while (types.length < count) {
      // The newsletter is mostly emails; other campaigns take the shared rotation.
      if (c.index === 1 && types.length % 3 !== 0) types.push('marketing email');
      else types.push(EXTRA_ORDER[this.extraCursor++ % EXTRA_ORDER.length]);
    }
    let mid = 0;
    for (let k = 0; k < types.length; k++) {
      const a = this.makeCampaignAsset(c, types[k]);
      const lateOk = isLateAssociable(a.type);
      const late = lateOk && ((forceMid && mid === 0) || this.rng.chance(0.15));
      if (late) {
        mid = 1;
        const at = this.midCampaign(c);
        a.publishedAt = Math.min(a.publishedAt, wholeSecond(at - this.rng.range(10, 90) * DAY));
        this.associate(a.index, c.index, at);
      } else {
        this.associate(a.index, c.index, this.rng.chance(0.35) ? c.start : null);
      }
    }
    return mid;
  }

  private midCampaign(c: Campaign): number {
    const t = c.activeFrom + (c.activeTo - c.activeFrom) * this.rng.range(0.3, 0.6);
    return this.sampler.sameDay(t, c.activeFrom, c.activeTo);
  }

  private makeCampaignAsset(c: Campaign, type: AssetType): Asset {
    const slug = c.utms[0];
    const published = wholeSecond(c.activeFrom - this.rng.range(0, 7) * DAY);
    const a = this.addAsset(type, '', '', c.index, published);
    switch (type) {
      case 'landing page':
        a.name = c.landing.length ? `${c.name} landing page ${c.landing.length + 1}` : `${c.name} landing page`;
        a.url = this.uniqueUrl(`${SITE}/lp/${slug}${c.landing.length ? `-${c.landing.length + 1}` : ''}`);
        c.landing.push(a.index);
        break;
      case 'form':
        a.name = `${c.name} form`;
        c.forms.push(a.index);
        break;
      case 'marketing email':
        a.name = c.index === 1 ? `Newsletter #${c.emails.length + 1}` : `${c.name} ${EMAIL_LABELS[c.emails.length % EMAIL_LABELS.length]}`;
        c.emails.push(a.index);
        break;
      case 'ad':
        a.platform = AD_PLATFORMS[c.ads.length % AD_PLATFORMS.length];
        a.name = `${c.name} ${PLATFORM_LABELS[a.platform]}${c.ads.length >= AD_PLATFORMS.length ? ` ${c.ads.length + 1}` : ''}`;
        c.ads.push(a.index);
        break;
      case 'social post':
        a.platform = SOCIAL_PLATFORMS[c.socials.length % SOCIAL_PLATFORMS.length];
        a.name = `${c.name} ${POST_LABELS[a.platform]}${c.socials.length >= SOCIAL_PLATFORMS.length ? ` ${c.socials.length + 1}` : ''}`;
        c.socials.push(a.index);
        break;
      case 'cta':
        a.name = `${c.name} CTA${c.ctas.length ? ` ${c.ctas.length + 1}` : ''}`;
        c.ctas.push(a.index);
        break;
      default:
        this.describeContentAsset(c, a);
    }
    return a;
  }

  private describeContentAsset(c: Campaign, a: Asset): void {
    const rng = this.rng;
    switch (a.type) {
      case 'blog post':
        a.name = this.nextBlogTitle();
        a.url = this.uniqueUrl(`${SITE}/blog/${slugify(a.name)}`);
        c.pages.push(a.index);
        break;
      case 'website page':
        a.name = `${rng.pick(WEBSITE_PAGE_TITLES)}: ${c.name}`;
        a.url = this.uniqueUrl(`${SITE}/solutions/${c.utms[0]}`);
        c.pages.push(a.index);
        break;
      case 'video':
        a.name = `${rng.pick(VIDEO_TITLES)} (${c.name})`;
        a.url = this.uniqueUrl(`${SITE}/videos/${slugify(a.name)}`);
        c.pages.push(a.index);
        break;
      case 'document':
        a.name = `${rng.pick(DOCUMENT_TITLES)} (${c.name})`;
        a.url = this.uniqueUrl(`${SITE}/resources/${slugify(a.name)}.pdf`);
        c.pages.push(a.index);
        break;
      case 'marketing event':
        a.name = `${c.name}: ${rng.pick(EVENT_TITLES)}`;
        a.at = this.sampler.sameDay(c.activeFrom + (c.activeTo - c.activeFrom) * rng.range(0.35, 0.85), c.activeFrom, c.activeTo);
        c.events.push(a.index);
        break;
      case 'static list':
        a.name = `${c.name} ${c.lists.length % 2 ? 'attendees' : 'registrants'}`;
        a.at = c.activeFrom + (c.activeTo - c.activeFrom) * rng.range(0.1, 0.9);
        c.lists.push(a.index);
        break;
      case 'workflow':
        a.name = `${c.name} nurture workflow`;
        c.workflows.push(a.index);
        break;
      default:
        a.name = `${rng.pick(OTHER_TITLES)} (${c.name})`;
        c.others.push(a.index);
    }
  }

  private buildUnassigned(count: number): void {
    const before = this.tl.start - 400 * DAY;
    const fixed: [AssetType, string, string][] = [
      ['website page', 'Home', `${SITE}/`],
      ['website page', 'Pricing', `${SITE}/pricing`],
      ['form', 'Contact us form', ''],
      ['website page', 'Book a demo', `${SITE}/demo`],
      ['cta', 'Book a demo CTA', ''],
      ['form', 'Newsletter signup form', ''],
      ['website page', 'Customers', `${SITE}/customers`],
      ['static list', 'Imported trade show leads', ''],
    ];
    for (let k = 0; k < count; k++) {
      const [type, name, url] = k < fixed.length ? fixed[k] : (['blog post', this.nextBlogTitle(), ''] as [AssetType, string, string]);
      const a = this.addAsset(type, name, '', -1, before);
      a.url = type === 'blog post' ? this.uniqueUrl(`${SITE}/blog/${slugify(name)}`) : url ? this.uniqueUrl(url) : '';
      if (type === 'static list') a.at = this.tl.start + (this.tl.end - this.tl.start) * 0.5;
      this.associate(a.index, -1, null);
    }
  }

  private buildShared(count: number): void {
    const candidates = this.assets.filter((a) => a.owner >= 0 && (a.url !== '' || a.type === 'form') && a.type !== 'landing page');
    this.rng.shuffle(candidates);
    const n = this.campaigns.length;
    for (let k = 0; k < count; k++) {
      const a = candidates[k % candidates.length];
      let other = (a.owner + 1 + this.rng.int(n - 1)) % n;
      for (let tries = 0; tries < 5 && this.campaigns[other].activeTo < a.publishedAt; tries++) {
        other = (a.owner + 1 + this.rng.int(n - 1)) % n;
      }
      const b = this.campaigns[other];
      let at: number | null = this.rng.chance(0.5) ? b.start : null;
      if (k === 0 || this.rng.chance(0.4)) {
        // Joined the second campaign while both were live, once the asset existed.
        const mid = Math.max(this.midCampaign(b), a.publishedAt + this.rng.int(14 * 24) * HOUR);
        if (mid < b.activeTo) at = mid;
      }
      this.associate(a.index, b.index, at);
      if (a.type === 'form') b.forms.push(a.index);
      else b.pages.push(a.index);
    }
  }

  /** Emails go out spread over the campaign, at office hours. */
  private scheduleSends(c: Campaign): void {
    const len = c.activeTo - c.activeFrom;
    c.emails.forEach((e, j) => {
      const t = c.activeFrom + ((j + this.rng.range(0.3, 0.7)) / c.emails.length) * len * 0.9;
      const day = startOfDay(t);
      this.assets[e].at = Math.max(c.activeFrom, day + 9 * HOUR + this.rng.int(150) * MINUTE);
    });
  }

  private addAsset(type: AssetType, name: string, url: string, owner: number, publishedAt: number): Asset {
    const index = this.assets.length;
    const a: Asset = { index, id: `AS-${String(index + 1).padStart(this.idWidth, '0')}`, type, name, url, publishedAt, at: 0, platform: -1, owner };
    this.assets.push(a);
    return a;
  }

  private associate(asset: number, campaign: number, associatedAt: number | null): void {
    this.associations.push({ asset, campaign, associatedAt });
  }

  private nextBlogTitle(): string {
    const k = this.blogCursor++;
    const title = BLOG_TITLES[k % BLOG_TITLES.length];
    return k < BLOG_TITLES.length ? title : `${title}, part ${Math.floor(k / BLOG_TITLES.length) + 1}`;
  }

  private uniqueUrl(url: string): string {
    let u = url;
    for (let k = 2; this.usedUrls.has(u); k++) u = `${url}-${k}`;
    this.usedUrls.add(u);
    return u;
  }
}

function isLateAssociable(type: AssetType): boolean {
  return type === 'blog post' || type === 'video' || type === 'document' || type === 'website page' || type === 'marketing email' || type === 'social post';
}

