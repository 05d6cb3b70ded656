// Users, API tokens, sessions and the audit log in SQL (schema step 4). Secrets never reach this
// file: users carry a password hash, tokens and sessions the SHA-256 of their secret. The audit
// log is appended under a table lock so that each record is chained to the one truly before it.
import { ZenithError } from '../../../core/errors/index.ts';
import type { AuditEntry, AuditRecord, SessionRecord, SessionSelector, TokenRecord, UserChange, UserRecord } from '../index.ts';
import { num, optNum, optStr, str } from './rows.ts';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './SqlDriver.ts';

export const GENESIS_HASH = '0'.repeat(64);
const USER_COLUMNS = 'name, role, password_hash, created_ms, disabled, must_change_password';
const TOKEN_COLUMNS = 'hash, token_id, user_name, scopes, label, created_ms, expires_ms, revoked_ms';
const SESSION_COLUMNS = 'hash, user_name, csrf_token, created_ms, last_seen_ms, expires_ms';
const AUDIT_COLUMNS = 'seq, time_ms, actor, address, action, target, outcome, status, detail, prev_hash, hash';

function toUser(r: SqlRow): UserRecord {
  return {
    name: str(r, 'name'),
    role: str(r, 'role'),
    passwordHash: str(r, 'password_hash'),
    createdMs: num(r, 'created_ms'),
    disabled: num(r, 'disabled') !== 0,
    mustChangePassword: num(r, 'must_change_password') !== 0,
  };
}

function toToken(r: SqlRow): TokenRecord {
  const label = optStr(r, 'label');
  const expiresMs = optNum(r, 'expires_ms');
  const revokedMs = optNum(r, 'revoked_ms');
  return {
    hash: str(r, 'hash'),
    id: str(r, 'token_id'),
    user: str(r, 'user_name'),
    scopes: str(r, 'scopes').split(' ').filter((s) => s !== ''),
    createdMs: num(r, 'created_ms'),
    ...(label === undefined ? {} : { label }),
    ...(expiresMs === undefined ? {} : { expiresMs }),
    ...(revokedMs === undefined ? {} : { revokedMs }),
  };
}

function toSession(r: SqlRow): SessionRecord {
  return {
    hash: str(r, 'hash'),
    user: str(r, 'user_name'),
    csrfToken: str(r, 'csrf_token'),
    createdMs: num(r, 'created_ms'),
    lastSeenMs: num(r, 'last_seen_ms'),
    expiresMs: num(r, 'expires_ms'),
  };
}

function toAudit(r: SqlRow): AuditRecord {
  return {
    seq: num(r, 'seq'),
    timeMs: num(r, 'time_ms'),
    actor: optStr(r, 'actor') ?? null,
    address: optStr(r, 'address') ?? null,
    action: str(r, 'action'),
    target: optStr(r, 'target') ?? null,
    outcome: str(r, 'outcome'),
    status: num(r, 'status'),
    detail: optStr(r, 'detail') ?? null,
    prevHash: str(r, 'prev_hash'),
    hash: str(r, 'hash'),
  };
}

export async function insertUser(db: SqlDriver, u: UserRecord): Promise<boolean> {
  const changed = await db.run(`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`, [
    u.name,
    u.role,
    u.passwordHash,
    u.createdMs,
    u.disabled ? 1 : 0,
    u.mustChangePassword === true ? 1 : 0,
  ]);
  return changed > 0;
}

export async function selectUser(db: SqlExecutor, name: string): Promise<UserRecord | undefined> {
  const rows = await db.query(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`, [name]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

export async function selectUsers(db: SqlDriver): Promise<UserRecord[]> {
  return (await db.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`)).map(toUser);
}

export function updateUserRow(db: SqlDriver, name: string, change: UserChange): Promise<UserRecord> {
  return db.transaction(async (tx) => {
    const sets: string[] = [];
    const params: SqlValue[] = [];
    if (change.role !== undefined) {
      sets.push('role = ?');
      params.push(change.role);
    }
    if (change.passwordHash !== undefined) {
      sets.push('password_hash = ?');
      params.push(change.passwordHash);
    }
    if (change.disabled !== undefined) {
      sets.push('disabled = ?');
      params.push(change.disabled ? 1 : 0);
    }
    if (change.mustChangePassword !== undefined) {
      sets.push('must_change_password = ?');
      params.push(change.mustChangePassword ? 1 : 0);
    }
    if (sets.length > 0) await tx.run(`UPDATE users SET ${sets.join(', ')} WHERE name = ?`, [...params, name]);
    const user = await selectUser(tx, name);
    if (user === undefined) throw new ZenithError('ARCHIVE_NOT_FOUND', `expected the name of a user, found ${JSON.stringify(name)}`, { field: 'name' });
    return user;
  });
}

export async function insertToken(db: SqlDriver, t: TokenRecord): Promise<void> {
  await db.run(`INSERT INTO api_tokens (${TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
    t.hash,
    t.id,
    t.user,
    t.scopes.join(' '),
    t.label ?? null,
    t.createdMs,
    t.expiresMs ?? null,
    t.revokedMs ?? null,
  ]);
}

export async function selectTokenByHash(db: SqlDriver, hash: string): Promise<TokenRecord | undefined> {
  const rows = await db.query(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE hash = ?`, [hash]);
  return rows[0] === undefined ? undefined : toToken(rows[0]);
}

export async function selectTokens(db: SqlDriver, user?: string): Promise<TokenRecord[]> {
  const rows =
    user === undefined
      ? await db.query(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY created_ms, token_id`)
      : await db.query(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_name = ? ORDER BY created_ms, token_id`, [user]);
  return rows.map(toToken);
}

export async function revokeTokenRow(db: SqlDriver, id: string, timeMs: number): Promise<boolean> {
  // The first revocation time is kept; a token revoked before still counts as found.
  return (await db.run('UPDATE api_tokens SET revoked_ms = COALESCE(revoked_ms, ?) WHERE token_id = ?', [timeMs, id])) > 0;
}

export async function insertSession(db: SqlDriver, s: SessionRecord): Promise<void> {
  await db.run(`INSERT INTO sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [s.hash, s.user, s.csrfToken, s.createdMs, s.lastSeenMs, s.expiresMs]);
}

export async function selectSession(db: SqlDriver, hash: string): Promise<SessionRecord | undefined> {
  const rows = await db.query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE hash = ?`, [hash]);
  return rows[0] === undefined ? undefined : toSession(rows[0]);
}

export async function touchSessionRow(db: SqlDriver, hash: string, lastSeenMs: number): Promise<void> {
  await db.run('UPDATE sessions SET last_seen_ms = ? WHERE hash = ? AND last_seen_ms < ?', [lastSeenMs, hash, lastSeenMs]);
}

export function deleteSessionRows(db: SqlDriver, which: SessionSelector): Promise<number> {
  if ('hash' in which) return db.run('DELETE FROM sessions WHERE hash = ?', [which.hash]);
  if ('user' in which) return db.run('DELETE FROM sessions WHERE user_name = ?', [which.user]);
  return db.run('DELETE FROM sessions WHERE expires_ms <= ? OR last_seen_ms < ?', [which.endedBy, which.unusedSince]);
}

export function appendAuditRow(db: SqlDriver, entry: AuditEntry, seal: (record: Omit<AuditRecord, 'hash'>) => string): Promise<AuditRecord> {
  return db.transaction(async (tx) => {
    // SQLite's transaction is already the only writer (BEGIN IMMEDIATE on one connection).
    if (db.dialect === 'postgres') await tx.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
    const last = (await tx.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'))[0];
    const unsealed: Omit<AuditRecord, 'hash'> = {
      seq: last === undefined ? 1 : num(last, 'seq') + 1,
      timeMs: entry.timeMs,
      actor: entry.actor,
      address: entry.address,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome,
      status: entry.status,
      detail: entry.detail,
      prevHash: last === undefined ? GENESIS_HASH : str(last, 'hash'),
    };
    const record: AuditRecord = { ...unsealed, hash: seal(unsealed) };
    await tx.run(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      record.seq,
      record.timeMs,
      record.actor,
      record.address,
      record.action,
      record.target,
      record.outcome,
      record.status,
      record.detail,
      record.prevHash,
      record.hash,
    ]);
    return record;
  });
}

export async function selectAuditSince(db: SqlDriver, fromMs: number, limit: number): Promise<AuditRecord[]> {
  return (await db.query(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE time_ms >= ? ORDER BY seq LIMIT ?`, [fromMs, limit])).map(toAudit);
}

export async function selectAudit(db: SqlDriver, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  return (await db.query(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, [afterSeq, limit])).map(toAudit);
}
