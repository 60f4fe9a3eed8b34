/**
 * @fileoverview Fixed catalogs the demo draws from: campaign themes, page and asset titles,
 * people and companies, search keywords, referrers and UTM vocabularies. Kept apart from the
 * generator so the wording can change without touching the logic.
 */

export const SITE = 'https://www.example.com';

/** Index of each campaign channel in {@link CampaignTheme.channels}. */
export const Channel = { PaidSearch: 0, PaidSocial: 1, SocialUtm: 2, EmailUtm: 3, OtherUtm: 4 } as const;
export const CAMPAIGN_CHANNELS = 5;

export interface CampaignTheme {
  name: string;
  /** Relative traffic weight of paid search, paid social, organic social, email, other. */
  channels: readonly [number, number, number, number, number];
  /** Runs all year with no end date. */
  evergreen?: boolean;
  keywords: readonly string[];
}

// The first themes are always used, in this order: two evergreen programs and the one whose name
// holds `&` (names with `&` break naive URL building, which the demo should exercise).
export const CAMPAIGN_THEMES: readonly CampaignTheme[] = [
  { name: 'Brand awareness (always on)', channels: [5, 3, 2, 0, 2], evergreen: true, keywords: ['campaign analytics', 'marketing attribution software', 'google sheets marketing dashboard'] },
  { name: 'Monthly newsletter', channels: [0, 0, 1, 8, 0], evergreen: true, keywords: [] },
  { name: 'Partners & Resellers program', channels: [1, 1, 2, 2, 5], keywords: ['marketing agency partner program', 'reseller analytics'] },
  { name: 'Product launch', channels: [4, 4, 3, 3, 1], keywords: ['multi-touch attribution', 'campaign roi tool', 'attribution report'] },
  { name: 'Attribution webinar series', channels: [1, 4, 3, 5, 0], keywords: ['attribution webinar', 'marketing analytics training'] },
  { name: 'Ebook: The attribution playbook', channels: [3, 4, 2, 2, 1], keywords: ['attribution models explained', 'u-shaped attribution', 'first touch vs last touch'] },
  { name: 'Analytics Summit', channels: [1, 3, 4, 4, 2], keywords: ['marketing analytics conference'] },
  { name: 'Free trial push', channels: [6, 3, 1, 2, 1], keywords: ['free attribution tool', 'hubspot attribution alternative', 'campaign dashboard free'] },
  { name: 'Customer stories', channels: [1, 3, 4, 3, 1], keywords: ['attribution case study'] },
  { name: 'Retargeting', channels: [2, 5, 0, 0, 4], keywords: ['campaign sheets pricing'] },
  { name: 'Limited-time offer', channels: [4, 4, 3, 4, 2], keywords: ['marketing software discount', 'saas analytics deal'] },
  { name: 'ABM: enterprise accounts', channels: [2, 5, 1, 3, 3], keywords: ['enterprise marketing attribution', 'b2b revenue attribution'] },
  { name: 'Q4 pipeline push', channels: [4, 3, 2, 4, 1], keywords: ['pipeline reporting', 'deal attribution'] },
  { name: 'Podcast: Growth Loops', channels: [0, 2, 5, 3, 2], keywords: [] },
  { name: 'Trade show Berlin', channels: [1, 2, 3, 3, 3], keywords: ['marketing trade show berlin'] },
  { name: 'LinkedIn thought leadership', channels: [0, 5, 5, 1, 0], keywords: [] },
  { name: 'Referral program', channels: [1, 1, 2, 4, 4], keywords: ['refer a friend marketing tool'] },
  { name: 'Flash sale', channels: [4, 4, 2, 3, 2], keywords: ['marketing analytics sale'] },
  { name: 'Developer docs relaunch', channels: [3, 1, 3, 2, 1], keywords: ['sheets api analytics', 'apps script attribution'] },
  { name: 'Agency bundle', channels: [3, 2, 1, 3, 4], keywords: ['agency reporting tool', 'client campaign reports'] },
];

export const BLOG_TITLES = [
  'What is multi-touch attribution',
  'First touch vs last touch',
  'How to build a campaign dashboard in Google Sheets',
  'UTM parameters: the complete guide',
  'U-shaped vs W-shaped attribution',
  'Why your CRM undercounts campaigns',
  'Measuring webinar ROI',
  'Time decay attribution explained',
  'Seven campaign metrics that matter',
  'From sessions to revenue',
  'Markov chain attribution for marketers',
  'Cleaning your UTM data',
  'How we grew pipeline 3x',
  'Attribution for small teams',
  'Shapley values without the maths',
  'Offline conversions and attribution',
];

export const VIDEO_TITLES = ['Product tour', 'Two-minute demo', 'Customer interview', 'Webinar recording', 'Feature walkthrough', 'Founder Q&A'];
export const DOCUMENT_TITLES = ['Attribution checklist', 'Campaign planning template', 'ROI calculator', 'Buyer guide', 'Benchmark report', 'Implementation guide'];
export const EVENT_TITLES = ['Live webinar', 'Roundtable', 'Workshop', 'Booth visit', 'Customer dinner', 'Meetup'];
export const OTHER_TITLES = ['Chatbot playbook', 'Podcast episode', 'Partner listing', 'Survey', 'Quiz'];
export const WEBSITE_PAGE_TITLES = ['Comparison page', 'Integration page', 'Solution page', 'Use case page', 'Feature page', 'Industry page'];

/** Site pages that are no campaign's asset, as (title, path); some become unassigned assets. */
export const SITE_PAGES: readonly (readonly [string, string])[] = [
  ['Home', '/'],
  ['Pricing', '/pricing'],
  ['Features', '/features'],
  ['About us', '/about'],
  ['Customers', '/customers'],
  ['Integrations', '/integrations'],
  ['Security', '/security'],
  ['Getting started', '/docs/getting-started'],
  ['Careers', '/careers'],
  ['Changelog', '/changelog'],
  ['Contact', '/contact'],
  ['Book a demo', '/demo'],
];

export const SEARCH_REFERRERS = ['https://www.google.com/', 'https://www.google.com/', 'https://www.google.com/', 'https://www.bing.com/', 'https://duckduckgo.com/', 'www.google.com'];
export const SOCIAL_REFERRERS = ['https://www.linkedin.com/', 'https://www.linkedin.com/', 'https://t.co/', 'https://www.facebook.com/'];
export const REFERRAL_REFERRERS = ['https://news.ycombinator.com/', 'https://www.g2.com/products/campaign-sheets/reviews', 'https://www.capterra.com/', 'https://www.producthunt.com/', 'https://blog.partner-example.org/attribution-tools', 'news.ycombinator.com'];
export const MAIL_REFERRERS = ['https://mail.google.com/', 'https://outlook.live.com/'];

export const PLATFORMS = ['google', 'bing', 'linkedin', 'facebook', 'twitter'] as const;
/** Indexes into {@link PLATFORMS}. */
export const Platform = { Google: 0, Bing: 1, Linkedin: 2, Facebook: 3, Twitter: 4 } as const;

/** The nine source categories, for the few rows whose Source cell is filled in. */
export const SOURCE_CATEGORIES = ['Organic search', 'Paid search', 'Paid social', 'Organic social', 'Email marketing', 'Referrals', 'Other campaigns', 'Direct traffic', 'Offline sources'];

export const OTHER_UTM_SOURCES: readonly (readonly [string, string])[] = [
  ['adroll', 'display'],
  ['partner-newsletter', 'partner'],
  ['capterra', 'referral-listing'],
  ['affiliate-network', 'affiliate'],
];

export const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Tim', 'Radia', 'Guido', 'Sophie', 'Lucas', 'Emma', 'Noah', 'Mia', 'Liam', 'Olivia', 'Mateo', 'Chloe', 'Hugo', 'Lea', 'Jonas', 'Aiko', 'Kenji', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Zara', 'Ivan', 'Elena', 'Marco', 'Giulia', 'Pedro', 'Ana', 'Sven', 'Ingrid', 'Kwame', 'Amara', 'Chen', 'Mei', 'David', 'Sarah', 'Tom', 'Nina', 'Paul', 'Laura', 'Yusuf'];
export const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Berners-Lee', 'Perlman', 'van Rossum', 'Martin', 'Bernard', 'Dubois', 'Muller', 'Schmidt', 'Rossi', 'Garcia', 'Silva', 'Tanaka', 'Sato', 'Patel', 'Sharma', 'Khan', 'Haddad', 'Ivanova', 'Novak', 'Larsen', 'Berg', 'Mensah', 'Okafor', 'Wang', 'Li', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', "O'Neil"];
export const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Soylent', 'Vandelay', 'Wonka', 'Tyrell', 'Cyberdyne', 'Aperture', 'Black Mesa', 'Massive Dynamic', 'Pied Piper', 'Dunder Mifflin', 'Prestige Worldwide', 'Oceanic', 'Gringotts', 'Monarch', 'Nakatomi', 'Oscorp', 'Sterling Cooper', 'Bluth', 'Krusty Krab', 'Planet Express', 'Los Pollos', 'Virtucon', 'Duff', 'Gekko & Co', 'Kramerica', 'Rekall', 'Weyland', 'Zorg', 'Ollivanders', 'Burns Energy', 'Blue Sun', 'Fringe Labs', 'Northwind'];
export const DEAL_PRODUCTS = ['Starter plan', 'Team plan', 'Business plan', 'Enterprise plan', 'Annual renewal', 'Agency bundle', 'Onboarding package', 'Seat expansion'];

export const OPEN_STAGES = ['appointment scheduled', 'qualified to buy', 'presentation scheduled', 'decision maker bought-in', 'contract sent'];
export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead'];

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
