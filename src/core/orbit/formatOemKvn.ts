// Orbit Ephemeris Message in KVN, CCSDS 502.0-B-3 (ODM v3) §5: one header, then one segment per
// object (§5.2.3 metadata, §5.2.4 ephemeris data lines) — the export format for trajectories.

import type { Vec3 } from '../math/index.ts';

/** Reference frames Zenith writes; both are REF_FRAME values of the SANA registry that ODM v3 refers to (§5.2.3). */
export type OemRefFrame = 'TEME' | 'ITRF';

export interface OemState {
  readonly utcMs: number;
  /** km */
  readonly position: Vec3;
  /** km/s */
  readonly velocity: Vec3;
}

export interface OemSegment {
  readonly objectName: string;
  /** International designator, `YYYY-NNNP{PP}` recommended by §5.2.3 (Table 5-3). */
  readonly objectId: string;
  readonly refFrame: OemRefFrame;
  /** At least one state, in increasing time order (§5.2.4.1). */
  readonly states: readonly OemState[];
  /** Free text put at the start of the metadata (ODM KVN syntax, §7: COMMENT lines may open the metadata). */
  readonly comments?: readonly string[];
}

/** §5.2.2 header. `creationMs` comes from the caller: core reads no clock. */
export function formatOemHeader(creationMs: number, originator: string): string {
  return [
    'CCSDS_OEM_VERS = 3.0',
    `CREATION_DATE = ${formatOemEpoch(creationMs)}`,
    `ORIGINATOR = ${kvnValue(originator)}`,
    '',
  ].join('\n');
}

/** One META_START..META_STOP block and its data lines, with a blank line before it. */
export function formatOemSegment(segment: OemSegment): string {
  const first = segment.states[0];
  const last = segment.states.at(-1);
  if (first === undefined || last === undefined) {
    throw new RangeError(`OEM segment of ${segment.objectName} has no states; §5.2.4 needs at least one`);
  }
  const lines: string[] = ['', 'META_START'];
  for (const comment of segment.comments ?? []) lines.push(`COMMENT ${kvnValue(comment)}`);
  lines.push(
    `OBJECT_NAME = ${kvnValue(segment.objectName)}`,
    `OBJECT_ID = ${kvnValue(segment.objectId)}`,
    'CENTER_NAME = EARTH',
    `REF_FRAME = ${segment.refFrame}`,
    'TIME_SYSTEM = UTC',
    `START_TIME = ${formatOemEpoch(first.utcMs)}`,
    `STOP_TIME = ${formatOemEpoch(last.utcMs)}`,
    'META_STOP',
    '',
  );
  for (const s of segment.states) {
    const { position: r, velocity: v } = s;
    lines.push(
      `${formatOemEpoch(s.utcMs)} ${r.x.toFixed(8)} ${r.y.toFixed(8)} ${r.z.toFixed(8)} ` +
        `${v.x.toFixed(9)} ${v.y.toFixed(9)} ${v.z.toFixed(9)}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * `YYYY-MM-DDThh:mm:ss.ffffff` (the ODM time format, §7, allows any number of fraction digits). Microseconds, because
 * times counted from a TLE epoch carry a sub-millisecond part that milliseconds would round away.
 */
export function formatOemEpoch(utcMs: number): string {
  let wholeMs = Math.floor(utcMs);
  let micro = Math.round((utcMs - wholeMs) * 1000);
  if (micro === 1000) {
    wholeMs += 1;
    micro = 0;
  }
  const iso = new Date(wholeMs).toISOString(); // 2000-06-27T18:50:19.733Z
  return `${iso.slice(0, -1)}${String(micro).padStart(3, '0')}`;
}

/** KVN values are one line; a stray newline in a name would start a bogus keyword. */
function kvnValue(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
