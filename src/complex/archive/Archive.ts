// The archive seam of the complex: everything the ground segment keeps (frames, parameters, events,
// alarms, command history, element sets, passes, contact plans) behind one asynchronous interface
// with two implementations, SQLite (embedded default) and PostgreSQL. Times are ms of UTC since 1970.
import type { ElementSet } from '../../core/orbit/index.ts';

/** Severity of events, ordered; alarms use the same scale without 'info'. */
export type Severity = 'info' | 'watch' | 'warning' | 'distress' | 'critical' | 'severe';
export type AlarmSeverity = Exclude<Severity, 'info'>;
/** The outcome of a limit check, as the mission database names it (XTCE alarm levels). */
export type MonitoringState = 'normal' | AlarmSeverity;

export const SEVERITIES: readonly Severity[] = ['info', 'watch', 'warning', 'distress', 'critical', 'severe'];
export const MONITORING_STATES: readonly MonitoringState[] = ['normal', 'watch', 'warning', 'distress', 'critical', 'severe'];

/** A parameter value as decoded: numbers (IEEE, including NaN from a float on board), 64-bit integers, text, flags, bytes. */
export type ParameterValue = number | bigint | string | boolean | Uint8Array;

/** A half-open interval of time [fromMs, toMs). */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * A transfer frame as received, with its reception metadata. The key is (source, receptionTimeMs,
 * sequence): storing the same frame again stores nothing, so a resend must carry the same values.
 */
export interface FrameRecord {
  /** The stream the frame came in on, e.g. the link name `S1-tm`. */
  readonly source: string;
  /** The source's running counter of frames (0 .. 2^53). */
  readonly sequence: number;
  /** Ground receipt time (earth reception time) stamped where the frame was received. */
  readonly receptionTimeMs: number;
  readonly station: string;
  readonly spacecraft: string;
  /** Bit flags set by the receiver (0 = nothing to report); their meaning belongs to the link. */
  readonly qualityFlags: number;
  readonly bytes: Uint8Array;
}

/** A break in a source's frame sequence between two consecutive frames in time order. */
export interface SequenceGap {
  readonly source: string;
  readonly beforeSequence: number;
  readonly beforeMs: number;
  readonly afterSequence: number;
  readonly afterMs: number;
  /** How many sequence numbers are missing; undefined when the counter went back (a reset). */
  readonly missing: number | undefined;
}

export interface FrameQuery extends TimeRange {
  readonly sources?: readonly string[];
  readonly station?: string;
  readonly spacecraft?: string;
  /** Frames per batch of the iteration (default 1000). */
  readonly batchSize?: number;
}

/** A parameter value by parameter and generation time (the key: storing it again stores nothing new). */
export interface ParameterRecord {
  /** The mission database's qualified name, e.g. `/ZEN-1/EPS/BATT_V`. */
  readonly parameter: string;
  readonly generationTimeMs: number;
  readonly receptionTimeMs: number;
  readonly raw: ParameterValue | null;
  readonly eng: ParameterValue | null;
  readonly monitoring: MonitoringState | null;
}

/** One plotting bucket of a parameter's numeric engineering values. */
export interface ParameterBucket {
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

export interface EventRecord {
  readonly source: string;
  /** The source's counter: with source and time, the key of the event. */
  readonly sequence: number;
  readonly timeMs: number;
  readonly severity: Severity;
  readonly type: string;
  readonly message: string;
}

export interface EventQuery extends TimeRange {
  readonly minSeverity?: Severity;
  readonly source?: string;
  readonly limit?: number;
}

/** An alarm as it is raised. The key is (subject, raisedMs): raising it again returns the same alarm. */
export interface AlarmRaise {
  /** What is in alarm, usually a parameter's qualified name. */
  readonly subject: string;
  readonly raisedMs: number;
  readonly severity: AlarmSeverity;
  readonly value: ParameterValue | null;
  /** The limit that was crossed. */
  readonly limit: ParameterValue | null;
  readonly message?: string;
}

export interface AlarmAcknowledgement {
  readonly by: string;
  readonly timeMs: number;
  readonly comment?: string;
}

export interface AlarmRecord {
  readonly id: number;
  readonly subject: string;
  readonly raisedMs: number;
  /** The current severity, and the highest one seen since raised. */
  readonly severity: AlarmSeverity;
  readonly maxSeverity: AlarmSeverity;
  /** The latest value, and the value at raise time. */
  readonly value: ParameterValue | null;
  readonly triggerValue: ParameterValue | null;
  readonly limit: ParameterValue | null;
  readonly message: string | undefined;
  readonly updatedMs: number;
  readonly acknowledged: AlarmAcknowledgement | undefined;
  readonly clearedMs: number | undefined;
}

export interface AlarmQuery extends Partial<TimeRange> {
  readonly minSeverity?: AlarmSeverity;
  /** Only alarms still shown: not both acknowledged and cleared. */
  readonly activeOnly?: boolean;
  readonly subject?: string;
  readonly limit?: number;
}

/** The verification stages of a command, in order (others, such as XTCE verifier names, may be added). */
export const COMMAND_STAGES = ['queued', 'released', 'sent', 'ground-ack', 'onboard-acceptance', 'execution'] as const;
export type CommandStageName = (typeof COMMAND_STAGES)[number] | (string & {});
export type StageStatus = 'pending' | 'ok' | 'failed' | 'timeout' | 'cancelled';
export const STAGE_STATUSES: readonly StageStatus[] = ['pending', 'ok', 'failed', 'timeout', 'cancelled'];

export type ReleaseMode = 'now' | 'time' | 'contact';

/** A command as queued. Its id is chosen by the caller, so queueing it again is harmless. */
export interface CommandQueued {
  readonly id: string;
  /** The mission database's qualified command name. */
  readonly name: string;
  readonly spacecraft: string;
  /** The validated arguments, as JSON. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** Who queued it. */
  readonly origin: string;
  readonly queuedMs: number;
  readonly releaseMode: ReleaseMode;
  /** For releaseMode 'time'. */
  readonly releaseAtMs?: number;
  /** The encoded command (packet), when known at queue time. */
  readonly binary?: Uint8Array;
}

export interface CommandStage {
  readonly stage: CommandStageName;
  readonly status: StageStatus;
  readonly timeMs: number;
  readonly message?: string;
}

export interface CommandRecord extends CommandQueued {
  /** Every stage recorded so far, in the order of COMMAND_STAGES, then others by time. */
  readonly stages: readonly CommandStage[];
}

export interface CommandQuery extends TimeRange {
  readonly spacecraft?: string;
  readonly limit?: number;
  /** Newest first, so that `limit` keeps the newest (a history page); default oldest first. */
  readonly newestFirst?: boolean;
}

export interface PassRecord {
  readonly station: string;
  readonly spacecraft: string;
  readonly aosMs: number;
  readonly losMs: number;
  /** Time and value of the highest elevation. */
  readonly tcaMs: number;
  readonly maxElevationDeg: number;
  /** Whatever else the predictor wants kept (azimuths, orbit number), as JSON. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface PassQuery extends TimeRange {
  readonly station?: string;
  readonly spacecraft?: string;
}

export interface ContactRecord {
  readonly station: string;
  readonly spacecraft: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A contact plan as made at `createdMs` for the window [fromMs, toMs); the latest plan is in force. */
export interface ContactPlan extends TimeRange {
  readonly createdMs: number;
  readonly note?: string;
  readonly contacts: readonly ContactRecord[];
}

export interface StoredContactPlan extends ContactPlan {
  readonly id: number;
}

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly appliedMs: number;
}

/** A person (or script owner) who may use the complex; `role` is one of auth's roles. */
export interface UserRecord {
  readonly name: string;
  readonly role: string;
  /** The password as auth hashes it (scrypt with its salt and parameters), never the password. */
  readonly passwordHash: string;
  readonly createdMs: number;
  readonly disabled: boolean;
  /** The password was set by the complex, not by the user (the first admin's): it must be changed before anything else. */
  readonly mustChangePassword?: boolean;
}

/** What `updateUser` may change. */
export interface UserChange {
  readonly role?: string;
  readonly passwordHash?: string;
  readonly disabled?: boolean;
  readonly mustChangePassword?: boolean;
}

/** An API token: only the SHA-256 of its secret is kept. */
export interface TokenRecord {
  /** Hex SHA-256 of the token text: the key it is found by. */
  readonly hash: string;
  /** A short public id, to name the token in lists and the audit log. */
  readonly id: string;
  readonly user: string;
  readonly scopes: readonly string[];
  readonly label?: string;
  readonly createdMs: number;
  readonly expiresMs?: number;
  readonly revokedMs?: number;
}

/** A login session: only the SHA-256 of the cookie's id is kept. Times are wall-clock ms. */
export interface SessionRecord {
  readonly hash: string;
  readonly user: string;
  readonly csrfToken: string;
  readonly createdMs: number;
  readonly lastSeenMs: number;
  /** The absolute end of the session, whatever its use. */
  readonly expiresMs: number;
}

/** Which sessions `deleteSessions` ends. */
export type SessionSelector = { readonly hash: string } | { readonly user: string } | { readonly endedBy: number; readonly unusedSince: number };

/** What happened, as the audit log keeps it (before it is chained). */
export interface AuditEntry {
  /** Wall-clock ms. */
  readonly timeMs: number;
  /** Who: a user name, or null when unknown (a request without valid credentials). */
  readonly actor: string | null;
  /** Where from: the client address, `cli`, or null. */
  readonly address: string | null;
  /** What: e.g. `POST /api/commands`, `users.add`, `login`. */
  readonly action: string;
  /** On what: a command id, a user name, ... or null. */
  readonly target: string | null;
  /** `ok`, `failed` or `denied`. */
  readonly outcome: string;
  /** The HTTP status answered (0 for actions outside HTTP). */
  readonly status: number;
  /** More, as short text (an error code, a reason). */
  readonly detail: string | null;
}

/** A record of the audit log: its place in the chain and the hashes that link it. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3, ... without gaps. */
  readonly seq: number;
  /** The hash of the record before (64 zeros for the first). */
  readonly prevHash: string;
  /** Hex SHA-256 over the canonical content of this record, prevHash included. */
  readonly hash: string;
}

/** What retention can delete, each by its own age: see `deleteOlderThan`. */
export type RetentionKind = 'frames' | 'parameters' | 'events' | 'alarms' | 'commands' | 'elementSets' | 'passes' | 'contactPlans';
export const RETENTION_KINDS: readonly RetentionKind[] = ['frames', 'parameters', 'events', 'alarms', 'commands', 'elementSets', 'passes', 'contactPlans'];

/**
 * Every method is asynchronous and every store method is one transaction: it resolves once the
 * batch is durably committed (so a frame may be acknowledged to its station then), and a batch
 * with one bad record is refused whole with a ZenithError (code ARCHIVE_INPUT) naming it.
 */
export interface Archive {
  readonly kind: 'sqlite' | 'postgres';
  /** The file or the URL (without password) of the archive, for messages. */
  readonly location: string;

  /** Stores frames; resolves with how many were new (the rest were stored before). */
  storeFrames(batch: readonly FrameRecord[]): Promise<number>;
  /** Frames in reception order, in batches, for replay. */
  frames(query: FrameQuery): AsyncIterable<FrameRecord[]>;
  /** Breaks in each source's sequence counter in the range; `modulus` for counters that wrap. */
  frameGaps(query: TimeRange & { readonly source?: string; readonly modulus?: number }): Promise<SequenceGap[]>;

  storeParameters(batch: readonly ParameterRecord[]): Promise<number>;
  /** A parameter's values in [fromMs, toMs) by generation time, oldest first (at most `limit`, default 100 000). */
  parameterValues(parameter: string, range: TimeRange & { readonly limit?: number }): Promise<ParameterRecord[]>;
  /** Numeric engineering values in `points` equal buckets of the range (empty buckets left out). */
  parameterHistory(parameter: string, range: TimeRange, points: number): Promise<ParameterBucket[]>;
  /** The newest value of each parameter named (of every parameter when none are named). */
  latestValues(parameters?: readonly string[]): Promise<ParameterRecord[]>;
  /** CSV (RFC 4180, CRLF) of the parameters in the range: time, parameter, raw, engineering, monitoring. */
  exportParametersCsv(parameters: readonly string[], range: TimeRange): AsyncIterable<string>;

  storeEvents(batch: readonly EventRecord[]): Promise<number>;
  events(query: EventQuery): Promise<EventRecord[]>;

  raiseAlarm(alarm: AlarmRaise): Promise<AlarmRecord>;
  /** A new value (and severity) of an alarm still raised; the highest severity is kept too. */
  updateAlarm(id: number, update: { readonly timeMs: number; readonly severity: AlarmSeverity; readonly value: ParameterValue | null }): Promise<AlarmRecord>;
  /** The first acknowledgement is kept; acknowledging again changes nothing. */
  acknowledgeAlarm(id: number, acknowledgement: AlarmAcknowledgement): Promise<AlarmRecord>;
  /** The condition has gone; the alarm stays shown until acknowledged too. */
  clearAlarm(id: number, timeMs: number): Promise<AlarmRecord>;
  alarm(id: number): Promise<AlarmRecord | undefined>;
  alarms(query?: AlarmQuery): Promise<AlarmRecord[]>;

  /** Queues a command and records its 'queued' stage. */
  queueCommand(command: CommandQueued): Promise<CommandRecord>;
  /** Records (or updates) one verification stage of a command. */
  recordCommandStage(id: string, stage: CommandStage): Promise<void>;
  /**
   * Records the stage only when it has not been recorded before; true when this call recorded it.
   * The command pipeline claims 'sent' before transmitting, so a command is sent at most once.
   */
  claimCommandStage(id: string, stage: CommandStage): Promise<boolean>;
  command(id: string): Promise<CommandRecord | undefined>;
  /** Commands queued in the range, oldest first (newest first with `newestFirst`). */
  commands(query: CommandQuery): Promise<CommandRecord[]>;

  storeElementSets(batch: readonly ElementSet[]): Promise<number>;
  /** A catalog object's element sets with epochs in the range, oldest first. */
  elementSets(catalogId: number, range?: TimeRange): Promise<ElementSet[]>;
  /** For each catalog id (all when none are named), the newest set with epoch at or before `atMs` (default: any). */
  latestElementSets(options?: { readonly catalogIds?: readonly number[]; readonly atMs?: number }): Promise<ElementSet[]>;

  /** Replaces the predictions whose AOS lies in the window (of the station and spacecraft, when named). */
  replacePasses(window: PassQuery, passes: readonly PassRecord[]): Promise<void>;
  /** Passes overlapping the range, by AOS. */
  passes(query: PassQuery): Promise<PassRecord[]>;

  /** Stores a plan (again: same createdMs, same plan) and returns its id. */
  storeContactPlan(plan: ContactPlan): Promise<number>;
  /** The plan with this id, or the latest plan. */
  contactPlan(id?: number): Promise<StoredContactPlan | undefined>;
  /** Contacts of the latest plan overlapping the range, by start. */
  contacts(query: PassQuery): Promise<ContactRecord[]>;

  /** Adds a user; false (nothing changed) when the name is taken. */
  createUser(user: UserRecord): Promise<boolean>;
  /** Changes a user's role, password hash or disabled flag; ARCHIVE_NOT_FOUND for an unknown name. */
  updateUser(name: string, change: UserChange): Promise<UserRecord>;
  user(name: string): Promise<UserRecord | undefined>;
  /** Every user, by name. */
  users(): Promise<UserRecord[]>;

  storeToken(token: TokenRecord): Promise<void>;
  tokenByHash(hash: string): Promise<TokenRecord | undefined>;
  /** The tokens of a user (of everyone when none is named), oldest first. */
  tokens(user?: string): Promise<TokenRecord[]>;
  /** Marks a token (by its public id) revoked; false when there is none by that id. */
  revokeToken(id: string, timeMs: number): Promise<boolean>;

  storeSession(session: SessionRecord): Promise<void>;
  sessionByHash(hash: string): Promise<SessionRecord | undefined>;
  touchSession(hash: string, lastSeenMs: number): Promise<void>;
  /**
   * Ends one session (by hash), every session of a user (by `user`), or every session that ended by
   * `endedBy` (its absolute end) or was last used before `unusedSince`; resolves with how many went.
   */
  deleteSessions(which: SessionSelector): Promise<number>;

  /**
   * Appends one record to the audit log in one transaction, alone (no other append runs between
   * reading the last record and writing this one): `seal` gives the hash of the record built on
   * the last one. The log has no update or delete.
   */
  appendAudit(entry: AuditEntry, seal: (record: Omit<AuditRecord, 'hash'>) => string): Promise<AuditRecord>;
  /** Records with seq > afterSeq, in order, at most `limit` (default 1000). */
  auditRecords(afterSeq?: number, limit?: number): Promise<AuditRecord[]>;
  /** Records written at `fromMs` or later (by their time), in seq order, at most `limit` (default 1000). */
  auditRecordsSince(fromMs: number, limit?: number): Promise<AuditRecord[]>;

  /**
   * Deletes records of one kind older than `beforeMs`; resolves with how many went. Alarms go only
   * once acknowledged and cleared; the newest element set of each object and the latest contact
   * plan are kept; latest parameter values are kept.
   */
  deleteOlderThan(kind: RetentionKind, beforeMs: number): Promise<number>;

  /** The schema migrations applied, in order. */
  migrations(): Promise<AppliedMigration[]>;
  close(): Promise<void>;
}
