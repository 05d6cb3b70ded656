// The Archive on SQL, shared by the SQLite and PostgreSQL back-ends: each gives a driver (how to
// run statements) and its migrations (the schema in its own types); the queries are written once
// in the SQL both understand, so the one contract suite checks the same code on both.
import type { ElementSet } from '../../../core/orbit/index.ts';
import type {
  AlarmAcknowledgement,
  AlarmQuery,
  AlarmRaise,
  AlarmRecord,
  AlarmSeverity,
  AppliedMigration,
  Archive,
  AuditEntry,
  AuditRecord,
  CommandQuery,
  CommandQueued,
  CommandRecord,
  CommandStage,
  ContactPlan,
  ContactRecord,
  EventQuery,
  EventRecord,
  FrameQuery,
  FrameRecord,
  ParameterBucket,
  ParameterRecord,
  ParameterValue,
  PassQuery,
  PassRecord,
  RetentionKind,
  SequenceGap,
  SessionRecord,
  SessionSelector,
  StoredContactPlan,
  TimeRange,
  TokenRecord,
  UserChange,
  UserRecord,
} from '../index.ts';
import {
  RETENTION_KINDS,
  RecordCheck,
  SEVERITIES,
  validateAcknowledgement,
  validateAlarmRaise,
  validateAlarmUpdate,
  validateCommand,
  validateContactPlan,
  validateElementSets,
  validateEvents,
  validateFrames,
  validateParameters,
  validatePasses,
  validateQuery,
  validateStage,
} from '../index.ts';
import {
  appendAuditRow,
  deleteSessionRows,
  insertSession,
  insertToken,
  insertUser,
  revokeTokenRow,
  selectAudit,
  selectAuditSince,
  selectSession,
  selectTokenByHash,
  selectTokens,
  selectUser,
  selectUsers,
  touchSessionRow,
  updateUserRow,
} from './authSql.ts';
import { acknowledgeAlarmRow, clearAlarmRow, insertAlarm, selectAlarm, selectAlarms, updateAlarmRow } from './alarmsSql.ts';
import { claimStage, insertCommand, selectCommand, selectCommands, upsertStage } from './commandsSql.ts';
import { insertEvents, selectEvents } from './eventsSql.ts';
import {
  insertContactPlan,
  insertElementSets,
  replacePassRows,
  selectContactPlan,
  selectContacts,
  selectElementSets,
  selectLatestElementSets,
  selectPasses,
} from './flightDynamicsSql.ts';
import { insertFrames, selectFrames, selectGaps } from './framesSql.ts';
import { appliedMigrations, migrate } from './migrate.ts';
import { insertParameters, parametersCsv, selectHistory, selectLatest, selectValues } from './parametersSql.ts';
import { deleteOlder } from './retentionSql.ts';
import { archiveMigrations } from './schema.ts';
import type { Migration, SqlDriver } from './SqlDriver.ts';

/** Bounds on what one query may ask for, so that no request can exhaust the server. */
const MAX_POINTS = 100_000;
const MAX_NAMES = 1000;
const DEFAULT_VALUES_LIMIT = 100_000;

function query(what: string): RecordCheck {
  return new RecordCheck(what, 'ARCHIVE_QUERY');
}

/** Runs `start` (checks, then the query) on the first step of the iteration, so that its errors arrive as rejections like every other method's. */
async function* checkedFirst<T>(start: () => AsyncIterable<T>): AsyncGenerator<T> {
  yield* start();
}

export class SqlArchive implements Archive {
  private closed = false;

  private constructor(private readonly db: SqlDriver) {}

  /** Migrates the database behind `driver` to the newest schema and opens the archive on it. */
  static async open(driver: SqlDriver, migrations: readonly Migration[] = archiveMigrations(driver.dialect)): Promise<SqlArchive> {
    try {
      await migrate(driver, migrations);
    } catch (error) {
      await driver.close();
      throw error;
    }
    return new SqlArchive(driver);
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.db.dialect;
  }

  get location(): string {
    return this.db.location;
  }

  private get live(): SqlDriver {
    if (this.closed) throw new TypeError(`the archive at ${this.db.location} is closed`);
    return this.db;
  }

  async storeFrames(batch: readonly FrameRecord[]): Promise<number> {
    validateFrames(batch);
    return insertFrames(this.live, batch);
  }

  frames(q: FrameQuery): AsyncIterable<FrameRecord[]> {
    return checkedFirst(() => {
      validateQuery('frames query', q);
      if (q.batchSize !== undefined) query('frames query').integer('batchSize', q.batchSize, 1);
      q.sources?.forEach((source, i) => query('frames query').name(`sources[${i}]`, source));
      return selectFrames(this.live, q);
    });
  }

  async frameGaps(q: TimeRange & { readonly source?: string; readonly modulus?: number }): Promise<SequenceGap[]> {
    validateQuery('gaps query', q);
    if (q.modulus !== undefined) query('gaps query').integer('modulus', q.modulus, 2);
    return selectGaps(this.live, q);
  }

  async storeParameters(batch: readonly ParameterRecord[]): Promise<number> {
    validateParameters(batch);
    return insertParameters(this.live, batch);
  }

  async parameterValues(parameter: string, range: TimeRange & { readonly limit?: number }): Promise<ParameterRecord[]> {
    query('values query').name('parameter', parameter);
    validateQuery('values query', range);
    return selectValues(this.live, parameter, range, range.limit ?? DEFAULT_VALUES_LIMIT);
  }

  async parameterHistory(parameter: string, range: TimeRange, points: number): Promise<ParameterBucket[]> {
    const c = query('history query');
    c.name('parameter', parameter);
    validateQuery('history query', range);
    if (c.integer('points', points, 1) > MAX_POINTS) c.fail('points', `at most ${MAX_POINTS} points`, points);
    return selectHistory(this.live, parameter, range, points);
  }

  async latestValues(parameters?: readonly string[]): Promise<ParameterRecord[]> {
    parameters?.forEach((name, i) => query('latest query').name(`parameters[${i}]`, name));
    return selectLatest(this.live, parameters);
  }

  exportParametersCsv(parameters: readonly string[], range: TimeRange): AsyncIterable<string> {
    return checkedFirst(() => {
      const c = query('export query');
      parameters.forEach((name, i) => c.name(`parameters[${i}]`, name));
      if (parameters.length > MAX_NAMES) c.fail('parameters', `at most ${MAX_NAMES} names`, parameters.length);
      validateQuery('export query', range);
      return parametersCsv(this.live, parameters, range);
    });
  }

  async storeEvents(batch: readonly EventRecord[]): Promise<number> {
    validateEvents(batch);
    return insertEvents(this.live, batch);
  }

  async events(q: EventQuery): Promise<EventRecord[]> {
    validateQuery('events query', q);
    const c = query('events query');
    if (q.minSeverity !== undefined) c.oneOf('minSeverity', q.minSeverity, SEVERITIES);
    if (q.source !== undefined) c.name('source', q.source);
    return selectEvents(this.live, q);
  }

  async raiseAlarm(alarm: AlarmRaise): Promise<AlarmRecord> {
    validateAlarmRaise(alarm);
    return insertAlarm(this.live, alarm);
  }

  async updateAlarm(id: number, update: { readonly timeMs: number; readonly severity: AlarmSeverity; readonly value: ParameterValue | null }): Promise<AlarmRecord> {
    query('alarm').integer('id', id, 1);
    validateAlarmUpdate(update);
    return updateAlarmRow(this.live, id, update);
  }

  async acknowledgeAlarm(id: number, acknowledgement: AlarmAcknowledgement): Promise<AlarmRecord> {
    query('alarm').integer('id', id, 1);
    validateAcknowledgement(acknowledgement);
    return acknowledgeAlarmRow(this.live, id, acknowledgement);
  }

  async clearAlarm(id: number, timeMs: number): Promise<AlarmRecord> {
    const c = query('alarm');
    c.integer('id', id, 1);
    c.time('timeMs', timeMs);
    return clearAlarmRow(this.live, id, timeMs);
  }

  async alarm(id: number): Promise<AlarmRecord | undefined> {
    query('alarm').integer('id', id, 1);
    return selectAlarm(this.live, id);
  }

  async alarms(q: AlarmQuery = {}): Promise<AlarmRecord[]> {
    validateQuery('alarms query', q, false);
    const c = query('alarms query');
    if (q.minSeverity !== undefined) c.oneOf('minSeverity', q.minSeverity, SEVERITIES.slice(1));
    if (q.subject !== undefined) c.name('subject', q.subject);
    return selectAlarms(this.live, q);
  }

  async queueCommand(command: CommandQueued): Promise<CommandRecord> {
    validateCommand(command);
    return insertCommand(this.live, command);
  }

  async recordCommandStage(id: string, stage: CommandStage): Promise<void> {
    query('command').name('id', id);
    validateStage(stage);
    return upsertStage(this.live, id, stage);
  }

  async claimCommandStage(id: string, stage: CommandStage): Promise<boolean> {
    query('command').name('id', id);
    validateStage(stage);
    return claimStage(this.live, id, stage);
  }

  async command(id: string): Promise<CommandRecord | undefined> {
    query('command').name('id', id);
    return selectCommand(this.live, id);
  }

  async commands(q: CommandQuery): Promise<CommandRecord[]> {
    validateQuery('commands query', q);
    if (q.spacecraft !== undefined) query('commands query').name('spacecraft', q.spacecraft);
    return selectCommands(this.live, q);
  }

  async storeElementSets(batch: readonly ElementSet[]): Promise<number> {
    validateElementSets(batch);
    return insertElementSets(this.live, batch);
  }

  async elementSets(catalogId: number, range?: TimeRange): Promise<ElementSet[]> {
    query('element sets query').integer('catalogId', catalogId);
    if (range !== undefined) validateQuery('element sets query', range);
    return selectElementSets(this.live, catalogId, range);
  }

  async latestElementSets(options: { readonly catalogIds?: readonly number[]; readonly atMs?: number } = {}): Promise<ElementSet[]> {
    const c = query('element sets query');
    options.catalogIds?.forEach((id, i) => c.integer(`catalogIds[${i}]`, id));
    if ((options.catalogIds?.length ?? 0) > MAX_NAMES) c.fail('catalogIds', `at most ${MAX_NAMES} ids`, options.catalogIds?.length);
    if (options.atMs !== undefined) c.time('atMs', options.atMs);
    return selectLatestElementSets(this.live, options.catalogIds, options.atMs);
  }

  async replacePasses(window: PassQuery, passes: readonly PassRecord[]): Promise<void> {
    validatePasses(window, passes);
    return replacePassRows(this.live, window, passes);
  }

  async passes(q: PassQuery): Promise<PassRecord[]> {
    validateQuery('passes query', q);
    return selectPasses(this.live, q);
  }

  async storeContactPlan(plan: ContactPlan): Promise<number> {
    validateContactPlan(plan);
    return insertContactPlan(this.live, plan);
  }

  async contactPlan(id?: number): Promise<StoredContactPlan | undefined> {
    if (id !== undefined) query('contact plan').integer('id', id, 1);
    return selectContactPlan(this.live, id);
  }

  async contacts(q: PassQuery): Promise<ContactRecord[]> {
    validateQuery('contacts query', q);
    return selectContacts(this.live, q);
  }

  async createUser(user: UserRecord): Promise<boolean> {
    const c = new RecordCheck('user');
    c.name('name', user.name);
    c.name('role', user.role);
    c.text('passwordHash', user.passwordHash, 1024);
    c.time('createdMs', user.createdMs);
    return insertUser(this.live, user);
  }

  async updateUser(name: string, change: UserChange): Promise<UserRecord> {
    const c = new RecordCheck('user update');
    c.name('name', name);
    if (change.role !== undefined) c.name('role', change.role);
    if (change.passwordHash !== undefined) c.text('passwordHash', change.passwordHash, 1024);
    return updateUserRow(this.live, name, change);
  }

  async user(name: string): Promise<UserRecord | undefined> {
    query('user').text('name', name, 1024);
    return selectUser(this.live, name);
  }

  async users(): Promise<UserRecord[]> {
    return selectUsers(this.live);
  }

  async storeToken(token: TokenRecord): Promise<void> {
    const c = new RecordCheck('token');
    c.name('hash', token.hash);
    c.name('id', token.id);
    c.name('user', token.user);
    token.scopes.forEach((s, i) => c.name(`scopes[${i}]`, s));
    c.time('createdMs', token.createdMs);
    if (token.expiresMs !== undefined) c.time('expiresMs', token.expiresMs);
    await insertToken(this.live, token);
  }

  async tokenByHash(hash: string): Promise<TokenRecord | undefined> {
    query('token').text('hash', hash, 1024);
    return selectTokenByHash(this.live, hash);
  }

  async tokens(user?: string): Promise<TokenRecord[]> {
    if (user !== undefined) query('tokens').text('user', user, 1024);
    return selectTokens(this.live, user);
  }

  async revokeToken(id: string, timeMs: number): Promise<boolean> {
    const c = query('token revocation');
    c.text('id', id, 1024);
    c.time('timeMs', timeMs);
    return revokeTokenRow(this.live, id, timeMs);
  }

  async storeSession(session: SessionRecord): Promise<void> {
    const c = new RecordCheck('session');
    c.name('hash', session.hash);
    c.name('user', session.user);
    c.name('csrfToken', session.csrfToken);
    c.time('createdMs', session.createdMs);
    c.time('lastSeenMs', session.lastSeenMs);
    c.time('expiresMs', session.expiresMs);
    await insertSession(this.live, session);
  }

  async sessionByHash(hash: string): Promise<SessionRecord | undefined> {
    query('session').text('hash', hash, 1024);
    return selectSession(this.live, hash);
  }

  async touchSession(hash: string, lastSeenMs: number): Promise<void> {
    const c = query('session');
    c.text('hash', hash, 1024);
    c.time('lastSeenMs', lastSeenMs);
    await touchSessionRow(this.live, hash, lastSeenMs);
  }

  async deleteSessions(which: SessionSelector): Promise<number> {
    const c = query('sessions');
    if ('hash' in which) c.text('hash', which.hash, 1024);
    else if ('user' in which) c.text('user', which.user, 1024);
    else {
      c.time('endedBy', which.endedBy);
      c.time('unusedSince', which.unusedSince);
    }
    return deleteSessionRows(this.live, which);
  }

  async appendAudit(entry: AuditEntry, seal: (record: Omit<AuditRecord, 'hash'>) => string): Promise<AuditRecord> {
    const c = new RecordCheck('audit');
    c.time('timeMs', entry.timeMs);
    c.text('action', entry.action, 1024);
    c.text('outcome', entry.outcome, 64);
    c.integer('status', entry.status);
    if (entry.actor !== null) c.text('actor', entry.actor, 1024);
    if (entry.address !== null) c.text('address', entry.address, 1024);
    if (entry.target !== null) c.text('target', entry.target, 1024);
    if (entry.detail !== null) c.text('detail', entry.detail, 8192);
    return appendAuditRow(this.live, entry, seal);
  }

  async auditRecords(afterSeq = 0, limit = 1000): Promise<AuditRecord[]> {
    const c = query('audit query');
    c.integer('afterSeq', afterSeq);
    c.integer('limit', limit, 1);
    return selectAudit(this.live, afterSeq, limit);
  }

  async auditRecordsSince(fromMs: number, limit = 1000): Promise<AuditRecord[]> {
    const c = query('audit query');
    c.time('fromMs', fromMs);
    c.integer('limit', limit, 1);
    return selectAuditSince(this.live, fromMs, limit);
  }

  async deleteOlderThan(kind: RetentionKind, beforeMs: number): Promise<number> {
    const c = new RecordCheck('retention');
    c.oneOf('kind', kind, RETENTION_KINDS);
    c.time('beforeMs', beforeMs);
    return deleteOlder(this.live, kind, beforeMs);
  }

  async migrations(): Promise<AppliedMigration[]> {
    return appliedMigrations(this.live);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

