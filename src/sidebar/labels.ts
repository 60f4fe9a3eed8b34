/**
 * @fileoverview How the sidebar names the server's values: range presets, and the utm_campaign
 * value a campaign's tracking links carry.
 */
import type { CampaignOption } from '../shared/sidebar-api';

const PRESET_LABELS: Record<string, string> = { all: 'All data', custom: 'Custom range' };

export function presetLabel(preset: string): string {
  return PRESET_LABELS[preset] ?? preset.charAt(0).toUpperCase() + preset.slice(1);
}

/**
 * The utm_campaign value for a campaign: the workbook's own `UTM campaign` value when the state
 * carries it (first of a `;` list), else the name lower-cased with spaces as dashes, the usual
 * convention for new campaigns.
 */
export function utmValueOf(c: CampaignOption): string {
  const given = (c as CampaignOption & { utm?: string | string[] }).utm;
  const first = (Array.isArray(given) ? given[0] : given?.split(';')[0])?.trim();
  if (first) return first;
  return c.name.trim().toLowerCase().replace(/\s+/g, '-');
}
