/**
 * @fileoverview Who credit goes to besides the campaigns, named once: touches with no campaign and
 * conversions with no touch at all. In a credit split an entry with no campaign has campaign
 * NO_CAMPAIGN_ENTRY; in per-player figures the players are the campaigns in Campaigns-tab order, then
 * "(no campaign)" at index K (the number of campaigns), then "(no interactions)" at K + 1.
 */

/** Display names of the two players that are not campaigns. */
export const NO_CAMPAIGN = '(no campaign)';
export const NO_INTERACTIONS = '(no interactions)';

/** The campaign of a split entry whose touch has no campaign. */
export const NO_CAMPAIGN_ENTRY = -1;

/** Index of "(no campaign)" among per-player figures of K campaigns. */
export const noCampaignPlayer = (campaignCount: number) => campaignCount;
/** Index of "(no interactions)" among per-player figures of K campaigns. */
export const noInteractionsPlayer = (campaignCount: number) => campaignCount + 1;

/** The player of a split entry's campaign. */
export const playerOfEntry = (campaign: number, campaignCount: number) => (campaign < 0 ? campaignCount : campaign);

/** Names of the players, in order: campaigns, then the two others. */
export const playerNames = (campaigns: readonly { name: string }[]): string[] => [...campaigns.map((c) => c.name), NO_CAMPAIGN, NO_INTERACTIONS];
