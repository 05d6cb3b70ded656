// The bus subjects of the telemetry pipeline (docs/telemetry.md, "Bus subjects"). Realtime and
// replay travel apart: a replay's messages carry the prefix `replay.<id>.`, so a display of live
// telemetry never sees replayed values.

/**
 * A name as one subject token: names may hold `.` (a token separator) and the bus forbids `*`,
 * `>` and white space, so those are percent-encoded (and `%` itself).
 */
export function subjectToken(name: string): string {
  return name.replace(/[%.*>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Raw frames after they are stored: `tm.frame.<spacecraft>`. */
export function tmFrameSubject(spacecraft: string): string {
  return `tm.frame.${subjectToken(spacecraft)}`;
}

/** Decoded parameter values, one message per packet: `tm.param.<spacecraft>`. */
export function tmParamSubject(spacecraft: string): string {
  return `tm.param.${subjectToken(spacecraft)}`;
}

/** Alarm changes (raised, updated, acknowledged, cleared): `alarm.<spacecraft>`. */
export function alarmSubject(spacecraft: string): string {
  return `alarm.${subjectToken(spacecraft)}`;
}

/** Events as stored: `event.<source>`. */
export function eventSubject(source: string): string {
  return `event.${subjectToken(source)}`;
}

/** Link status changes: `link.<link name>`. */
export function linkSubject(link: string): string {
  return `link.${subjectToken(link)}`;
}

/** The subject of a replay's message: `replay.<id>.` before the realtime subject. */
export function replaySubject(replayId: string, subject: string): string {
  return `replay.${subjectToken(replayId)}.${subject}`;
}

export const TM_FRAME_ALL = 'tm.frame.>';
export const TM_PARAM_ALL = 'tm.param.>';
export const ALARM_ALL = 'alarm.>';
export const EVENT_ALL = 'event.>';
export const LINK_ALL = 'link.>';
