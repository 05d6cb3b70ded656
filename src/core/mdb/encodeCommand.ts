// Encodes a meta-command into bytes (XTCE 1.2 §3.5.3): argument values are checked against their
// types (integer, float, enumerated, boolean, string, binary, absolute time, aggregate, array),
// valid ranges and encodings, then laid out by the command container chain, base entries first.
// A bad argument is bad input from the world: a ZenithError naming the argument.
import { CCSDS_EPOCH, decodeCucPField, encodeCuc } from '../ccsds/index.ts';
import { ZenithError } from '../errors/index.ts';
import { utcToTaiMs } from '../time/index.ts';
import { utcMsToAbsoluteTime } from './absoluteTime.ts';
import { writeBits, writeBitsLittle } from './bits.ts';
import { uncalibrate } from './calibrate.ts';
import type { MissionDatabase } from './MissionDatabase.ts';
import type { Argument, CommandContainer, CommandEntry, DataType, IntegerValue, MetaCommand, SequenceContainer, ValidRange } from './model.ts';
import { encodeText } from './textCodec.ts';

export interface EncodeCommandOptions {
  /** Write the CCSDS packet data length (octets 4-5, total length - 7) once the packet is laid out. */
  readonly spacePacketLength?: boolean;
}

export type ArgumentValues = Readonly<Record<string, unknown>>;

const MAX_BITS = 65542 * 8;

function badArg(command: MetaCommand, name: string, message: string): ZenithError {
  return new ZenithError('TC_BAD_ARGUMENT', `${command.name}: argument ${name}: ${message}`, {
    file: command.source.file,
    line: command.source.line,
    field: name,
  });
}

function chain(command: MetaCommand): MetaCommand[] {
  const out: MetaCommand[] = [];
  for (let c: MetaCommand | null = command; c !== null && !out.includes(c); c = c.base) out.unshift(c);
  return out;
}

/** Entries of a command in packet order: the base container's (or base command's) first. */
function layout(command: MetaCommand, owners: ReadonlyMap<CommandContainer, MetaCommand>, depth = 0): CommandEntry[] {
  if (depth > 32) return [];
  const c = command.container;
  if (c === null) return command.base === null ? [] : layout(command.base, owners, depth + 1);
  let before: CommandEntry[] = [];
  if (c.base !== null) before = containerEntries(c.base, owners, depth + 1);
  else if (command.base !== null) before = layout(command.base, owners, depth + 1);
  return [...before, ...c.entries];
}

/**
 * Entries of a base container. The container of another meta-command brings that command's
 * whole layout (Yamcs and XTCE let a command container inherit through its meta-command).
 */
function containerEntries(c: CommandContainer | SequenceContainer, owners: ReadonlyMap<CommandContainer, MetaCommand>, depth: number): CommandEntry[] {
  if (depth > 32) return [];
  const owner = owners.get(c);
  if (owner !== undefined) return layout(owner, owners, depth + 1);
  const base = c.base === null ? [] : containerEntries(c.base, owners, depth + 1);
  return [...base, ...(c.entries as readonly CommandEntry[])];
}

/** Encodes command `name` (qualified or unique short name) with `args`; throws ZenithError on bad input. */
export function encodeCommand(mdb: MissionDatabase, name: string, args: ArgumentValues, options: EncodeCommandOptions = {}): Uint8Array {
  const command = mdb.command(name);
  if (command === undefined) throw new ZenithError('TC_UNKNOWN_COMMAND', `expected the name of a meta-command, found "${name}"`, { field: 'command' });
  if (command.abstract) throw new ZenithError('TC_ABSTRACT_COMMAND', `expected a concrete command, found abstract ${command.qualifiedName}`, { field: 'command' });
  const levels = chain(command);
  const declared = new Map<string, Argument>();
  const fixed = new Map<string, string>();
  for (const level of levels) {
    for (const a of level.arguments) declared.set(a.name, a);
    for (const [k, v] of level.assignments) fixed.set(k, v);
  }
  for (const key of Object.keys(args)) {
    if (!declared.has(key)) {
      throw badArg(command, key, `expected one of ${[...declared.keys()].filter((k) => !fixed.has(k)).join(', ') || '(no arguments)'}, found an unknown argument`);
    }
    if (fixed.has(key)) throw badArg(command, key, `is fixed to ${fixed.get(key) ?? ''} by the command and cannot be given`);
  }
  const values = new Map<string, unknown>();
  for (const [argName, a] of declared) {
    const v = fixed.get(argName) ?? (Object.hasOwn(args, argName) ? args[argName] : undefined) ?? a.initialValue ?? undefined;
    if (v === undefined) throw badArg(command, argName, 'expected a value, found none');
    values.set(argName, v);
  }
  const buffer = new Uint8Array(MAX_BITS / 8);
  let pos = 0;
  let maxEnd = 0;
  const writer = new Writer(buffer, command, values);
  const owners = new Map<CommandContainer, MetaCommand>();
  for (const m of mdb.commands.values()) if (m.container !== null) owners.set(m.container, m);
  for (const e of layout(command, owners)) {
    if (e.location !== null) {
      if (e.location.reference === 'previousEntry') pos += e.location.bits;
      else if (e.location.reference === 'containerStart') pos = e.location.bits;
      else throw new ZenithError('TC_UNSUPPORTED', `${command.name}: an entry located from the container end cannot be encoded`, { line: e.source.line, file: e.source.file });
    }
    if (e.kind === 'fixed') {
      let bits = 0n;
      for (const b of e.bytes) bits = (bits << 8n) | BigInt(b);
      writer.check(pos, e.sizeInBits, e.name);
      writeBits(buffer, pos, e.sizeInBits, bits);
      pos += e.sizeInBits;
    } else if (e.kind === 'argument') {
      const a = declared.get(e.argument);
      if (a === undefined) throw new ZenithError('TC_UNSUPPORTED', `${command.name}: the container refers to unknown argument ${e.argument}`, { file: e.source.file, line: e.source.line });
      if (a.type === null) throw badArg(command, a.name, 'its type could not be resolved in the mission database');
      pos = writer.write(a.type, values.get(a.name), pos, a.name);
    } else {
      throw new ZenithError('TC_UNSUPPORTED', `${command.name}: ${e.kind} entries in command containers cannot be encoded yet`, { file: e.source.file, line: e.source.line });
    }
    if (pos > maxEnd) maxEnd = pos;
  }
  const out = buffer.slice(0, Math.ceil(maxEnd / 8));
  if (options.spacePacketLength === true && out.length >= 7) {
    const dataLength = out.length - 7;
    out[4] = dataLength >>> 8;
    out[5] = dataLength & 0xff;
  }
  return out;
}

class Writer {
  constructor(
    private readonly buffer: Uint8Array,
    private readonly command: MetaCommand,
    private readonly values: ReadonlyMap<string, unknown>,
  ) {}

  check(pos: number, bits: number, name: string): void {
    if (pos < 0 || pos + bits > MAX_BITS) throw badArg(this.command, name, `does not fit in a packet (bit ${pos} + ${bits})`);
  }

  private intValue(v: IntegerValue, name: string): number {
    if (v.kind === 'fixed') return v.value;
    const source = v.argument ?? '';
    const n = Number(this.values.get(source));
    if (v.argument === null || !Number.isFinite(n)) throw badArg(this.command, name, `its size depends on ${source || 'a parameter'}, which has no numeric value`);
    return Math.round(n * v.slope + v.intercept);
  }

  write(type: DataType, value: unknown, pos: number, name: string): number {
    switch (type.kind) {
      case 'aggregate': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badArg(this.command, name, `expected an object with members ${type.members.map((m) => m.name).join(', ')}, found ${show(value)}`);
        const obj = value as Record<string, unknown>;
        let at = pos;
        for (const m of type.members) {
          if (!Object.hasOwn(obj, m.name)) throw badArg(this.command, `${name}.${m.name}`, 'expected a value, found none');
          at = this.write(m.type, obj[m.name], at, `${name}.${m.name}`);
        }
        return at;
      }
      case 'array': {
        if (!Array.isArray(value)) throw badArg(this.command, name, `expected an array, found ${show(value)}`);
        let count = 1;
        for (const d of type.dimensions) count *= this.intValue(d.end, name) - this.intValue(d.start, name) + 1;
        if (value.length !== count) throw badArg(this.command, name, `expected ${count} elements, found ${value.length}`);
        let at = pos;
        for (const [i, el] of (value as unknown[]).entries()) at = this.write(type.elementType, el, at, `${name}[${i}]`);
        return at;
      }
      default:
        return this.writeScalar(type, value, pos, name);
    }
  }

  private writeScalar(type: DataType, value: unknown, pos: number, name: string): number {
    const enc = type.encoding;
    if (enc === null) throw badArg(this.command, name, `type ${type.name} has no data encoding`);
    let eng: number | bigint | string | Uint8Array;
    switch (type.kind) {
      case 'integer': {
        const n = toNumberish(value);
        if (n === null || (typeof n === 'number' && !Number.isInteger(n))) throw badArg(this.command, name, `expected an integer, found ${show(value)}`);
        checkRange(this.command, name, type.validRange, Number(n));
        eng = n;
        break;
      }
      case 'float': {
        const n = toNumberish(value);
        if (n === null) throw badArg(this.command, name, `expected a number, found ${show(value)}`);
        checkRange(this.command, name, type.validRange, Number(n));
        eng = Number(n);
        break;
      }
      case 'enumerated': {
        const text = String(value);
        const byLabel = type.enumerations.find((e) => e.label === text);
        const num = Number(text);
        const byValue = type.enumerations.find((e) => Number.isFinite(num) && num >= e.value && num <= e.maxValue);
        const found = byLabel?.value ?? (byValue === undefined ? undefined : num);
        if (found === undefined) throw badArg(this.command, name, `expected one of ${type.enumerations.map((e) => e.label).join(', ')}, found ${show(value)}`);
        eng = found;
        break;
      }
      case 'boolean': {
        const text = String(value);
        if (value === true || text === type.oneString || text.toLowerCase() === 'true' || text === '1') eng = 1;
        else if (value === false || text === type.zeroString || text.toLowerCase() === 'false' || text === '0') eng = 0;
        else throw badArg(this.command, name, `expected ${type.oneString} or ${type.zeroString}, found ${show(value)}`);
        break;
      }
      case 'absoluteTime': {
        const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
        if (!Number.isFinite(ms)) throw badArg(this.command, name, `expected an ISO-8601 UTC time, found ${show(value)}`);
        const tai1958 = enc.kind === 'cuc' && enc.pField !== null && ((enc.pField >> 4) & 7) === 1;
        const raw = tai1958 ? (utcToTaiMs(ms) - CCSDS_EPOCH.epochMs) / 1000 : utcMsToAbsoluteTime(type, ms);
        if (raw === null) throw badArg(this.command, name, `type ${type.name} has no epoch Zenith knows (agency-defined time code)`);
        eng = raw;
        break;
      }
      case 'string':
        if (typeof value !== 'string') throw badArg(this.command, name, `expected a string, found ${show(value)}`);
        eng = value;
        break;
      default: {
        const bytes = value instanceof Uint8Array ? value : typeof value === 'string' && /^([0-9a-fA-F]{2})*$/.test(value) ? hexBytes(value) : null;
        if (bytes === null) throw badArg(this.command, name, `expected hexadecimal bytes, found ${show(value)}`);
        eng = bytes;
      }
    }
    return this.encode(type, enc, eng, pos, name);
  }

  private encode(type: DataType, enc: NonNullable<DataType['encoding']>, eng: number | bigint | string | Uint8Array, pos: number, name: string): number {
    if (enc.kind === 'integer' || enc.kind === 'float') {
      let raw: number | bigint = typeof eng === 'bigint' || typeof eng === 'number' ? eng : Number.NaN;
      if (enc.calibrator !== null && type.kind !== 'enumerated' && type.kind !== 'boolean') {
        const r = uncalibrate(enc.calibrator, Number(eng));
        if (r === null) throw badArg(this.command, name, `the value ${String(eng)} cannot be converted back through the calibrator`);
        raw = r;
      }
      this.check(pos, enc.sizeInBits, name);
      if (enc.kind === 'float') {
        const view = new DataView(new ArrayBuffer(8));
        let bits: bigint;
        if (enc.sizeInBits === 32) {
          view.setFloat32(0, Number(raw));
          bits = BigInt(view.getUint32(0));
        } else {
          view.setFloat64(0, Number(raw));
          bits = view.getBigUint64(0);
        }
        this.put(pos, enc.sizeInBits, bits, enc.byteOrder);
        return pos + enc.sizeInBits;
      }
      const int = typeof raw === 'bigint' ? raw : BigInt(Math.round(raw));
      const size = BigInt(enc.sizeInBits);
      const [min, max] =
        enc.signedness === 'unsigned'
          ? [0n, (1n << size) - 1n]
          : enc.signedness === 'twosComplement'
            ? [-(1n << (size - 1n)), (1n << (size - 1n)) - 1n]
            : [-((1n << (size - 1n)) - 1n), (1n << (size - 1n)) - 1n];
      if (int < min || int > max) throw badArg(this.command, name, `expected a raw value in ${min}..${max} (${enc.sizeInBits}-bit ${enc.signedness}), found ${int}`);
      let bits = int;
      if (int < 0n && enc.signedness === 'signMagnitude') bits = (1n << (size - 1n)) | -int;
      else if (int < 0n && enc.signedness === 'onesComplement') bits = BigInt.asUintN(enc.sizeInBits, ~-int);
      this.put(pos, enc.sizeInBits, bits, enc.byteOrder);
      return pos + enc.sizeInBits;
    }
    if (enc.kind === 'string') {
      if (typeof eng !== 'string') throw badArg(this.command, name, 'expected a string');
      const text = encodeText(eng, enc.charset);
      if (text === null) throw badArg(this.command, name, `has characters outside ${enc.charset}`);
      const size = enc.size;
      let body: Uint8Array;
      if (size.kind === 'fixed' || size.kind === 'dynamic') {
        const bits = size.kind === 'fixed' ? size.bits : this.intValue(size.bits, name);
        if (text.length * 8 > bits) throw badArg(this.command, name, `expected at most ${bits / 8} octets, found ${text.length}`);
        body = new Uint8Array(bits / 8);
        body.set(text);
      } else if (size.kind === 'terminated') {
        body = new Uint8Array(text.length + 1);
        body.set(text);
        body[text.length] = size.terminator;
      } else {
        const tag = size.tagBits / 8;
        if (text.length >= 2 ** size.tagBits) throw badArg(this.command, name, `is too long for a ${size.tagBits}-bit size tag`);
        body = new Uint8Array(tag + text.length);
        for (let k = 0; k < tag; k++) body[k] = Math.floor(text.length / 2 ** (8 * (tag - 1 - k))) & 0xff;
        body.set(text, tag);
      }
      return this.bytes(body, pos, body.length * 8, name);
    }
    if (enc.kind === 'cuc') {
      const format = enc.pField === null ? null : (decodeCucPField(Uint8Array.of(enc.pField))?.format ?? null);
      if (format === null || enc.pField === null || typeof eng !== 'number') throw badArg(this.command, name, 'its CUC time code has no known P-field');
      if (!(eng >= 0 && eng < 256 ** format.coarseOctets)) throw badArg(this.command, name, `the time is outside the ${format.coarseOctets}-octet CUC range`);
      const code = encodeCuc(eng, format, { pField: false });
      const body = enc.implicitPField ? code : Uint8Array.from([enc.pField, ...code]);
      return this.bytes(body, pos, body.length * 8, name);
    }
    if (!(eng instanceof Uint8Array)) throw badArg(this.command, name, 'expected bytes');
    const bits = this.intValue(enc.bits, name);
    if (eng.length * 8 !== bits) throw badArg(this.command, name, `expected ${bits / 8} octets, found ${eng.length}`);
    return this.bytes(eng, pos, bits, name);
  }

  private bytes(body: Uint8Array, pos: number, bits: number, name: string): number {
    this.check(pos, bits, name);
    for (let i = 0; i < body.length; i++) writeBits(this.buffer, pos + 8 * i, 8, BigInt(body[i] ?? 0));
    return pos + bits;
  }

  private put(pos: number, size: number, bits: bigint, order: string): void {
    if (order === 'leastSignificantByteFirst' && size % 8 === 0 && pos % 8 === 0) writeBitsLittle(this.buffer, pos, size, bits);
    else writeBits(this.buffer, pos, size, bits);
  }
}

function toNumberish(v: unknown): number | bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const t = v.trim();
    if (/^[+-]?\d+$/.test(t) && !Number.isSafeInteger(Number(t))) return BigInt(t);
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function checkRange(command: MetaCommand, name: string, r: ValidRange | null, v: number): void {
  if (r === null) return;
  const low = r.min !== null && (r.minInclusive ? v < r.min : v <= r.min);
  const high = r.max !== null && (r.maxInclusive ? v > r.max : v >= r.max);
  if (low || high) {
    const lo = r.min === null ? '-inf' : `${r.min}${r.minInclusive ? ' (inclusive)' : ' (exclusive)'}`;
    const hi = r.max === null ? '+inf' : `${r.max}${r.maxInclusive ? ' (inclusive)' : ' (exclusive)'}`;
    throw badArg(command, name, `expected a value in ${lo} .. ${hi}, found ${v}`);
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function show(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
