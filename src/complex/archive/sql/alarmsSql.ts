// Alarms in SQL: raised once per (subject, raise time), then updated, acknowledged (the first
// acknowledgement is kept) and cleared. Every change is one UPDATE, so concurrent writers agree.
import { ZenithError } from '../../../core/errors/index.ts';
import type { AlarmAcknowledgement, AlarmQuery, AlarmRaise, AlarmRecord, AlarmSeverity, ParameterValue } from '../index.ts';
import { decodeValue, encodeValue } from '../index.ts';
import { DEFAULT_QUERY_LIMIT, severityOf, severityRank } from './eventsSql.ts';
import { num, optNum, optStr, str, textOrNull } from './rows.ts';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './SqlDriver.ts';

const SELECTED =
  'id, subject, raised_ms, severity, max_severity, value_text, trigger_value, limit_value, message, updated_ms, ack_by, ack_ms, ack_comment, cleared_ms';

function toAlarm(r: SqlRow): AlarmRecord {
  const ackBy = optStr(r, 'ack_by');
  const ackMs = optNum(r, 'ack_ms');
  const comment = optStr(r, 'ack_comment');
  return {
    id: num(r, 'id'),
    subject: str(r, 'subject'),
    raisedMs: num(r, 'raised_ms'),
    severity: severityOf(num(r, 'severity')) as AlarmSeverity,
    maxSeverity: severityOf(num(r, 'max_severity')) as AlarmSeverity,
    value: decodeValue(textOrNull(r, 'value_text')),
    triggerValue: decodeValue(textOrNull(r, 'trigger_value')),
    limit: decodeValue(textOrNull(r, 'limit_value')),
    message: optStr(r, 'message'),
    updatedMs: num(r, 'updated_ms'),
    acknowledged: ackBy === undefined || ackMs === undefined ? undefined : { by: ackBy, timeMs: ackMs, ...(comment === undefined ? {} : { comment }) },
    clearedMs: optNum(r, 'cleared_ms'),
  };
}

async function byId(tx: SqlExecutor, id: number): Promise<AlarmRecord> {
  const [row] = await tx.query(`SELECT ${SELECTED} FROM alarms WHERE id = ?`, [id]);
  if (row === undefined) throw new ZenithError('ARCHIVE_NOT_FOUND', `expected an alarm with id ${id}, found none`, { objectId: id });
  return toAlarm(row);
}

export async function selectAlarm(db: SqlDriver, id: number): Promise<AlarmRecord | undefined> {
  const [row] = await db.query(`SELECT ${SELECTED} FROM alarms WHERE id = ?`, [id]);
  return row === undefined ? undefined : toAlarm(row);
}

export function insertAlarm(db: SqlDriver, a: AlarmRaise): Promise<AlarmRecord> {
  return db.transaction(async (tx) => {
    const rank = severityRank(a.severity);
    const value = encodeValue(a.value);
    await tx.run(
      `INSERT INTO alarms (subject, raised_ms, severity, max_severity, value_text, trigger_value, limit_value, message, updated_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject, raised_ms) DO NOTHING`,
      [a.subject, a.raisedMs, rank, rank, value, value, encodeValue(a.limit), a.message ?? null, a.raisedMs],
    );
    const [row] = await tx.query(`SELECT ${SELECTED} FROM alarms WHERE subject = ? AND raised_ms = ?`, [a.subject, a.raisedMs]);
    if (row === undefined) throw new Error('an alarm just inserted was not found');
    return toAlarm(row);
  });
}

/** A new value of the condition: it is present again, so the alarm is no longer cleared. */
export function updateAlarmRow(db: SqlDriver, id: number, u: { readonly timeMs: number; readonly severity: AlarmSeverity; readonly value: ParameterValue | null }): Promise<AlarmRecord> {
  return db.transaction(async (tx) => {
    const rank = severityRank(u.severity);
    await tx.run(
      `UPDATE alarms SET severity = ?, value_text = ?, updated_ms = ?, cleared_ms = NULL,
         max_severity = CASE WHEN max_severity < ? THEN ? ELSE max_severity END WHERE id = ?`,
      [rank, encodeValue(u.value), u.timeMs, rank, rank, id],
    );
    return byId(tx, id);
  });
}

export function acknowledgeAlarmRow(db: SqlDriver, id: number, ack: AlarmAcknowledgement): Promise<AlarmRecord> {
  return db.transaction(async (tx) => {
    await tx.run('UPDATE alarms SET ack_by = ?, ack_ms = ?, ack_comment = ? WHERE id = ? AND ack_ms IS NULL', [ack.by, ack.timeMs, ack.comment ?? null, id]);
    return byId(tx, id);
  });
}

export function clearAlarmRow(db: SqlDriver, id: number, timeMs: number): Promise<AlarmRecord> {
  return db.transaction(async (tx) => {
    await tx.run('UPDATE alarms SET cleared_ms = ? WHERE id = ? AND cleared_ms IS NULL', [timeMs, id]);
    return byId(tx, id);
  });
}

export async function selectAlarms(db: SqlDriver, query: AlarmQuery): Promise<AlarmRecord[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.fromMs !== undefined) {
    where.push('raised_ms >= ?');
    params.push(query.fromMs);
  }
  if (query.toMs !== undefined) {
    where.push('raised_ms < ?');
    params.push(query.toMs);
  }
  if (query.minSeverity !== undefined) {
    where.push('severity >= ?');
    params.push(severityRank(query.minSeverity));
  }
  if (query.subject !== undefined) {
    where.push('subject = ?');
    params.push(query.subject);
  }
  if (query.activeOnly === true) where.push('(ack_ms IS NULL OR cleared_ms IS NULL)');
  params.push(query.limit ?? DEFAULT_QUERY_LIMIT);
  const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const rows = await db.query(`SELECT ${SELECTED} FROM alarms ${filter} ORDER BY raised_ms, id LIMIT ?`, params);
  return rows.map(toAlarm);
}
