// Batched inserts: many rows per statement (as many as the dialect binds) inside the caller's
// transaction. `ON CONFLICT ... DO NOTHING` keeps a repeated insert harmless on both back-ends.
import type { SqlExecutor, SqlValue } from './SqlDriver.ts';

/** Rows per statement at most, so that the statement cache of SQLite stays small. */
const MAX_ROWS_PER_STATEMENT = 256;

/** Inserts `rows` into `table`; `tail` follows the VALUES (e.g. `ON CONFLICT DO NOTHING`). Resolves with the rows changed. */
export async function insertRows(
  tx: SqlExecutor,
  maxParameters: number,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  tail = '',
): Promise<number> {
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(maxParameters / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let changed = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${tail}`;
    changed += await tx.run(sql, chunk.flat());
  }
  return changed;
}
