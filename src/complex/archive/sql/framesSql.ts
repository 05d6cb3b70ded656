// Raw frames in SQL: batched idempotent inserts, replay in reception order by keyset pages, and
// the sequence gaps of each source found with a window function (both dialects have LAG).
import type { FrameQuery, FrameRecord, SequenceGap, TimeRange } from '../index.ts';
import { insertRows } from './insertRows.ts';
import { bytes, num, str } from './rows.ts';
import type { SqlDriver, SqlRow, SqlValue } from './SqlDriver.ts';

const COLUMNS = ['source', 'reception_ms', 'sequence', 'station', 'spacecraft', 'quality', 'bytes'];
const DEFAULT_BATCH = 1000;

export function insertFrames(db: SqlDriver, batch: readonly FrameRecord[]): Promise<number> {
  const rows = batch.map((f) => [f.source, f.receptionTimeMs, f.sequence, f.station, f.spacecraft, f.qualityFlags, f.bytes]);
  return db.transaction((tx) => insertRows(tx, 'frames', COLUMNS, rows, 'ON CONFLICT (source, reception_ms, sequence) DO NOTHING'));
}

function toFrame(r: SqlRow): FrameRecord {
  return {
    source: str(r, 'source'),
    sequence: num(r, 'sequence'),
    receptionTimeMs: num(r, 'reception_ms'),
    station: str(r, 'station'),
    spacecraft: str(r, 'spacecraft'),
    qualityFlags: num(r, 'quality'),
    bytes: bytes(r, 'bytes'),
  };
}

/** Frames in (reception time, source, sequence) order, one page per query so memory stays flat. */
export async function* selectFrames(db: SqlDriver, query: FrameQuery): AsyncGenerator<FrameRecord[]> {
  if (query.sources?.length === 0) return;
  const batchSize = query.batchSize ?? DEFAULT_BATCH;
  const where = ['reception_ms >= ?', 'reception_ms < ?'];
  const params: SqlValue[] = [query.fromMs, query.toMs];
  if (query.sources !== undefined) {
    where.push(`source IN (${query.sources.map(() => '?').join(', ')})`);
    params.push(...query.sources);
  }
  if (query.station !== undefined) {
    where.push('station = ?');
    params.push(query.station);
  }
  if (query.spacecraft !== undefined) {
    where.push('spacecraft = ?');
    params.push(query.spacecraft);
  }
  const select = `SELECT ${COLUMNS.join(', ')} FROM frames WHERE ${where.join(' AND ')}`;
  let after: FrameRecord | undefined;
  for (;;) {
    const rows =
      after === undefined
        ? await db.query(`${select} ORDER BY reception_ms, source, sequence LIMIT ?`, [...params, batchSize])
        : await db.query(`${select} AND (reception_ms, source, sequence) > (?, ?, ?) ORDER BY reception_ms, source, sequence LIMIT ?`, [
            ...params,
            after.receptionTimeMs,
            after.source,
            after.sequence,
            batchSize,
          ]);
    const frames = rows.map(toFrame);
    if (frames.length > 0) yield frames;
    if (frames.length < batchSize) return;
    after = frames[frames.length - 1];
  }
}

export async function selectGaps(db: SqlDriver, query: TimeRange & { readonly source?: string; readonly modulus?: number }): Promise<SequenceGap[]> {
  const params: SqlValue[] = [query.fromMs, query.toMs];
  let sourceFilter = '';
  if (query.source !== undefined) {
    sourceFilter = 'AND source = ?';
    params.push(query.source);
  }
  const m = query.modulus;
  const step = m === undefined ? 'sequence - prev_seq' : '((sequence - prev_seq) % ? + ?) % ?';
  if (m !== undefined) params.push(m, m, m);
  const rows = await db.query(
    `SELECT source, sequence, reception_ms, prev_seq, prev_ms FROM (
       SELECT source, sequence, reception_ms,
         LAG(sequence) OVER (PARTITION BY source ORDER BY reception_ms, sequence) AS prev_seq,
         LAG(reception_ms) OVER (PARTITION BY source ORDER BY reception_ms, sequence) AS prev_ms
       FROM frames WHERE reception_ms >= ? AND reception_ms < ? ${sourceFilter}
     ) AS w WHERE prev_seq IS NOT NULL AND ${step} <> 1 ORDER BY source, reception_ms, sequence`,
    params,
  );
  return rows.map((r) => {
    const diff = num(r, 'sequence') - num(r, 'prev_seq');
    const wrapped = m === undefined ? diff : ((diff % m) + m) % m;
    return {
      source: str(r, 'source'),
      beforeSequence: num(r, 'prev_seq'),
      beforeMs: num(r, 'prev_ms'),
      afterSequence: num(r, 'sequence'),
      afterMs: num(r, 'reception_ms'),
      missing: wrapped >= 1 ? wrapped - 1 : undefined,
    };
  });
}
