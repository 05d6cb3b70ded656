import { describe, expect, it } from 'vitest';
import { insertRows } from './insertRows.ts';
import type { SqlExecutor, SqlValue } from './SqlDriver.ts';

function recorder(): { tx: SqlExecutor; calls: { sql: string; params: readonly SqlValue[] }[] } {
  const calls: { sql: string; params: readonly SqlValue[] }[] = [];
  return {
    calls,
    tx: {
      query: () => Promise.resolve([]),
      run: (sql, params = []) => {
        calls.push({ sql, params });
        return Promise.resolve(params.length / 3);
      },
      exec: () => Promise.resolve(),
    },
  };
}

describe('insertRows', () => {
  it('splits rows into statements within the parameter limit, in order', async () => {
    const { tx, calls } = recorder();
    const rows = Array.from({ length: 100 }, (_, i) => [i, `n${i}`, null]);
    expect(await insertRows(tx, 90, 't', ['a', 'b', 'c'], rows, 'ON CONFLICT DO NOTHING')).toBe(100);
    expect(calls.map((c) => c.params.length / 3)).toEqual([30, 30, 30, 10]);
    expect(calls.flatMap((c) => c.params)).toEqual(rows.flat());
    expect(calls[3]?.sql).toBe('INSERT INTO t (a, b, c) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?) ON CONFLICT DO NOTHING');
  });
  it('does nothing for no rows', async () => {
    const { tx, calls } = recorder();
    expect(await insertRows(tx, 1000, 't', ['a'], [])).toBe(0);
    expect(calls).toEqual([]);
  });
});
