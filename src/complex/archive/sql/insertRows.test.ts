import { describe, expect, it } from 'vitest';
import { insertRows } from './insertRows.ts';
import type { SqlColumn, SqlExecutor, SqlValue } from './SqlDriver.ts';

function recorder(): { tx: SqlExecutor; calls: { table: string; columns: readonly SqlColumn[]; rows: readonly (readonly SqlValue[])[]; tail: string }[] } {
  const calls: { table: string; columns: readonly SqlColumn[]; rows: readonly (readonly SqlValue[])[]; tail: string }[] = [];
  return {
    calls,
    tx: {
      query: () => Promise.resolve([]),
      run: () => Promise.resolve(0),
      exec: () => Promise.resolve(),
      insertMany: (table, columns, rows, tail) => {
        calls.push({ table, columns, rows, tail });
        return Promise.resolve(rows.length);
      },
    },
  };
}

describe('insertRows', () => {
  it('hands the back-end the rows typed from the schema', async () => {
    const { tx, calls } = recorder();
    const rows = [['S1', 1.5, 7, 'KIR', 'ZEN-1', 0, new Uint8Array(2)]];
    expect(await insertRows(tx, 'frames', ['source', 'reception_ms', 'sequence', 'station', 'spacecraft', 'quality', 'bytes'], rows, 'ON CONFLICT DO NOTHING')).toBe(1);
    expect(calls[0]?.columns.map((c) => c.type)).toEqual(['text', 'time', 'bigint', 'text', 'text', 'int', 'bytes']);
    expect(calls[0]?.tail).toBe('ON CONFLICT DO NOTHING');
  });
  it('does nothing for no rows, and refuses a column the schema lacks', async () => {
    const { tx, calls } = recorder();
    expect(await insertRows(tx, 'events', ['source'], [])).toBe(0);
    expect(calls).toEqual([]);
    await expect(insertRows(tx, 'events', ['colour'], [['red']])).rejects.toThrow('no column events.colour');
  });
});
