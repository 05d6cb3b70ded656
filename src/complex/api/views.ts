// Archive records as the API shows them (docs/api.md): times as ISO-8601 UTC text, values as JSON
// in the same form as the telemetry pipeline's bus messages, so REST and WebSocket agree.
import { formatIsoUtc } from '../../core/time/index.ts';
import type { AlarmRecord, EventRecord, ParameterRecord, ParameterValue } from '../archive/index.ts';

export type ApiValue = number | string | boolean | null;

/** A value in JSON (see ValueSchema): 64-bit integers as decimal text, bytes as hex, NaN and infinities as null. */
export function apiValue(value: ParameterValue | null): ApiValue {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  return value;
}

export interface ParameterValueView {
  readonly name: string;
  readonly generationTime: string;
  readonly receptionTime: string;
  readonly raw: ApiValue;
  readonly eng: ApiValue;
  readonly state: string | null;
}

export function parameterValueView(r: ParameterRecord): ParameterValueView {
  return {
    name: r.parameter,
    generationTime: formatIsoUtc(r.generationTimeMs),
    receptionTime: formatIsoUtc(r.receptionTimeMs),
    raw: apiValue(r.raw),
    eng: apiValue(r.eng),
    state: r.monitoring,
  };
}

/**
 * raised: present, not acknowledged; acknowledged: present and acknowledged; cleared: gone but not
 * acknowledged (latched, still shown); closed: gone and acknowledged. As the telemetry pipeline says.
 */
export type AlarmState = 'raised' | 'acknowledged' | 'cleared' | 'closed';

export function alarmState(a: Pick<AlarmRecord, 'acknowledged' | 'clearedMs'>): AlarmState {
  if (a.clearedMs === undefined) return a.acknowledged === undefined ? 'raised' : 'acknowledged';
  return a.acknowledged === undefined ? 'cleared' : 'closed';
}

/** Without the pipeline's word: the first space system of the name, when it is a spacecraft of the fleet. */
export function spacecraftOfSubject(subject: string, fleet: readonly string[]): string | null {
  const first = subject.split('/').find((p) => p !== '');
  return first !== undefined && fleet.includes(first) ? first : null;
}

function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : formatIsoUtc(ms);
}

export interface AlarmView {
  readonly id: number;
  readonly parameter: string;
  readonly spacecraft: string | null;
  readonly severity: string;
  readonly maxSeverity: string;
  readonly state: AlarmState;
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly value: ApiValue;
  readonly triggerValue: ApiValue;
  readonly limit: ApiValue;
  readonly message: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgeComment: string | null;
  readonly clearedAt: string | null;
}

export function alarmView(a: AlarmRecord, spacecraft: string | null): AlarmView {
  return {
    id: a.id,
    parameter: a.subject,
    spacecraft,
    severity: a.severity,
    maxSeverity: a.maxSeverity,
    state: alarmState(a),
    raisedAt: formatIsoUtc(a.raisedMs),
    updatedAt: formatIsoUtc(a.updatedMs),
    value: apiValue(a.value),
    triggerValue: apiValue(a.triggerValue),
    limit: apiValue(a.limit),
    message: a.message ?? null,
    acknowledgedBy: a.acknowledged?.by ?? null,
    acknowledgedAt: isoOrNull(a.acknowledged?.timeMs),
    acknowledgeComment: a.acknowledged?.comment ?? null,
    clearedAt: isoOrNull(a.clearedMs),
  };
}

/** An alarm as the telemetry pipeline publishes it on `alarm.<spacecraft>` (its AlarmMessage). */
export interface AlarmMessage {
  readonly id: number;
  readonly parameter: string;
  readonly spacecraft: string | null;
  readonly state: AlarmState;
  readonly severity: string;
  readonly maxSeverity: string;
  readonly raisedMs: number;
  readonly updatedMs: number;
  readonly value: ApiValue;
  readonly triggerValue: ApiValue;
  readonly limit: ApiValue;
  readonly message: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedMs: number | null;
  readonly comment: string | null;
  readonly clearedMs: number | null;
}

export function alarmViewOfMessage(m: AlarmMessage): AlarmView {
  return {
    id: m.id,
    parameter: m.parameter,
    spacecraft: m.spacecraft,
    severity: m.severity,
    maxSeverity: m.maxSeverity,
    state: m.state,
    raisedAt: formatIsoUtc(m.raisedMs),
    updatedAt: formatIsoUtc(m.updatedMs),
    value: m.value,
    triggerValue: m.triggerValue,
    limit: m.limit,
    message: m.message,
    acknowledgedBy: m.acknowledgedBy,
    acknowledgedAt: isoOrNull(m.acknowledgedMs),
    acknowledgeComment: m.comment,
    clearedAt: isoOrNull(m.clearedMs),
  };
}

export function eventView(e: EventRecord) {
  return {
    id: `${e.source}:${e.timeMs}:${e.sequence}`,
    time: formatIsoUtc(e.timeMs),
    severity: e.severity,
    source: e.source,
    type: e.type,
    message: e.message,
  };
}
export type EventView = ReturnType<typeof eventView>;
