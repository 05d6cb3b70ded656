// Reading result rows the same way on both back-ends: pg gives bytea as Buffer and int8 as text
// unless told otherwise, SQLite gives REAL or INTEGER; the archive sees numbers, strings and bytes.

/** A column that must hold a number. */
export function num(row: Readonly<Record<string, unknown>>, column: string): number {
  const v = row[column];
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || (typeof v === 'string' && v !== '' && Number.isFinite(Number(v)))) return Number(v);
  throw new TypeError(`archive column ${column}: expected a number, found ${typeof v}`);
}

export function optNum(row: Readonly<Record<string, unknown>>, column: string): number | undefined {
  return row[column] === null || row[column] === undefined ? undefined : num(row, column);
}

/** A column that must hold text. */
export function str(row: Readonly<Record<string, unknown>>, column: string): string {
  const v = row[column];
  if (typeof v === 'string') return v;
  throw new TypeError(`archive column ${column}: expected text, found ${typeof v}`);
}

export function optStr(row: Readonly<Record<string, unknown>>, column: string): string | undefined {
  return row[column] === null || row[column] === undefined ? undefined : str(row, column);
}

/** Text or SQL NULL as null (for the value codec). */
export function textOrNull(row: Readonly<Record<string, unknown>>, column: string): string | null {
  return optStr(row, column) ?? null;
}

/** A byte column as a plain Uint8Array of its own (not a view into a driver's pooled buffer). */
export function bytes(row: Readonly<Record<string, unknown>>, column: string): Uint8Array {
  const v = row[column];
  if (v instanceof Uint8Array) return new Uint8Array(v);
  throw new TypeError(`archive column ${column}: expected bytes, found ${typeof v}`);
}

/** A JSON object column. */
export function jsonObject(row: Readonly<Record<string, unknown>>, column: string): Record<string, unknown> {
  return JSON.parse(str(row, column)) as Record<string, unknown>;
}
