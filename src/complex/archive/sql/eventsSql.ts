// Events in SQL, keyed by (source, time, sequence); severity is stored as its rank so that
// "at least warning" is one comparison.
import type { EventQuery, EventRecord, Severity } from '../index.ts';
import { SEVERITIES } from '../index.ts';
import { insertRows } from './insertRows.ts';
import { num, str } from './rows.ts';
import type { SqlDriver, SqlValue } from './SqlDriver.ts';

const COLUMNS = ['source', 'time_ms', 'sequence', 'severity', 'event_type', 'message'];
export const DEFAULT_QUERY_LIMIT = 10_000;

/** The rank of a severity: info 0 ... severe 5. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The severity of a stored rank (a rank this build does not know reads as severe). */
export function severityOf(rank: number): Severity {
  return SEVERITIES[rank] ?? 'severe';
}

export function insertEvents(db: SqlDriver, batch: readonly EventRecord[]): Promise<number> {
  const rows = batch.map((e) => [e.source, e.timeMs, e.sequence, severityRank(e.severity), e.type, e.message]);
  return db.transaction((tx) => insertRows(tx, 'events', COLUMNS, rows, 'ON CONFLICT (source, time_ms, sequence) DO NOTHING'));
}

export async function selectEvents(db: SqlDriver, query: EventQuery): Promise<EventRecord[]> {
  const where = ['time_ms >= ?', 'time_ms < ?'];
  const params: SqlValue[] = [query.fromMs, query.toMs];
  if (query.minSeverity !== undefined) {
    where.push('severity >= ?');
    params.push(severityRank(query.minSeverity));
  }
  if (query.source !== undefined) {
    where.push('source = ?');
    params.push(query.source);
  }
  params.push(query.limit ?? DEFAULT_QUERY_LIMIT);
  const rows = await db.query(`SELECT ${COLUMNS.join(', ')} FROM events WHERE ${where.join(' AND ')} ORDER BY time_ms, source, sequence LIMIT ?`, params);
  return rows.map((r) => ({
    source: str(r, 'source'),
    sequence: num(r, 'sequence'),
    timeMs: num(r, 'time_ms'),
    severity: severityOf(num(r, 'severity')),
    type: str(r, 'event_type'),
    message: str(r, 'message'),
  }));
}
