/**
 * @fileoverview The warehouse commands' help, apart from their code so \`--help\` loads no database.
 */
export const WAREHOUSE_HELP = `Warehouse (data larger than a workbook):
  campaign-sheets warehouse load --workbook PATH --db FILE.duckdb [--timezone TZ] [options]
      Reads the workbook (same data check as report) into a DuckDB file, ready for --warehouse.
  campaign-sheets warehouse sql --dialect bigquery --dataset PROJECT.DATASET [--ga4 PROJECT.analytics_ID] [options]
      Prints the SQL statements (bigquery or duckdb dialect) for review; --ga4 adds the
      Interactions view over a GA4 export.
  campaign-sheets eval --warehouse FILE.duckdb|bigquery:PROJECT.DATASET 'FORMULA(args)'
  campaign-sheets report --warehouse FILE.duckdb|bigquery:PROJECT.DATASET --out DIR [report options]
      Answer from SQL run in the warehouse, with the same output as --workbook.
`;
