// Batched inserts through the back-end's own bulk path (a prepared statement in a loop for SQLite,
// one unnest of arrays for PostgreSQL), typed from the schema. `ON CONFLICT ... DO NOTHING` in
// `tail` keeps a repeated insert harmless on both back-ends.
import { tableColumns } from './schema.ts';
import type { SqlExecutor, SqlValue } from './SqlDriver.ts';

/** Inserts `rows` (values in the order of `columns`) into `table`; resolves with the rows changed. */
export async function insertRows(tx: SqlExecutor, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], tail = ''): Promise<number> {
  const typed = tableColumns(table, columns);
  if (rows.length === 0) return 0;
  return tx.insertMany(table, typed, rows, tail);
}
