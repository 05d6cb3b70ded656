// Archive records as the API shows them (docs/api.md): times as ISO-8601 UTC text, values as JSON
// in the same form as the telemetry pipeline's bus messages, so REST and WebSocket agree.
import { formatIsoUtc } from '../../core/time/index.ts';
import type { AlarmRecord, EventRecord, ParameterRecord } from '../archive/index.ts';
import { alarmState, toJsonScalar } from '../tm/index.ts';
import type { AlarmMessage, AlarmState as TmAlarmState, JsonScalar } from '../tm/index.ts';

/** A value in JSON as the telemetry pipeline's bus messages carry it (see ValueSchema). */
export type ApiValue = JsonScalar;
export const apiValue = toJsonScalar;

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

/** raised, acknowledged (still present), cleared (gone, not acknowledged: still shown), closed. */
export type AlarmState = TmAlarmState;

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

/** An alarm as the telemetry pipeline publishes it on `alarm.<spacecraft>`, in the REST shape. */
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
