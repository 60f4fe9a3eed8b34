/**
 * @fileoverview The five source tabs with their headers and a few example rows, for a new user
 * (the menu's "Insert source-tab templates").
 */
import type { RawWorkbook } from './raw';

export const SOURCE_TEMPLATES: RawWorkbook = {
  Campaigns: [
    ['Campaign ID', 'Name', 'UTM campaign', 'Start date', 'End date', 'Goal sessions', 'Goal new contacts', 'Goal influenced contacts', 'Goal revenue', 'Budget', 'Spend'],
    ['C1', 'Spring launch', 'spring', '2026-03-01', '2026-04-30', 100, 10, 20, 50000, 8000, 6500],
    ['C2', 'Webinar', 'webinar', '2026-03-01', '2026-03-31', '', '', '', '', '', ''],
  ],
  Assets: [
    ['Asset ID', 'Campaign ID', 'Type', 'Name', 'URL', 'Associated at'],
    ['A1', 'C1', 'landing page', 'Spring landing page', 'https://example.com/spring', '2026-03-01T00:00:00Z'],
    ['A2', 'C2', 'marketing email', 'Webinar invitation', '', ''],
    ['A3', 'C1', 'form', 'Spring signup form', '', ''],
  ],
  Contacts: [
    ['Contact ID', 'Created at', 'Visitor IDs', 'Email'],
    ['P1', '2026-03-05T10:00:00Z', 'V1', 'ada@example.com'],
    ['P2', '2026-03-10T09:00:00Z', '', 'bo@example.com'],
  ],
  Deals: [
    ['Deal ID', 'Name', 'Contact IDs', 'Created at', 'Stage', 'Closed at', 'Amount'],
    ['D1', 'Acme annual plan', 'P1;P2', '2026-03-15T00:00:00Z', 'closed won', '2026-04-01T00:00:00Z', 10000],
  ],
  Interactions: [
    ['Interaction ID', 'Timestamp', 'Contact ID', 'Visitor ID', 'Type', 'Asset ID', 'URL', 'Session ID', 'Referrer', 'Source', 'UTM campaign', 'UTM source', 'UTM medium', 'UTM term', 'UTM content', 'Platform'],
    ['I1', '2026-02-25T09:00:00Z', '', 'V1', 'page view', '', 'https://example.com/spring', '', 'https://www.google.com/', '', '', '', '', '', '', ''],
    ['I2', '2026-03-02T09:00:00Z', '', 'V1', 'page view', '', 'https://example.com/spring?utm_campaign=spring&utm_source=linkedin&utm_medium=social', '', '', '', '', '', '', '', '', ''],
    ['I3', '2026-03-05T10:00:00Z', '', 'V1', 'form submission', 'A3', '', '', '', '', '', '', '', '', '', ''],
    ['I4', '2026-03-08T12:00:00Z', 'P1', '', 'email click', 'A2', '', '', '', '', '', '', '', '', '', ''],
    ['I5', '2026-03-09T12:00:00Z', 'P2', '', 'email open', 'A2', '', '', '', '', '', '', '', '', '', ''],
    ['I6', '2026-03-10T09:00:00Z', 'P2', '', 'form submission', 'A3', '', '', '', '', '', '', '', '', '', ''],
    ['I7', '2026-03-20T15:00:00Z', 'P1', '', 'meeting', '', '', '', '', '', '', '', '', '', '', ''],
    // Asset measures: the invitation's sends and deliveries, the signup form's views. They measure
    // assets and earn no attribution credit by default.
    ['I8', '2026-03-07T08:00:00Z', 'P1', '', 'email send', 'A2', '', '', '', '', '', '', '', '', '', ''],
    ['I9', '2026-03-07T08:00:00Z', 'P2', '', 'email send', 'A2', '', '', '', '', '', '', '', '', '', ''],
    ['I10', '2026-03-07T08:00:05Z', 'P1', '', 'email delivery', 'A2', '', '', '', '', '', '', '', '', '', ''],
    ['I11', '2026-03-07T08:00:05Z', 'P2', '', 'email delivery', 'A2', '', '', '', '', '', '', '', '', '', ''],
    ['I12', '2026-03-05T09:59:00Z', '', 'V1', 'form view', 'A3', '', '', '', '', '', '', '', '', '', ''],
    ['I13', '2026-03-10T08:59:00Z', 'P2', '', 'form view', 'A3', '', '', '', '', '', '', '', '', '', ''],
  ],
};
