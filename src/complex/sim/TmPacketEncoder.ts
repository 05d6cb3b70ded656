// Writes telemetry packets from a mission database, the inverse of PacketDecoder for the simple
// containers a spacecraft produces: the container chain from the root to one leaf (XTCE 1.2
// §3.4.4), each entry at its place, engineering values turned into raw counts through the type's
// calibrator and encoding. The values its restriction criteria fix (APID, service, subtype,
// structure id) are set from the criteria themselves, so the simulator follows the database.
import { uncalibrate, utcMsToAbsoluteTime } from '../../core/mdb/index.ts';
import type { Calibrator, DataType, MatchCriteria, MissionDatabase, Parameter, SequenceContainer } from '../../core/mdb/index.ts';
import { writeField } from './bitField.ts';

/** An engineering value: a number, an enumeration label, a boolean, or ms of UTC for absolute times. */
export type EngValue = number | string | boolean;

interface Field {
  readonly parameter: Parameter;
  readonly type: DataType;
  /** Bits from the previous entry's end, or from the packet start. */
  readonly offset: number;
  readonly fromStart: boolean;
  readonly size: number;
  readonly fixed: EngValue | undefined;
}

function unsupported(container: SequenceContainer, what: string): RangeError {
  return new RangeError(`container ${container.qualifiedName}: the simulator cannot write ${what}`);
}

/** `P == v` terms of a restriction (and-ed); anything else cannot be written by the simulator. */
function fixedValues(container: SequenceContainer, c: MatchCriteria, out: Map<Parameter, string>): void {
  if (c.kind === 'and') {
    for (const t of c.terms) fixedValues(container, t, out);
    return;
  }
  if (c.kind === 'comparison' && c.operator === '==' && c.memberPath.length === 0) {
    out.set(c.parameter, c.value);
    return;
  }
  throw unsupported(container, 'a restriction other than parameter == value');
}

function sizeOf(container: SequenceContainer, type: DataType): number {
  const enc = type.encoding;
  if (enc === null || (enc.kind !== 'integer' && enc.kind !== 'float')) throw unsupported(container, `type ${type.qualifiedName} (no integer or float encoding)`);
  if (enc.byteOrder !== 'mostSignificantByteFirst') throw unsupported(container, `little-endian type ${type.qualifiedName}`);
  if (enc.kind === 'integer' && (enc.signedness === 'signMagnitude' || enc.signedness === 'onesComplement')) throw unsupported(container, `${enc.signedness} type ${type.qualifiedName}`);
  if (!['integer', 'float', 'enumerated', 'boolean', 'absoluteTime'].includes(type.kind)) throw unsupported(container, `${type.kind} type ${type.qualifiedName}`);
  return enc.sizeInBits;
}

export class TmPacketEncoder {
  readonly container: SequenceContainer;
  private readonly fields: readonly Field[];

  /** `container`: a qualified or unique short name. Throws RangeError for what it cannot write. */
  constructor(mdb: MissionDatabase, container: string) {
    const leaf = mdb.container(container);
    if (leaf === undefined) throw new RangeError(`no container named ${container} in the mission database`);
    this.container = leaf;
    const chain: SequenceContainer[] = [];
    for (let c: SequenceContainer | null = leaf; c !== null && !chain.includes(c); c = c.base) chain.unshift(c);
    const fixed = new Map<Parameter, string>();
    for (const c of chain) if (c.restriction !== null) fixedValues(c, c.restriction, fixed);
    const fields: Field[] = [];
    for (const c of chain) {
      for (const e of c.entries) {
        if (e.kind !== 'parameter') throw unsupported(c, 'container references');
        if (e.include !== null || e.repeat !== null) throw unsupported(c, 'conditional or repeated entries');
        if (e.location !== null && e.location.reference === 'containerEnd') throw unsupported(c, 'entries placed from the container end');
        const type = e.parameter.type;
        if (type === null) throw unsupported(c, `parameter ${e.parameter.qualifiedName} without a type`);
        const fromStart = e.location?.reference === 'containerStart';
        fields.push({ parameter: e.parameter, type, offset: e.location?.bits ?? 0, fromStart, size: sizeOf(c, type), fixed: fixed.get(e.parameter) });
      }
    }
    this.fields = fields;
  }

  /** Parameters the packet holds, in order (qualified names). */
  parameters(): string[] {
    return this.fields.map((f) => f.parameter.qualifiedName);
  }

  /**
   * The packet for `values` (by short or qualified parameter name). Parameters without a value are
   * written as raw 0; values beyond what the encoding holds saturate, as a sensor does. The CCSDS
   * packet data length (octets 4-5) is set from the packet's size.
   */
  encode(values: Readonly<Record<string, EngValue | undefined>>): Uint8Array {
    let pos = 0;
    let end = 0;
    const raws: bigint[] = [];
    for (const f of this.fields) {
      const given = f.fixed ?? values[f.parameter.name] ?? values[f.parameter.qualifiedName];
      raws.push(given === undefined ? 0n : toRaw(f.type, f.size, given));
    }
    const positions: number[] = [];
    for (const f of this.fields) {
      pos = f.fromStart ? f.offset : pos + f.offset;
      positions.push(pos);
      pos += f.size;
      if (pos > end) end = pos;
    }
    const bytes = new Uint8Array(Math.ceil(end / 8));
    this.fields.forEach((f, i) => {
      writeField(bytes, positions[i] ?? 0, f.size, raws[i] ?? 0n);
    });
    if (bytes.length >= 7) {
      const dataLength = bytes.length - 7;
      bytes[4] = dataLength >>> 8;
      bytes[5] = dataLength & 0xff;
    }
    return bytes;
  }
}

function rawRange(type: DataType, size: number): [bigint, bigint] {
  const enc = type.encoding;
  if (enc?.kind === 'integer' && enc.signedness !== 'unsigned') return [-(1n << BigInt(size - 1)), (1n << BigInt(size - 1)) - 1n];
  return [0n, (1n << BigInt(size)) - 1n];
}

/** Raw count of an engineering value: calibrator inverted (clamped to a spline's ends), rounded, saturated. */
function rawNumber(cal: Calibrator | null, eng: number): number {
  if (cal === null) return eng;
  const raw = uncalibrate(cal, eng);
  if (raw !== null) return raw;
  if (cal.kind === 'spline') {
    // Beyond the table: the end whose calibrated value is nearest.
    const first = cal.points[0];
    const last = cal.points[cal.points.length - 1];
    if (first === undefined || last === undefined) return 0;
    return Math.abs(first.calibrated - eng) < Math.abs(last.calibrated - eng) ? first.raw : last.raw;
  }
  return 0;
}

function toRaw(type: DataType, size: number, value: EngValue): bigint {
  const enc = type.encoding;
  if (enc === null || (enc.kind !== 'integer' && enc.kind !== 'float')) return 0n;
  let eng: number;
  if (type.kind === 'enumerated') {
    const label = typeof value === 'string' ? type.enumerations.find((e) => e.label === value) : undefined;
    eng = label?.value ?? Number(value);
  } else if (type.kind === 'boolean') {
    eng = value === true || value === type.oneString || value === 1 ? 1 : 0;
  } else if (type.kind === 'absoluteTime') {
    eng = utcMsToAbsoluteTime(type, Number(value)) ?? 0;
  } else {
    eng = typeof value === 'number' ? value : Number(value);
  }
  if (!Number.isFinite(eng)) eng = 0;
  const cal = type.kind === 'enumerated' || type.kind === 'boolean' ? null : enc.calibrator;
  const raw = rawNumber(cal, eng);
  if (enc.kind === 'float') {
    const view = new DataView(new ArrayBuffer(8));
    if (size === 32) {
      view.setFloat32(0, raw);
      return BigInt(view.getUint32(0));
    }
    view.setFloat64(0, raw);
    return view.getBigUint64(0);
  }
  const [min, max] = rawRange(type, size);
  const int = BigInt(Math.round(raw));
  return int < min ? min : int > max ? max : int;
}
