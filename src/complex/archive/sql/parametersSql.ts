// Parameter values in SQL: idempotent inserts keyed by (parameter, generation time) with a table
// of the latest value of each parameter kept in the same transaction, bucketed history for
// plots, and the CSV export streamed page by page.
import { formatIsoUtc } from '../../../core/time/index.ts';
import type { MonitoringState, ParameterBucket, ParameterRecord, ParameterValue, TimeRange } from '../index.ts';
import { csvRecord, decodeValue, encodeValue, numericValue } from '../index.ts';
import { insertRows } from './insertRows.ts';
import { num, optStr, str, textOrNull } from './rows.ts';
import type { SqlDriver, SqlRow, SqlValue } from './SqlDriver.ts';

const COLUMNS = ['parameter', 'gen_ms', 'rec_ms', 'raw', 'eng', 'eng_num', 'monitoring'];
const LATEST_COLUMNS = ['parameter', 'gen_ms', 'rec_ms', 'raw', 'eng', 'monitoring'];
const SELECTED = 'parameter, gen_ms, rec_ms, raw, eng, monitoring';
const CSV_PAGE = 5000;

export async function insertParameters(db: SqlDriver, batch: readonly ParameterRecord[]): Promise<number> {
  const newest = new Map<string, ParameterRecord>();
  for (const p of batch) {
    const seen = newest.get(p.parameter);
    if (seen === undefined || p.generationTimeMs >= seen.generationTimeMs) newest.set(p.parameter, p);
  }
  const row = (p: ParameterRecord): SqlValue[] => [p.parameter, p.generationTimeMs, p.receptionTimeMs, encodeValue(p.raw), encodeValue(p.eng)];
  return db.transaction(async (tx) => {
    const inserted = await insertRows(tx, 'parameter_values',
      COLUMNS,
      batch.map((p) => [...row(p), numericValue(p.eng), p.monitoring]),
      'ON CONFLICT (parameter, gen_ms) DO NOTHING',
    );
    await insertRows(tx, 'parameter_latest',
      LATEST_COLUMNS,
      [...newest.values()].map((p) => [...row(p), p.monitoring]),
      `ON CONFLICT (parameter) DO UPDATE SET gen_ms = excluded.gen_ms, rec_ms = excluded.rec_ms, raw = excluded.raw,
         eng = excluded.eng, monitoring = excluded.monitoring WHERE excluded.gen_ms >= parameter_latest.gen_ms`,
    );
    return inserted;
  });
}

function toParameter(r: SqlRow): ParameterRecord {
  return {
    parameter: str(r, 'parameter'),
    generationTimeMs: num(r, 'gen_ms'),
    receptionTimeMs: num(r, 'rec_ms'),
    raw: decodeValue(textOrNull(r, 'raw')),
    eng: decodeValue(textOrNull(r, 'eng')),
    monitoring: (optStr(r, 'monitoring') ?? null) as MonitoringState | null,
  };
}

export async function selectValues(db: SqlDriver, parameter: string, range: TimeRange, limit: number): Promise<ParameterRecord[]> {
  const rows = await db.query(`SELECT ${SELECTED} FROM parameter_values WHERE parameter = ? AND gen_ms >= ? AND gen_ms < ? ORDER BY gen_ms LIMIT ?`, [
    parameter,
    range.fromMs,
    range.toMs,
    limit,
  ]);
  return rows.map(toParameter);
}

export async function selectHistory(db: SqlDriver, parameter: string, range: TimeRange, points: number): Promise<ParameterBucket[]> {
  const spanMs = range.toMs - range.fromMs;
  if (spanMs <= 0) return [];
  const rows = await db.query(
    `SELECT floor((gen_ms - ?) * ? / ?) AS bucket, count(*) AS n, min(eng_num) AS lo, max(eng_num) AS hi, sum(eng_num) AS total
     FROM parameter_values WHERE parameter = ? AND gen_ms >= ? AND gen_ms < ? AND eng_num IS NOT NULL
     GROUP BY bucket ORDER BY bucket`,
    [range.fromMs, points, spanMs, parameter, range.fromMs, range.toMs],
  );
  // Rounding may put a value just below toMs in bucket `points`: it belongs to the last one.
  const merged = new Map<number, { n: number; lo: number; hi: number; total: number }>();
  for (const r of rows) {
    const index = Math.min(points - 1, num(r, 'bucket'));
    const b = { n: num(r, 'n'), lo: num(r, 'lo'), hi: num(r, 'hi'), total: num(r, 'total') };
    const seen = merged.get(index);
    merged.set(index, seen === undefined ? b : { n: seen.n + b.n, lo: Math.min(seen.lo, b.lo), hi: Math.max(seen.hi, b.hi), total: seen.total + b.total });
  }
  return [...merged].map(([index, b]) => ({
    startMs: range.fromMs + (spanMs * index) / points,
    endMs: range.fromMs + (spanMs * (index + 1)) / points,
    count: b.n,
    min: b.lo,
    max: b.hi,
    mean: b.total / b.n,
  }));
}

export async function selectLatest(db: SqlDriver, parameters: readonly string[] | undefined): Promise<ParameterRecord[]> {
  if (parameters === undefined) return (await db.query(`SELECT ${SELECTED} FROM parameter_latest ORDER BY parameter`)).map(toParameter);
  const out: ParameterRecord[] = [];
  for (let i = 0; i < parameters.length; i += db.maxParameters) {
    const chunk = parameters.slice(i, i + db.maxParameters);
    const rows = await db.query(`SELECT ${SELECTED} FROM parameter_latest WHERE parameter IN (${chunk.map(() => '?').join(', ')})`, chunk);
    out.push(...rows.map(toParameter));
  }
  return out.sort((a, b) => (a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0));
}

/** A value as a CSV field: numbers as JavaScript writes them, bytes in hex, nothing for null. */
export function csvValue(value: ParameterValue | null): string {
  if (value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  return String(value);
}

export async function* parametersCsv(db: SqlDriver, parameters: readonly string[], range: TimeRange): AsyncGenerator<string> {
  yield csvRecord(['time', 'parameter', 'raw', 'engineering', 'monitoring']);
  if (parameters.length === 0) return;
  const names = [...new Set(parameters)];
  const where = `parameter IN (${names.map(() => '?').join(', ')}) AND gen_ms >= ? AND gen_ms < ?`;
  let after: ParameterRecord | undefined;
  for (;;) {
    const rows =
      after === undefined
        ? await db.query(`SELECT ${SELECTED} FROM parameter_values WHERE ${where} ORDER BY gen_ms, parameter LIMIT ?`, [...names, range.fromMs, range.toMs, CSV_PAGE])
        : await db.query(`SELECT ${SELECTED} FROM parameter_values WHERE ${where} AND (gen_ms, parameter) > (?, ?) ORDER BY gen_ms, parameter LIMIT ?`, [
            ...names,
            range.fromMs,
            range.toMs,
            after.generationTimeMs,
            after.parameter,
            CSV_PAGE,
          ]);
    const page = rows.map(toParameter);
    if (page.length > 0) {
      yield page.map((p) => csvRecord([formatIsoUtc(p.generationTimeMs), p.parameter, csvValue(p.raw), csvValue(p.eng), p.monitoring ?? ''])).join('');
    }
    if (page.length < CSV_PAGE) return;
    after = page[page.length - 1];
  }
}
