/**
 * @fileoverview Reads the five source tabs into typed records and the data check. Rows with a bad
 * required cell are skipped and reported; everything else is used.
 */
import type { RawWorkbook } from './raw';
import { WorkbookError, type DataCheck, type Finding } from './data-check';
import { readDate, readEnum, readId, readList, readNumber, readText } from './cells';
import { ownText, textInterner } from './interned-text';
import { dataRowIndexes, locateTab, RowCursor, type LocatedTab, type TabSpec } from './tab-reader';
import {
  ASSETS, ASSET_TYPE_EXPECTED, ASSET_TYPE_NAMES, CAMPAIGNS, CONTACTS, DEALS, INTERACTIONS,
  INTERACTION_TYPE_EXPECTED, INTERACTION_TYPE_NAMES, SOURCE_EXPECTED, SOURCE_NAMES, STAGE_NAMES,
} from './schema';
import type { Asset, Campaign, Contact, Deal, Interaction, Workbook } from './types';
import { timeZone as zoneByName, type TimeZone } from '../time/zone';
import { dropOutlyingDates } from './date-outliers';
import { queryParams } from '../web/url';

export interface ReadOptions {
  /** IANA time zone for dates without an offset; default UTC. */
  timeZone?: string;
}

export function readWorkbook(raw: RawWorkbook, options: ReadOptions = {}): Workbook {
  const zone = zoneByName(options.timeZone ?? 'UTC');
  const findings: Finding[] = [];
  const check: DataCheck = { findings, rowsRead: {}, rowsUsed: {} };
  const located = [CAMPAIGNS, ASSETS, CONTACTS, DEALS, INTERACTIONS].map((spec) => locateTab(raw, spec)!);
  const [campaignsTab, assetsTab, contactsTab, dealsTab, interactionsTab] = located;

  const campaigns = readCampaigns(campaignsTab, zone, findings, check);
  const assets = readAssets(assetsTab, zone, campaigns, findings, check);
  const contacts = readContacts(contactsTab, zone, findings, check);
  const deals = readDeals(dealsTab, zone, contacts, findings, check);
  const interactions = readInteractions(interactionsTab, zone, assets, findings, check);
  const wb: Workbook = { timeZone: zone, campaigns, assets, contacts, deals, interactions, check };
  dropOutlyingDates(wb, { campaigns: campaignsTab, assets: assetsTab, contacts: contactsTab, deals: dealsTab, interactions: interactionsTab }, findings, check);
  return wb;
}

function count(check: DataCheck, tab: LocatedTab, read: number, used: number) {
  check.rowsRead[tab.name] = read;
  check.rowsUsed[tab.name] = used;
}

/** Reports a repeated key; returns true when the key was already seen. */
function duplicate(seen: Map<string, number>, key: string, cur: RowCursor, keyColumn: string, what: string): boolean {
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, cur.rowNumber);
    return false;
  }
  cur.report(keyColumn, key, `duplicate ${what}: row ${first} has it too; this row is ignored and row ${first} is used`, 'warning');
  return true;
}

function readCampaigns(tab: LocatedTab, zone: TimeZone, findings: Finding[], check: DataCheck): Campaign[] {
  const cur = new RowCursor(tab, findings);
  const out: Campaign[] = [];
  const seen = new Map<string, number>();
  const names = new Map<string, number>();
  const rows = dataRowIndexes(tab);
  for (const i of rows) {
    cur.at(i);
    const id = cur.required('id', readId, 'a campaign ID');
    const name = cur.required('name', readText, 'a campaign name');
    if (cur.failed || id === undefined || name === undefined) continue;
    if (duplicate(seen, id, cur, 'id', 'Campaign ID')) continue;
    const nameKey = name.toLowerCase();
    if (names.has(nameKey)) {
      cur.report('name', name, `the campaign name is also used in row ${names.get(nameKey)}; formulas that name it pick the first`, 'warning');
    } else names.set(nameKey, cur.rowNumber);
    const date = (c: Parameters<typeof readDate>[0]) => readDate(c, zone);
    out.push({
      index: out.length,
      id,
      name,
      utm: (cur.optional('utm', readList) ?? []).map((u) => u.toLowerCase()),
      startDate: cur.optional('start', date),
      endDate: cur.optional('end', date),
      goals: {
        sessions: cur.optional('goalSessions', readNumber),
        newContacts: cur.optional('goalNewContacts', readNumber),
        influencedContacts: cur.optional('goalInfluenced', readNumber),
        revenue: cur.optional('goalRevenue', readNumber),
      },
      budget: cur.optional('budget', readNumber),
      spend: cur.optional('spend', readNumber),
      row: cur.rowNumber,
    });
  }
  count(check, tab, rows.length, out.length);
  return out;
}

function readAssets(tab: LocatedTab, zone: TimeZone, campaigns: Campaign[], findings: Finding[], check: DataCheck): Asset[] {
  const cur = new RowCursor(tab, findings);
  const campaignById = new Map(campaigns.map((c) => [c.id, c.index]));
  const byId = new Map<string, Asset>();
  const out: Asset[] = [];
  const rows = dataRowIndexes(tab);
  let used = 0;
  for (const i of rows) {
    cur.at(i);
    const id = cur.required('id', readId, 'an asset ID');
    const type = cur.required('type', (c) => readEnum(c, ASSET_TYPE_NAMES, ASSET_TYPE_EXPECTED), ASSET_TYPE_EXPECTED);
    if (cur.failed || id === undefined || type === undefined) continue;
    const name = cur.optional('name', readText) ?? '';
    const url = cur.optional('url', readText) ?? '';
    const campaignId = cur.optional('campaign', readId);
    const at = cur.optional('at', (c) => readDate(c, zone));
    let asset = byId.get(id);
    if (!asset) {
      asset = { index: out.length, id, type, name, url, associations: [], row: cur.rowNumber };
      byId.set(id, asset);
      out.push(asset);
    } else if (asset.type !== type || (name && asset.name && name !== asset.name) || (url && asset.url && url !== asset.url)) {
      cur.report(
        null, `${type} / ${name} / ${url}`,
        `asset ${id} is described differently in row ${asset.row} (type, name and URL must agree); row ${asset.row}'s description is used`,
        'warning',
      );
    } else {
      if (!asset.name) asset.name = name;
      if (!asset.url) asset.url = url;
    }
    used++;
    if (campaignId === null || campaignId === '') continue;
    const campaign = campaignById.get(campaignId);
    if (campaign === undefined) {
      cur.report('campaign', campaignId, 'no campaign has this ID in the Campaigns tab; this association is ignored', 'warning');
      continue;
    }
    if (asset.associations.some((a) => a.campaign === campaign)) {
      cur.report('campaign', campaignId, `asset ${id} is already associated with this campaign; the earlier association time is used`, 'warning');
      const existing = asset.associations.find((a) => a.campaign === campaign)!;
      existing.at = Math.min(existing.at, at ?? -Infinity);
      continue;
    }
    asset.associations.push({ campaign, at: at ?? -Infinity, row: cur.rowNumber });
  }
  count(check, tab, rows.length, used);
  return out;
}

function readContacts(tab: LocatedTab, zone: TimeZone, findings: Finding[], check: DataCheck): Contact[] {
  const cur = new RowCursor(tab, findings);
  const out: Contact[] = [];
  const seen = new Map<string, number>();
  const visitorOwner = new Map<string, Contact>();
  const rows = dataRowIndexes(tab);
  for (const i of rows) {
    cur.at(i);
    const id = cur.required('id', readId, 'a contact ID');
    const createdAt = cur.required('created', (c) => readDate(c, zone), 'the date the contact was created');
    if (cur.failed || id === undefined || createdAt === undefined) continue;
    if (duplicate(seen, id, cur, 'id', 'Contact ID')) continue;
    const listed = (cur.optional('visitors', readList) ?? []).map(ownText);
    const contact: Contact = { index: out.length, id: ownText(id), createdAt, visitorIds: [], row: cur.rowNumber };
    for (const v of listed) {
      const owner = visitorOwner.get(v);
      if (owner && owner !== contact) {
        cur.report('visitors', v, `visitor ID ${v} is also listed for contact ${owner.id} (row ${owner.row}); it stays with ${owner.id}`, 'warning');
        continue;
      }
      if (!owner) {
        visitorOwner.set(v, contact);
        contact.visitorIds.push(v);
      }
    }
    out.push(contact);
  }
  count(check, tab, rows.length, out.length);
  return out;
}

function readDeals(tab: LocatedTab, zone: TimeZone, contacts: Contact[], findings: Finding[], check: DataCheck): Deal[] {
  const cur = new RowCursor(tab, findings);
  const contactById = new Map(contacts.map((c) => [c.id, c.index]));
  const out: Deal[] = [];
  const seen = new Map<string, number>();
  const rows = dataRowIndexes(tab);
  const date = (c: Parameters<typeof readDate>[0]) => readDate(c, zone);
  for (const i of rows) {
    cur.at(i);
    const id = cur.required('id', readId, 'a deal ID');
    const listed = cur.required('contacts', readList, 'the deal\'s contact IDs, separated by ; or ,');
    const createdAt = cur.required('created', date, 'the date the deal was created');
    const stageText = cur.required('stage', readText, 'a deal stage');
    if (cur.failed || id === undefined || listed === undefined || createdAt === undefined || stageText === undefined) continue;
    if (duplicate(seen, id, cur, 'id', 'Deal ID')) continue;
    const stage = readEnum(stageText, STAGE_NAMES, '') ;
    const dealStage = typeof stage === 'string' ? stage : 'open';
    const known: number[] = [];
    const unknown: string[] = [];
    for (const cid of listed) {
      const idx = contactById.get(cid);
      if (idx === undefined) unknown.push(cid);
      else if (!known.includes(idx)) known.push(idx);
    }
    if (unknown.length) {
      cur.report('contacts', unknown.join('; '),
        known.length
          ? `no contact has ${unknown.length === 1 ? 'this ID' : 'these IDs'} in the Contacts tab; the deal keeps its other contacts`
          : 'none of the deal\'s contacts is in the Contacts tab; the deal counts for no conversion',
        'warning');
    }
    const closedAt = cur.optional('closed', date);
    const amount = cur.optional('amount', readNumber);
    if (amount !== null && amount < 0) cur.report('amount', String(amount), 'an amount of at least 0; the deal has no revenue', 'error');
    if (dealStage === 'closed won' && closedAt === null) {
      cur.report('closed', cur.raw('closed'), 'a close date for a closed-won deal; the deal counts for deal create but not for revenue');
    } else if (dealStage === 'closed lost' && closedAt === null) {
      cur.report('closed', cur.raw('closed'), 'a close date for a closed deal; it is not needed for any report', 'warning');
    }
    if (dealStage === 'closed won' && amount === null) {
      cur.report('amount', cur.raw('amount'), 'an amount for a closed-won deal; the deal counts for deal create but not for revenue');
    }
    if (closedAt !== null && closedAt < createdAt) {
      cur.report('closed', cur.raw('closed'), 'a close date on or after the creation date; used as given', 'warning');
    }
    out.push({
      index: out.length, id, name: cur.optional('name', readText) ?? '', contacts: known, createdAt,
      stage: dealStage, closedAt, amount: amount !== null && amount >= 0 ? amount : null, row: cur.rowNumber,
    });
  }
  count(check, tab, rows.length, out.length);
  return out;
}

function readInteractions(tab: LocatedTab, zone: TimeZone, assets: Asset[], findings: Finding[], check: DataCheck): Interaction[] {
  if (tab.columns.contact < 0 && tab.columns.visitor < 0) {
    throw new WorkbookError(
      `Tab "${tab.name}" needs a "Contact ID" or a "Visitor ID" column. Headers found: ${
        tab.table[tab.headerIndex]?.filter((h) => h !== '').map((h) => `"${h}"`).join(', ') || 'none'}.`,
    );
  }
  const cur = new RowCursor(tab, findings);
  const assetIds = new Set(assets.map((a) => a.id));
  const out: Interaction[] = [];
  const seenIds = new Map<string, number>();
  const rows = dataRowIndexes(tab);
  const unknownAssets = new Map<string, number>();
  // Readers made once: this loop runs for every interaction, up to hundreds of thousands.
  const date = (c: Parameters<typeof readDate>[0]) => readDate(c, zone);
  const interactionType = (c: Parameters<typeof readDate>[0]) => readEnum(c, INTERACTION_TYPE_NAMES, INTERACTION_TYPE_EXPECTED);
  const sourceCategory = (c: Parameters<typeof readDate>[0]) => readEnum(c, SOURCE_NAMES, SOURCE_EXPECTED);
  const kept = textInterner();
  for (const i of rows) {
    cur.at(i);
    const ts = cur.required('ts', date, 'when the interaction happened');
    const type = cur.required('type', interactionType, INTERACTION_TYPE_EXPECTED);
    const contactId = kept(cur.optional('contact', readId) ?? '');
    const visitorId = kept(cur.optional('visitor', readId) ?? '');
    if (!contactId && !visitorId && !cur.failed) {
      cur.report(tab.columns.contact >= 0 ? 'contact' : 'visitor', '', 'a Contact ID or a Visitor ID; the row is skipped');
      cur.failed = true;
    }
    if (cur.failed || ts === undefined || type === undefined) continue;
    let id = ownText(cur.optional('id', readId) ?? '');
    if (!id) id = `${tab.name}!${cur.rowNumber}`;
    else if (seenIds.has(id)) {
      cur.report('id', id, `duplicate Interaction ID: row ${seenIds.get(id)} has it too; both rows are used`, 'warning');
    } else seenIds.set(id, cur.rowNumber);
    const assetId = kept(cur.optional('asset', readId) ?? '');
    if (assetId && !assetIds.has(assetId)) {
      const n = unknownAssets.get(assetId) ?? 0;
      // One warning per unknown asset keeps the data check readable on big workbooks.
      if (n === 0) cur.report('asset', assetId, 'no asset has this ID in the Assets tab; the interaction counts for no asset\'s campaign', 'warning');
      unknownAssets.set(assetId, n + 1);
    }
    const url = kept(cur.optional('url', readText) ?? '');
    const utm = {
      campaign: kept(cur.optional('utmCampaign', readText) ?? ''),
      source: kept(cur.optional('utmSource', readText) ?? ''),
      medium: kept(cur.optional('utmMedium', readText) ?? ''),
      term: kept(cur.optional('utmTerm', readText) ?? ''),
      content: kept(cur.optional('utmContent', readText) ?? ''),
    };
    let gclid = false;
    if (url.includes('?')) {
      const q = queryParams(url);
      utm.campaign ||= kept(q.get('utm_campaign') ?? '');
      utm.source ||= kept(q.get('utm_source') ?? '');
      utm.medium ||= kept(q.get('utm_medium') ?? '');
      utm.term ||= kept(q.get('utm_term') ?? '');
      utm.content ||= kept(q.get('utm_content') ?? '');
      gclid = q.has('gclid');
    }
    out.push({
      index: out.length,
      id,
      ts,
      contactId,
      visitorId,
      type,
      assetId,
      url,
      sessionId: kept(cur.optional('session', readId) ?? ''),
      referrer: kept(cur.optional('referrer', readText) ?? ''),
      source: cur.optional('source', sourceCategory),
      utm,
      gclid,
      platform: kept((cur.optional('platform', readText) ?? '').toLowerCase()),
      row: cur.rowNumber,
    });
  }
  for (const [assetId, n] of unknownAssets) {
    if (n > 1) {
      findings.push({ severity: 'warning', tab: tab.name, row: null, column: tab.headers.asset, value: assetId,
        message: `${n} interactions in all refer to this unknown asset` });
    }
  }
  count(check, tab, rows.length, out.length);
  return out;
}

export type { TabSpec };
