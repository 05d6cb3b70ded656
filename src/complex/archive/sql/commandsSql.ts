// Command history in SQL: the command as queued, and one row per verification stage. Claiming a
// stage inserts it only when absent, which is what makes "sent at most once" hold across restarts.
import { ZenithError } from '../../../core/errors/index.ts';
import type { CommandQuery, CommandQueued, CommandRecord, CommandStage, ReleaseMode, StageStatus } from '../index.ts';
import { COMMAND_STAGES } from '../index.ts';
import { DEFAULT_QUERY_LIMIT } from './eventsSql.ts';
import { jsonObject, num, optNum, optStr, str } from './rows.ts';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './SqlDriver.ts';

const SELECTED = 'id, name, spacecraft, arguments, origin, queued_ms, release_mode, release_at_ms, encoded';
const STAGE_UPSERT = 'INSERT INTO command_stages (command_id, stage, status, time_ms, message) VALUES (?, ?, ?, ?, ?) ON CONFLICT (command_id, stage)';

function stageRow(id: string, s: CommandStage): SqlValue[] {
  return [id, s.stage, s.status, s.timeMs, s.message ?? null];
}

/** Stages in the order of COMMAND_STAGES, then the others by time. */
function stageOrder(a: CommandStage, b: CommandStage): number {
  const rank = (s: CommandStage): number => {
    const i = (COMMAND_STAGES as readonly string[]).indexOf(s.stage);
    return i < 0 ? COMMAND_STAGES.length : i;
  };
  return rank(a) - rank(b) || a.timeMs - b.timeMs;
}

function toCommand(r: SqlRow, stages: readonly CommandStage[]): CommandRecord {
  const releaseAtMs = optNum(r, 'release_at_ms');
  const encoded = r['encoded'];
  return {
    id: str(r, 'id'),
    name: str(r, 'name'),
    spacecraft: str(r, 'spacecraft'),
    arguments: jsonObject(r, 'arguments'),
    origin: str(r, 'origin'),
    queuedMs: num(r, 'queued_ms'),
    releaseMode: str(r, 'release_mode') as ReleaseMode,
    ...(releaseAtMs === undefined ? {} : { releaseAtMs }),
    ...(encoded instanceof Uint8Array ? { binary: new Uint8Array(encoded) } : {}),
    stages: [...stages].sort(stageOrder),
  };
}

async function withStages(tx: SqlExecutor, rows: readonly SqlRow[], maxParameters: number): Promise<CommandRecord[]> {
  const ids = rows.map((r) => str(r, 'id'));
  const stages = new Map<string, CommandStage[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += maxParameters) {
    const chunk = ids.slice(i, i + maxParameters);
    const found = await tx.query(
      `SELECT command_id, stage, status, time_ms, message FROM command_stages WHERE command_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const s of found) {
      const message = optStr(s, 'message');
      stages.get(str(s, 'command_id'))?.push({
        stage: str(s, 'stage'),
        status: str(s, 'status') as StageStatus,
        timeMs: num(s, 'time_ms'),
        ...(message === undefined ? {} : { message }),
      });
    }
  }
  return rows.map((r) => toCommand(r, stages.get(str(r, 'id')) ?? []));
}

async function assertCommand(tx: SqlExecutor, id: string): Promise<void> {
  const [row] = await tx.query('SELECT id FROM commands WHERE id = ?', [id]);
  if (row === undefined) throw new ZenithError('ARCHIVE_NOT_FOUND', `expected a command with id ${id}, found none`, { field: 'id', id });
}

export function insertCommand(db: SqlDriver, c: CommandQueued): Promise<CommandRecord> {
  return db.transaction(async (tx) => {
    await tx.run(`INSERT INTO commands (${SELECTED}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, [
      c.id,
      c.name,
      c.spacecraft,
      JSON.stringify(c.arguments),
      c.origin,
      c.queuedMs,
      c.releaseMode,
      c.releaseAtMs ?? null,
      c.binary ?? null,
    ]);
    await tx.run(`${STAGE_UPSERT} DO NOTHING`, stageRow(c.id, { stage: 'queued', status: 'ok', timeMs: c.queuedMs }));
    const rows = await tx.query(`SELECT ${SELECTED} FROM commands WHERE id = ?`, [c.id]);
    const [command] = await withStages(tx, rows, db.maxParameters);
    if (command === undefined) throw new Error('a command just inserted was not found');
    return command;
  });
}

export function upsertStage(db: SqlDriver, id: string, stage: CommandStage): Promise<void> {
  return db.transaction(async (tx) => {
    await assertCommand(tx, id);
    await tx.run(`${STAGE_UPSERT} DO UPDATE SET status = excluded.status, time_ms = excluded.time_ms, message = excluded.message`, stageRow(id, stage));
  });
}

export function claimStage(db: SqlDriver, id: string, stage: CommandStage): Promise<boolean> {
  return db.transaction(async (tx) => {
    await assertCommand(tx, id);
    return (await tx.run(`${STAGE_UPSERT} DO NOTHING`, stageRow(id, stage))) === 1;
  });
}

export async function selectCommand(db: SqlDriver, id: string): Promise<CommandRecord | undefined> {
  const rows = await db.query(`SELECT ${SELECTED} FROM commands WHERE id = ?`, [id]);
  return (await withStages(db, rows, db.maxParameters))[0];
}

export async function selectCommands(db: SqlDriver, query: CommandQuery): Promise<CommandRecord[]> {
  const params: SqlValue[] = [query.fromMs, query.toMs];
  let filter = '';
  if (query.spacecraft !== undefined) {
    filter = 'AND spacecraft = ?';
    params.push(query.spacecraft);
  }
  params.push(query.limit ?? DEFAULT_QUERY_LIMIT);
  const order = query.newestFirst === true ? 'queued_ms DESC, id DESC' : 'queued_ms, id';
  const rows = await db.query(`SELECT ${SELECTED} FROM commands WHERE queued_ms >= ? AND queued_ms < ? ${filter} ORDER BY ${order} LIMIT ?`, params);
  return withStages(db, rows, db.maxParameters);
}
