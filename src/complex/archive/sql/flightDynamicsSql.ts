// Flight-dynamics records in SQL: element sets over time (the ElementSet as JSON, keyed by catalog
// id and epoch), pass predictions replaced window by window, and contact plans with their contacts.
import type { ElementSet } from '../../../core/orbit/index.ts';
import type { ContactPlan, ContactRecord, PassQuery, PassRecord, StoredContactPlan, TimeRange } from '../index.ts';
import { insertRows } from './insertRows.ts';
import { jsonObject, num, optStr, str } from './rows.ts';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './SqlDriver.ts';

export function insertElementSets(db: SqlDriver, batch: readonly ElementSet[]): Promise<number> {
  const rows = batch.map((e) => [e.catalogId, e.epochMs, JSON.stringify(e)]);
  return db.transaction((tx) =>
    insertRows(tx, 'element_sets', ['catalog_id', 'epoch_ms', 'element_set'], rows, 'ON CONFLICT (catalog_id, epoch_ms) DO NOTHING'),
  );
}

function toElementSet(r: SqlRow): ElementSet {
  const parsed = jsonObject(r, 'element_set') as unknown as ElementSet;
  // JSON drops keys whose value is undefined; the type has them, present and undefined.
  return { ...parsed, name: parsed.name ?? undefined, internationalDesignator: parsed.internationalDesignator ?? undefined };
}

export async function selectElementSets(db: SqlDriver, catalogId: number, range: TimeRange | undefined): Promise<ElementSet[]> {
  const rows =
    range === undefined
      ? await db.query('SELECT element_set FROM element_sets WHERE catalog_id = ? ORDER BY epoch_ms', [catalogId])
      : await db.query('SELECT element_set FROM element_sets WHERE catalog_id = ? AND epoch_ms >= ? AND epoch_ms < ? ORDER BY epoch_ms', [
          catalogId,
          range.fromMs,
          range.toMs,
        ]);
  return rows.map(toElementSet);
}

export async function selectLatestElementSets(db: SqlDriver, catalogIds: readonly number[] | undefined, atMs: number | undefined): Promise<ElementSet[]> {
  if (catalogIds?.length === 0) return [];
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (atMs !== undefined) {
    where.push('epoch_ms <= ?');
    params.push(atMs);
  }
  if (catalogIds !== undefined) {
    where.push(`catalog_id IN (${catalogIds.map(() => '?').join(', ')})`);
    params.push(...catalogIds);
  }
  const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const rows = await db.query(
    `SELECT e.element_set FROM element_sets e
     JOIN (SELECT catalog_id, max(epoch_ms) AS epoch_ms FROM element_sets ${filter} GROUP BY catalog_id) m
       ON e.catalog_id = m.catalog_id AND e.epoch_ms = m.epoch_ms
     ORDER BY e.catalog_id`,
    params,
  );
  return rows.map(toElementSet);
}

function details(r: SqlRow): { details?: Record<string, unknown> } {
  return optStr(r, 'details') === undefined ? {} : { details: jsonObject(r, 'details') };
}

/** `station = ?` and `spacecraft = ?` for the parts of a query that are set. */
function pairFilter(query: { readonly station?: string; readonly spacecraft?: string }, params: SqlValue[]): string {
  let sql = '';
  if (query.station !== undefined) {
    sql += ' AND station = ?';
    params.push(query.station);
  }
  if (query.spacecraft !== undefined) {
    sql += ' AND spacecraft = ?';
    params.push(query.spacecraft);
  }
  return sql;
}

export function replacePassRows(db: SqlDriver, window: PassQuery, passes: readonly PassRecord[]): Promise<void> {
  return db.transaction(async (tx) => {
    const params: SqlValue[] = [window.fromMs, window.toMs];
    const filter = pairFilter(window, params);
    await tx.run(`DELETE FROM passes WHERE aos_ms >= ? AND aos_ms < ?${filter}`, params);
    const rows = passes.map((p) => [p.station, p.spacecraft, p.aosMs, p.losMs, p.tcaMs, p.maxElevationDeg, p.details === undefined ? null : JSON.stringify(p.details)]);
    await insertRows(tx, 'passes',
      ['station', 'spacecraft', 'aos_ms', 'los_ms', 'tca_ms', 'max_elevation_deg', 'details'],
      rows,
      'ON CONFLICT (station, spacecraft, aos_ms) DO NOTHING',
    );
  });
}

export async function selectPasses(db: SqlDriver, query: PassQuery): Promise<PassRecord[]> {
  const params: SqlValue[] = [query.fromMs, query.toMs];
  const filter = pairFilter(query, params);
  const rows = await db.query(
    `SELECT station, spacecraft, aos_ms, los_ms, tca_ms, max_elevation_deg, details FROM passes
     WHERE los_ms > ? AND aos_ms < ?${filter} ORDER BY aos_ms, station, spacecraft`,
    params,
  );
  return rows.map((r) => ({
    station: str(r, 'station'),
    spacecraft: str(r, 'spacecraft'),
    aosMs: num(r, 'aos_ms'),
    losMs: num(r, 'los_ms'),
    tcaMs: num(r, 'tca_ms'),
    maxElevationDeg: num(r, 'max_elevation_deg'),
    ...details(r),
  }));
}

const CONTACT_COLUMNS = ['plan_id', 'station', 'spacecraft', 'start_ms', 'end_ms', 'details'];

function toContact(r: SqlRow): ContactRecord {
  return { station: str(r, 'station'), spacecraft: str(r, 'spacecraft'), startMs: num(r, 'start_ms'), endMs: num(r, 'end_ms'), ...details(r) };
}

export function insertContactPlan(db: SqlDriver, plan: ContactPlan): Promise<number> {
  return db.transaction(async (tx) => {
    const [created] = await tx.query(
      'INSERT INTO contact_plans (created_ms, from_ms, to_ms, note) VALUES (?, ?, ?, ?) ON CONFLICT (created_ms) DO NOTHING RETURNING id',
      [plan.createdMs, plan.fromMs, plan.toMs, plan.note ?? null],
    );
    if (created === undefined) {
      const [existing] = await tx.query('SELECT id FROM contact_plans WHERE created_ms = ?', [plan.createdMs]);
      if (existing === undefined) throw new Error('a contact plan in conflict was not found');
      return num(existing, 'id');
    }
    const id = num(created, 'id');
    const rows = plan.contacts.map((c) => [id, c.station, c.spacecraft, c.startMs, c.endMs, c.details === undefined ? null : JSON.stringify(c.details)]);
    await insertRows(tx, 'contacts', CONTACT_COLUMNS, rows, 'ON CONFLICT (plan_id, station, spacecraft, start_ms) DO NOTHING');
    return id;
  });
}

async function planContacts(tx: SqlExecutor, id: number): Promise<ContactRecord[]> {
  const rows = await tx.query(`SELECT ${CONTACT_COLUMNS.join(', ')} FROM contacts WHERE plan_id = ? ORDER BY start_ms, station, spacecraft`, [id]);
  return rows.map(toContact);
}

export async function selectContactPlan(db: SqlDriver, id: number | undefined): Promise<StoredContactPlan | undefined> {
  const [row] =
    id === undefined
      ? await db.query('SELECT id, created_ms, from_ms, to_ms, note FROM contact_plans ORDER BY created_ms DESC LIMIT 1')
      : await db.query('SELECT id, created_ms, from_ms, to_ms, note FROM contact_plans WHERE id = ?', [id]);
  if (row === undefined) return undefined;
  const note = optStr(row, 'note');
  return {
    id: num(row, 'id'),
    createdMs: num(row, 'created_ms'),
    fromMs: num(row, 'from_ms'),
    toMs: num(row, 'to_ms'),
    ...(note === undefined ? {} : { note }),
    contacts: await planContacts(db, num(row, 'id')),
  };
}

export async function selectContacts(db: SqlDriver, query: PassQuery): Promise<ContactRecord[]> {
  const params: SqlValue[] = [query.fromMs, query.toMs];
  const filter = pairFilter(query, params);
  const rows = await db.query(
    `SELECT ${CONTACT_COLUMNS.join(', ')} FROM contacts
     WHERE plan_id = (SELECT id FROM contact_plans ORDER BY created_ms DESC LIMIT 1) AND end_ms > ? AND start_ms < ?${filter}
     ORDER BY start_ms, station, spacecraft`,
    params,
  );
  return rows.map(toContact);
}
