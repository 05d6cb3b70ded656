// The JSON messages of the telemetry pipeline on the bus, for live subscriptions (the API's
// WebSocket relays them). Times are ms of UTC since 1970, as everywhere inside the complex.
import type { AlarmRecord, AlarmSeverity, MonitoringState } from '../archive/index.ts';
import type { DecodedPacket } from './FrameProcessor.ts';
import { toJsonScalar } from './parameterValue.ts';
import type { JsonScalar } from './parameterValue.ts';

/**
 * `tm.param.<spacecraft>`: the values of one packet, with where it came from (link and station),
 * its APID, sequence count and container, and its generation and reception times.
 */
export type TmParamMessage = Omit<DecodedPacket, 'parameters' | 'error'> & {
  readonly parameters: readonly { readonly name: string; readonly raw: JsonScalar; readonly eng: JsonScalar; readonly state: MonitoringState | null }[];
};

export function paramMessage(p: DecodedPacket): TmParamMessage {
  return {
    spacecraft: p.spacecraft,
    source: p.source,
    station: p.station,
    apid: p.apid,
    sequenceCount: p.sequenceCount,
    container: p.container,
    generationTimeMs: p.generationTimeMs,
    receptionTimeMs: p.receptionTimeMs,
    parameters: p.parameters.map(({ record: r }) => ({ name: r.parameter, raw: toJsonScalar(r.raw), eng: toJsonScalar(r.eng), state: r.monitoring })),
  };
}

/**
 * raised: the condition is present and nobody acknowledged it; acknowledged: present and
 * acknowledged; cleared: gone but not acknowledged (latched: still shown); closed: gone and
 * acknowledged (no longer shown; kept in the archive).
 */
export type AlarmState = 'raised' | 'acknowledged' | 'cleared' | 'closed';

export function alarmState(a: Pick<AlarmRecord, 'acknowledged' | 'clearedMs'>): AlarmState {
  if (a.clearedMs === undefined) return a.acknowledged === undefined ? 'raised' : 'acknowledged';
  return a.acknowledged === undefined ? 'cleared' : 'closed';
}

/** `alarm.<spacecraft>`: an alarm after a change. */
export interface AlarmMessage {
  readonly id: number;
  /** What the change was. */
  readonly change: 'raised' | 'updated' | 'acknowledged' | 'cleared';
  /** The parameter in alarm (its archive name). */
  readonly parameter: string;
  readonly spacecraft: string | null;
  readonly state: AlarmState;
  readonly severity: AlarmSeverity;
  readonly maxSeverity: AlarmSeverity;
  readonly raisedMs: number;
  readonly updatedMs: number;
  readonly value: JsonScalar;
  readonly triggerValue: JsonScalar;
  readonly limit: JsonScalar;
  readonly message: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedMs: number | null;
  readonly comment: string | null;
  readonly clearedMs: number | null;
}

export function alarmMessage(a: AlarmRecord, spacecraft: string | null, change: AlarmMessage['change']): AlarmMessage {
  return {
    id: a.id,
    change,
    parameter: a.subject,
    spacecraft,
    state: alarmState(a),
    severity: a.severity,
    maxSeverity: a.maxSeverity,
    raisedMs: a.raisedMs,
    updatedMs: a.updatedMs,
    value: toJsonScalar(a.value),
    triggerValue: toJsonScalar(a.triggerValue),
    limit: toJsonScalar(a.limit),
    message: a.message ?? null,
    acknowledgedBy: a.acknowledged?.by ?? null,
    acknowledgedMs: a.acknowledged?.timeMs ?? null,
    comment: a.acknowledged?.comment ?? null,
    clearedMs: a.clearedMs ?? null,
  };
}
