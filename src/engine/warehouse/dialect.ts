/**
 * @fileoverview Every difference between GoogleSQL (BigQuery) and DuckDB's SQL that the warehouse
 * statements meet, in one place: the rest of src/warehouse writes SQL both accept and calls these
 * for the few constructs they spell differently (types, table names, time, regular expressions,
 * UNNEST). Nothing else in the statements may be dialect-specific.
 */

export type DialectName = 'duckdb' | 'bigquery';

export interface Dialect {
  readonly name: DialectName;
  /** A table of the warehouse: `project.dataset.name` in BigQuery, a plain name in DuckDB. */
  table(name: string): string;
  readonly int: string;
  readonly float: string;
  readonly string: string;
  /** A TIMESTAMP from microseconds since the epoch (GA4's event_timestamp). */
  timestampMicros(micros: string): string;
  /** Milliseconds since the epoch of a TIMESTAMP expression, as an integer. */
  epochMs(ts: string): string;
  /** Local day number (days since 1970-01-01 in `zone`) of an epoch-milliseconds expression. */
  localDay(ms: string, zone: string): string;
  /** A regular expression (RE2 in both) as a string literal. */
  regex(pattern: string): string;
  regexContains(text: string, pattern: string): string;
  /** The first match of `pattern` in `text`, or NULL when there is none. */
  regexExtract(text: string, pattern: string): string;
  /** Every match replaced. */
  regexReplace(text: string, pattern: string, replacement: string): string;
  /** A FROM item naming each element of an array expression `alias`. */
  unnest(array: string, alias: string): string;
  /** The same with each element's 0-based position as `offset`. */
  unnestWithOffset(array: string, alias: string, offset: string): string;
  /** An integer cast of a whole-number expression. */
  toInt(expr: string): string;
  /** Decimal text of an integer expression. */
  toText(expr: string): string;
}

/** A string literal in both dialects: single quotes doubled. Backslashes are avoided by callers. */
export function literal(text: string): string {
  if (text.includes('\\')) throw new Error(`SQL text literals here never hold a backslash: ${text}`);
  return `'${text.replace(/'/g, "''")}'`;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A BigQuery dataset as `project.dataset`, checked so it can be spliced into SQL. */
export function parseDataset(text: string): { project: string; dataset: string } {
  const m = /^([a-z][a-z0-9-]{4,61}[a-z0-9]|[a-z0-9.:-]+)\.([A-Za-z0-9_]{1,1024})$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a BigQuery dataset: give PROJECT.DATASET, such as my-project.marketing.`);
  return { project: m[1], dataset: m[2] };
}

const bigQueryRegex = (p: string) => {
  if (p.includes("'")) throw new Error(`Regular expressions here never hold a quote: ${p}`);
  return `r'${p}'`;
};

export function bigQueryDialect(dataset: string): Dialect {
  const { project, dataset: ds } = parseDataset(dataset);
  return {
    name: 'bigquery',
    table: (name) => {
      if (!identifier.test(name)) throw new Error(`Bad table name ${name}`);
      return `\`${project}.${ds}.${name}\``;
    },
    int: 'INT64',
    float: 'FLOAT64',
    string: 'STRING',
    timestampMicros: (m) => `TIMESTAMP_MICROS(${m})`,
    epochMs: (ts) => `UNIX_MILLIS(${ts})`,
    localDay: (ms, zone) => `UNIX_DATE(DATE(TIMESTAMP_MILLIS(${ms}), ${literal(zone)}))`,
    regex: bigQueryRegex,
    regexContains: (t, p) => `REGEXP_CONTAINS(${t}, ${bigQueryRegex(p)})`,
    regexExtract: (t, p) => `REGEXP_EXTRACT(${t}, ${bigQueryRegex(p)})`,
    regexReplace: (t, p, r) => `REGEXP_REPLACE(${t}, ${bigQueryRegex(p)}, ${literal(r)})`,
    unnest: (a, alias) => `UNNEST(${a}) AS ${alias}`,
    unnestWithOffset: (a, alias, offset) => `UNNEST(${a}) AS ${alias} WITH OFFSET AS ${offset}`,
    toInt: (e) => `CAST(${e} AS INT64)`,
    toText: (e) => `CAST(${e} AS STRING)`,
  };
}

const duckRegex = (p: string) => `'${p.replace(/'/g, "''")}'`;

export function duckDbDialect(): Dialect {
  return {
    name: 'duckdb',
    table: (name) => {
      if (!identifier.test(name)) throw new Error(`Bad table name ${name}`);
      return name;
    },
    int: 'BIGINT',
    float: 'DOUBLE',
    string: 'VARCHAR',
    timestampMicros: (m) => `make_timestamp(${m})`,
    epochMs: (ts) => `epoch_ms(${ts})`,
    localDay: (ms, zone) => `datediff('day', DATE '1970-01-01', CAST(timezone(${literal(zone)}, make_timestamptz(CAST(${ms} AS BIGINT) * 1000)) AS DATE))`,
    regex: duckRegex,
    regexContains: (t, p) => `regexp_matches(${t}, ${duckRegex(p)})`,
    regexExtract: (t, p) => `NULLIF(regexp_extract(${t}, ${duckRegex(p)}), '')`,
    regexReplace: (t, p, r) => `regexp_replace(${t}, ${duckRegex(p)}, ${literal(r)}, 'g')`,
    unnest: (a, alias) => `UNNEST(${a}) AS _${alias}(${alias})`,
    unnestWithOffset: (a, alias, offset) => `(SELECT UNNEST(${a}) AS ${alias}, GENERATE_SUBSCRIPTS(${a}, 1) - 1 AS ${offset}) AS _${alias}`,
    toInt: (e) => `CAST(${e} AS BIGINT)`,
    toText: (e) => `CAST(${e} AS VARCHAR)`,
  };
}

export function dialectByName(name: string, dataset?: string): Dialect {
  if (name === 'duckdb') return duckDbDialect();
  if (name === 'bigquery') {
    if (!dataset) throw new Error('The BigQuery dialect needs --dataset PROJECT.DATASET.');
    return bigQueryDialect(dataset);
  }
  throw new Error(`Unknown SQL dialect "${name}": use bigquery or duckdb.`);
}
