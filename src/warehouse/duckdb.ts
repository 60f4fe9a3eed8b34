/**
 * @fileoverview A local DuckDB warehouse: creates the five tables in a database file, loads a read
 * workbook into them with DuckDB's appender, and runs the warehouse statements there.
 */
import { DuckDBInstance, timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { TABLE_SPECS, WAREHOUSE_TABLES, type ColumnType, type WarehouseTable } from '../engine/warehouse/schema';
import type { TableValue } from '../engine/warehouse/table-rows';
import type { Statement } from '../engine/warehouse/statements';
import { duckDbDialect } from '../engine/warehouse/dialect';
import type { ResultRow, StatementRunner } from '../engine/warehouse/runner';

const DUCK_TYPES: Record<ColumnType, string> = { int: 'BIGINT', float: 'DOUBLE', string: 'VARCHAR', timestamp: 'TIMESTAMP' };

export interface DuckWarehouse extends StatementRunner {
  connection: DuckDBConnection;
  close(): void;
}

/** Opens (or creates) a DuckDB database file; ':memory:' for a throwaway one. */
export async function openDuckWarehouse(path: string): Promise<DuckWarehouse> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  // Instants are computed from epoch milliseconds; the session zone must not shift them.
  await connection.run("SET TimeZone = 'UTC'");
  return {
    connection,
    dialect: duckDbDialect(),
    async run(statement: Statement): Promise<ResultRow[]> {
      const reader = await connection.runAndReadAll(statement.sql);
      if (statement.kind === 'stage') return [];
      return reader.getRowObjectsJS().map(plainRow);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** BIGINTs arrive as bigint; results here are counts, days and sums, all well inside 2^53. */
function plainRow(row: Record<string, unknown>): ResultRow {
  const out: ResultRow = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : (v as string | number | null);
  }
  return out;
}

/** Creates the five tables afresh and appends the rows (values in schema column order). */
export async function loadTables(connection: DuckDBConnection, rows: Record<WarehouseTable, TableValue[][]>): Promise<void> {
  for (const t of WAREHOUSE_TABLES) {
    const spec = TABLE_SPECS[t];
    await connection.run(`CREATE OR REPLACE TABLE ${t} (${spec.columns.map(([c, type]) => `${c} ${DUCK_TYPES[type]}`).join(', ')})`);
    const appender = await connection.createAppender(t);
    const appenders = spec.columns.map(([, type]) => appendOf(appender, type));
    for (const row of rows[t]) {
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null || v === undefined) appender.appendNull();
        else appenders[c](v);
      }
      appender.endRow();
    }
    appender.closeSync();
  }
}

function appendOf(appender: DuckDBAppender, type: ColumnType): (v: string | number) => void {
  switch (type) {
    case 'int': return (v) => appender.appendBigInt(BigInt(Math.round(Number(v))));
    case 'float': return (v) => appender.appendDouble(Number(v));
    case 'string': return (v) => appender.appendVarchar(String(v));
    case 'timestamp': return (v) => appender.appendTimestamp(timestampValue(BigInt(Math.round(Number(v))) * 1000n));
  }
}
