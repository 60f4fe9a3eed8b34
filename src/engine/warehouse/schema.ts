/**
 * @fileoverview The five warehouse tables: the data contract's columns in snake_case, typed, with
 * the source row number (`row_number`) that orders campaigns, assets, contacts and deals and breaks
 * ties between interactions at the same instant. Values are as the contract's reading rules leave
 * them: enumerations (`type`, `source`) in their canonical spelling, UTM columns filled from the
 * URL's `utm_*` parameters, blanks as NULL. `warehouse load` writes them from a workbook; in
 * BigQuery they are tables or views (docs: README, sql/ga4).
 */

export type ColumnType = 'int' | 'float' | 'string' | 'timestamp';

export interface TableSpec {
  name: WarehouseTable;
  columns: [string, ColumnType][];
}

export const WAREHOUSE_TABLES = ['campaigns', 'assets', 'contacts', 'deals', 'interactions'] as const;
export type WarehouseTable = (typeof WAREHOUSE_TABLES)[number];

export const TABLE_SPECS: Record<WarehouseTable, TableSpec> = {
  campaigns: {
    name: 'campaigns',
    columns: [
      ['row_number', 'int'], ['campaign_id', 'string'], ['name', 'string'], ['utm_campaign', 'string'],
      ['start_date', 'timestamp'], ['end_date', 'timestamp'], ['goal_sessions', 'float'], ['goal_new_contacts', 'float'],
      ['goal_influenced_contacts', 'float'], ['goal_revenue', 'float'], ['budget', 'float'], ['spend', 'float'],
    ],
  },
  assets: {
    name: 'assets',
    columns: [
      ['row_number', 'int'], ['asset_id', 'string'], ['campaign_id', 'string'], ['type', 'string'], ['name', 'string'],
      ['url', 'string'], ['associated_at', 'timestamp'],
    ],
  },
  contacts: {
    name: 'contacts',
    columns: [['row_number', 'int'], ['contact_id', 'string'], ['created_at', 'timestamp'], ['visitor_ids', 'string']],
  },
  deals: {
    name: 'deals',
    columns: [
      ['row_number', 'int'], ['deal_id', 'string'], ['name', 'string'], ['contact_ids', 'string'], ['created_at', 'timestamp'],
      ['stage', 'string'], ['closed_at', 'timestamp'], ['amount', 'float'],
    ],
  },
  interactions: {
    name: 'interactions',
    columns: [
      ['row_number', 'int'], ['interaction_id', 'string'], ['occurred_at', 'timestamp'], ['contact_id', 'string'],
      ['visitor_id', 'string'], ['type', 'string'], ['asset_id', 'string'], ['url', 'string'], ['session_id', 'string'],
      ['referrer', 'string'], ['source', 'string'], ['utm_campaign', 'string'], ['utm_source', 'string'],
      ['utm_medium', 'string'], ['utm_term', 'string'], ['utm_content', 'string'], ['platform', 'string'],
    ],
  },
};
