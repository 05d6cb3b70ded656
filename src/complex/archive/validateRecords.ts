// Checks of what is handed to the archive, done before any write so that a bad batch is refused
// whole and the stored data stays as it was. A failure is a ZenithError naming the record and field.
import { ZenithError } from '../../core/errors/index.ts';
import type { ElementSet } from '../../core/orbit/index.ts';
import type {
  AlarmAcknowledgement,
  AlarmRaise,
  AlarmSeverity,
  CommandQueued,
  CommandStage,
  ContactPlan,
  EventRecord,
  FrameRecord,
  ParameterRecord,
  PassQuery,
  PassRecord,
  TimeRange,
} from './Archive.ts';
import { MONITORING_STATES, SEVERITIES, STAGE_STATUSES } from './Archive.ts';

const ALARM_SEVERITIES: readonly AlarmSeverity[] = ['watch', 'warning', 'distress', 'critical', 'severe'];
/** About ±275 000 years around 1970: the range of a JavaScript Date. */
const TIME_LIMIT_MS = 8.64e15;
const NAME_MAX = 256;
const STAGE_RE = /^[a-z][a-z0-9-]{0,31}$/;
// Control characters have no place in names shown to operators and written to CSV.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function shown(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/** Names the field of the record being checked in each failure, e.g. `frames[3].sequence`. */
export class RecordCheck {
  constructor(
    private readonly path: string,
    private readonly code = 'ARCHIVE_INPUT',
  ) {}

  fail(field: string, expected: string, found: unknown): never {
    const where = field === '' ? this.path : `${this.path}.${field}`;
    throw new ZenithError(this.code, `${where}: expected ${expected}, found ${shown(found)}`, { field: where });
  }

  name(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > NAME_MAX || CONTROL_RE.test(value)) {
      this.fail(field, `a name of 1-${NAME_MAX} printable characters`, value);
    }
    return value;
  }

  text(field: string, value: unknown, max = 65_536): string {
    if (typeof value !== 'string' || value.length > max) this.fail(field, `text of at most ${max} characters`, value);
    return value;
  }

  time(field: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > TIME_LIMIT_MS) this.fail(field, 'a time in ms of UTC since 1970', value);
    return value;
  }

  integer(field: string, value: unknown, min = 0): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) this.fail(field, `a whole number >= ${min}`, value);
    return value;
  }

  finite(field: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'a finite number', value);
    return value;
  }

  bytes(field: string, value: unknown): Uint8Array {
    if (!(value instanceof Uint8Array)) this.fail(field, 'bytes (a Uint8Array)', value);
    return value;
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) this.fail(field, `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  value(field: string, value: unknown): void {
    const ok = value === null || ['number', 'bigint', 'string', 'boolean'].includes(typeof value) || value instanceof Uint8Array;
    if (!ok) this.fail(field, 'a number, bigint, string, boolean, bytes or null', value);
  }

  /** A plain JSON object (arguments, details); its JSON text. */
  json(field: string, value: unknown): string {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'a JSON object', value);
    try {
      return JSON.stringify(value);
    } catch (cause) {
      return this.fail(field, `a JSON object (${String(cause)})`, value);
    }
  }

  range(range: TimeRange): void {
    this.time('fromMs', range.fromMs);
    this.time('toMs', range.toMs);
    if (range.toMs < range.fromMs) this.fail('toMs', `a time not before fromMs ${range.fromMs}`, range.toMs);
  }
}

function each<T>(what: string, batch: readonly T[], check: (c: RecordCheck, record: T) => void): void {
  if (!Array.isArray(batch)) new RecordCheck(what).fail('', 'an array of records', batch);
  batch.forEach((record, i) => {
    const c = new RecordCheck(`${what}[${i}]`);
    if (typeof record !== 'object' || record === null) c.fail('', 'a record', record);
    check(c, record);
  });
}

export function validateFrames(batch: readonly FrameRecord[]): void {
  each('frames', batch, (c, f) => {
    c.name('source', f.source);
    c.integer('sequence', f.sequence);
    c.time('receptionTimeMs', f.receptionTimeMs);
    c.name('station', f.station);
    c.name('spacecraft', f.spacecraft);
    c.integer('qualityFlags', f.qualityFlags);
    if (f.qualityFlags > 0x7fffffff) c.fail('qualityFlags', 'flags within 31 bits', f.qualityFlags);
    c.bytes('bytes', f.bytes);
  });
}

export function validateParameters(batch: readonly ParameterRecord[]): void {
  each('parameters', batch, (c, p) => {
    c.name('parameter', p.parameter);
    c.time('generationTimeMs', p.generationTimeMs);
    c.time('receptionTimeMs', p.receptionTimeMs);
    c.value('raw', p.raw);
    c.value('eng', p.eng);
    if (p.monitoring !== null) c.oneOf('monitoring', p.monitoring, MONITORING_STATES);
  });
}

export function validateEvents(batch: readonly EventRecord[]): void {
  each('events', batch, (c, e) => {
    c.name('source', e.source);
    c.integer('sequence', e.sequence);
    c.time('timeMs', e.timeMs);
    c.oneOf('severity', e.severity, SEVERITIES);
    c.name('type', e.type);
    c.text('message', e.message);
  });
}

export function validateAlarmRaise(alarm: AlarmRaise): void {
  const c = new RecordCheck('alarm');
  c.name('subject', alarm.subject);
  c.time('raisedMs', alarm.raisedMs);
  c.oneOf('severity', alarm.severity, ALARM_SEVERITIES);
  c.value('value', alarm.value);
  c.value('limit', alarm.limit);
  if (alarm.message !== undefined) c.text('message', alarm.message);
}

export function validateAlarmUpdate(update: { readonly timeMs: number; readonly severity: AlarmSeverity; readonly value: unknown }): void {
  const c = new RecordCheck('alarm update');
  c.time('timeMs', update.timeMs);
  c.oneOf('severity', update.severity, ALARM_SEVERITIES);
  c.value('value', update.value);
}

export function validateAcknowledgement(ack: AlarmAcknowledgement): void {
  const c = new RecordCheck('acknowledgement');
  c.name('by', ack.by);
  c.time('timeMs', ack.timeMs);
  if (ack.comment !== undefined) c.text('comment', ack.comment);
}

export function validateCommand(command: CommandQueued): void {
  const c = new RecordCheck('command');
  c.name('id', command.id);
  c.name('name', command.name);
  c.name('spacecraft', command.spacecraft);
  c.json('arguments', command.arguments);
  c.name('origin', command.origin);
  c.time('queuedMs', command.queuedMs);
  c.oneOf('releaseMode', command.releaseMode, ['now', 'time', 'contact']);
  if (command.releaseMode === 'time' || command.releaseAtMs !== undefined) c.time('releaseAtMs', command.releaseAtMs);
  if (command.binary !== undefined) c.bytes('binary', command.binary);
}

export function validateStage(stage: CommandStage): void {
  const c = new RecordCheck('stage');
  if (typeof stage.stage !== 'string' || !STAGE_RE.test(stage.stage)) c.fail('stage', 'a stage name of lower-case letters, digits and -', stage.stage);
  c.oneOf('status', stage.status, STAGE_STATUSES);
  c.time('timeMs', stage.timeMs);
  if (stage.message !== undefined) c.text('message', stage.message);
}

export function validateElementSets(batch: readonly ElementSet[]): void {
  each('elementSets', batch, (c, e) => {
    c.integer('catalogId', e.catalogId);
    if (e.catalogId > 999_999_999) c.fail('catalogId', 'a catalog number of at most nine digits', e.catalogId);
    c.time('epochMs', e.epochMs);
    for (const field of ['meanMotionRevPerDay', 'eccentricity', 'inclinationDeg', 'raanDeg', 'argOfPericenterDeg', 'meanAnomalyDeg', 'bstar'] as const) {
      c.finite(field, e[field]);
    }
  });
}

export function validatePasses(window: PassQuery, passes: readonly PassRecord[]): void {
  const w = new RecordCheck('window');
  w.range(window);
  if (window.station !== undefined) w.name('station', window.station);
  if (window.spacecraft !== undefined) w.name('spacecraft', window.spacecraft);
  each('passes', passes, (c, p) => {
    c.name('station', p.station);
    c.name('spacecraft', p.spacecraft);
    c.time('aosMs', p.aosMs);
    c.time('losMs', p.losMs);
    c.time('tcaMs', p.tcaMs);
    c.finite('maxElevationDeg', p.maxElevationDeg);
    if (p.losMs < p.aosMs) c.fail('losMs', `a time not before aosMs ${p.aosMs}`, p.losMs);
    // A pass outside the window would survive the next replacement of that window, twice.
    if (p.aosMs < window.fromMs || p.aosMs >= window.toMs) c.fail('aosMs', `a time within the window [${window.fromMs}, ${window.toMs})`, p.aosMs);
    if (window.station !== undefined && p.station !== window.station) c.fail('station', `the window's station ${window.station}`, p.station);
    if (window.spacecraft !== undefined && p.spacecraft !== window.spacecraft) c.fail('spacecraft', `the window's spacecraft ${window.spacecraft}`, p.spacecraft);
    if (p.details !== undefined) c.json('details', p.details);
  });
}

export function validateContactPlan(plan: ContactPlan): void {
  const c = new RecordCheck('plan');
  c.time('createdMs', plan.createdMs);
  c.range(plan);
  if (plan.note !== undefined) c.text('note', plan.note);
  each('plan.contacts', plan.contacts, (cc, contact) => {
    cc.name('station', contact.station);
    cc.name('spacecraft', contact.spacecraft);
    cc.time('startMs', contact.startMs);
    cc.time('endMs', contact.endMs);
    if (contact.endMs < contact.startMs) cc.fail('endMs', `a time not before startMs ${contact.startMs}`, contact.endMs);
    if (contact.details !== undefined) cc.json('details', contact.details);
  });
}

/** Checks a query's time range and optional limit (queries come from the API: a ZenithError ARCHIVE_QUERY). */
export function validateQuery(what: string, query: Partial<TimeRange> & { readonly limit?: number }, needsRange = true): void {
  const c = new RecordCheck(what, 'ARCHIVE_QUERY');
  if (needsRange || query.fromMs !== undefined) c.time('fromMs', query.fromMs);
  if (needsRange || query.toMs !== undefined) c.time('toMs', query.toMs);
  if (query.fromMs !== undefined && query.toMs !== undefined && query.toMs < query.fromMs) {
    c.fail('toMs', `a time not before fromMs ${query.fromMs}`, query.toMs);
  }
  if (query.limit !== undefined) c.integer('limit', query.limit, 1);
}
