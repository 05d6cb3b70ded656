// The spacecraft's side of the mission database's commands: reads a received telecommand packet
// back into the meta-command and argument values that encodeCommand wrote (XTCE 1.2 §3.5.3). The
// command is found by the argument values its ArgumentAssignments fix in the common base layout
// (for PUS: service and subtype), so the simulator executes whatever the database defines.
import { absoluteTimeToUtcMs, calibrate } from '../../core/mdb/index.ts';
import type { Argument, CommandContainer, CommandEntry, DataType, MetaCommand, MissionDatabase, SequenceContainer } from '../../core/mdb/index.ts';
import { readField } from './bitField.ts';

/** Argument values as the spacecraft sees them: numbers, labels, booleans, UTC ms, bytes. */
export type ArgValue = number | string | boolean | Uint8Array;

/** unknown-command: no command has these fixed values; bad-data: an argument cannot be read or is out of range. */
export type CommandReadResult =
  | { readonly ok: true; readonly command: MetaCommand; readonly args: Readonly<Record<string, ArgValue>>; readonly bits: number }
  | { readonly ok: false; readonly error: 'unknown-command' | 'bad-data'; readonly detail: string; readonly args: Readonly<Record<string, ArgValue>> };

interface Layout {
  readonly command: MetaCommand;
  readonly entries: readonly CommandEntry[];
  readonly args: ReadonlyMap<string, Argument>;
  readonly fixed: ReadonlyMap<string, string>;
}

function chainOf(command: MetaCommand): MetaCommand[] {
  const out: MetaCommand[] = [];
  for (let c: MetaCommand | null = command; c !== null && !out.includes(c); c = c.base) out.unshift(c);
  return out;
}

function entriesOf(command: MetaCommand, owners: ReadonlyMap<CommandContainer, MetaCommand>, depth = 0): CommandEntry[] {
  if (depth > 32) return [];
  const c = command.container;
  if (c === null) return command.base === null ? [] : entriesOf(command.base, owners, depth + 1);
  let before: CommandEntry[] = [];
  if (c.base !== null) before = baseEntries(c.base, owners, depth + 1);
  else if (command.base !== null) before = entriesOf(command.base, owners, depth + 1);
  return [...before, ...c.entries];
}

function baseEntries(c: CommandContainer | SequenceContainer, owners: ReadonlyMap<CommandContainer, MetaCommand>, depth: number): CommandEntry[] {
  const owner = owners.get(c);
  if (owner !== undefined) return entriesOf(owner, owners, depth + 1);
  return [...(c.base === null ? [] : baseEntries(c.base, owners, depth + 1)), ...(c.entries as readonly CommandEntry[])];
}

export class CommandReader {
  private readonly roots: Layout[] = [];
  private readonly concrete: Layout[] = [];

  constructor(readonly mdb: MissionDatabase) {
    const owners = new Map<CommandContainer, MetaCommand>();
    for (const m of mdb.commands.values()) if (m.container !== null) owners.set(m.container, m);
    const layoutOf = (command: MetaCommand): Layout => {
      const args = new Map<string, Argument>();
      const fixed = new Map<string, string>();
      for (const level of chainOf(command)) {
        for (const a of level.arguments) args.set(a.name, a);
        for (const [k, v] of level.assignments) fixed.set(k, v);
      }
      const entries = entriesOf(command, owners);
      for (const e of entries) {
        if (e.kind === 'parameter' || e.kind === 'container') throw new RangeError(`command ${command.qualifiedName}: the simulator cannot read ${e.kind} entries`);
        if (e.location?.reference === 'containerEnd') throw new RangeError(`command ${command.qualifiedName}: the simulator cannot read entries placed from the end`);
      }
      return { command, entries, args, fixed };
    };
    for (const m of mdb.commands.values()) {
      if (m.base === null) this.roots.push(layoutOf(m));
      if (!m.abstract) this.concrete.push(layoutOf(m));
    }
  }

  /** The values concrete commands fix for a base argument (e.g. every PUS service known). */
  fixedValues(argument: string): Set<string> {
    const out = new Set<string>();
    for (const l of this.concrete) {
      const v = l.fixed.get(argument);
      if (v !== undefined) out.add(v);
    }
    return out;
  }

  /** Reads `packet` (a whole telecommand space packet); never throws for bad bytes. */
  read(packet: Uint8Array): CommandReadResult {
    let lastError: CommandReadResult | null = null;
    for (const root of this.roots) {
      const head = readLayout(root, packet);
      if (head.error !== null) {
        lastError = { ok: false, error: 'bad-data', detail: head.error, args: head.args };
        continue;
      }
      for (const layout of this.concrete) {
        if (chainOf(layout.command)[0] !== root.command) continue;
        const matches = [...layout.fixed].every(([k, v]) => head.args[k] !== undefined && String(head.args[k]) === v);
        if (!matches) continue;
        const full = readLayout(layout, packet);
        if (full.error !== null) return { ok: false, error: 'bad-data', detail: full.error, args: full.args };
        return { ok: true, command: layout.command, args: full.args, bits: full.bits };
      }
      lastError = { ok: false, error: 'unknown-command', detail: 'no command has the values of this header', args: head.args };
    }
    return lastError ?? { ok: false, error: 'unknown-command', detail: 'the mission database defines no commands', args: {} };
  }
}

function readLayout(layout: Layout, packet: Uint8Array): { error: string | null; args: Record<string, ArgValue>; bits: number } {
  const args: Record<string, ArgValue> = {};
  let pos = 0;
  let end = 0;
  for (const e of layout.entries) {
    if (e.location !== null) pos = e.location.reference === 'containerStart' ? e.location.bits : pos + e.location.bits;
    if (e.kind === 'fixed') {
      pos += e.sizeInBits;
    } else if (e.kind === 'argument') {
      const a = layout.args.get(e.argument);
      if (a?.type == null) return { error: `argument ${e.argument} has no type`, args, bits: end };
      const r = readArgument(a.type, packet, pos, args);
      if (typeof r === 'string') return { error: `argument ${a.name}: ${r}`, args, bits: end };
      args[a.name] = r.value;
      const size = a.type.encoding?.kind === 'binary' ? a.type.encoding.bits : null;
      if (size?.kind === 'dynamic' && size.argument !== null && args[size.argument] === undefined) args[size.argument] = (r.size - size.intercept) / size.slope;
      pos += r.size;
    }
    if (pos > end) end = pos;
  }
  return { error: null, args, bits: end };
}

function readArgument(type: DataType, packet: Uint8Array, pos: number, args: Readonly<Record<string, ArgValue>>): { value: ArgValue; size: number } | string {
  const enc = type.encoding;
  if (enc === null) return 'no encoding';
  if (enc.kind === 'binary') {
    const b = enc.bits;
    const from = b.kind === 'dynamic' ? args[b.argument ?? ''] : undefined;
    // A size taken from an argument the packet does not carry (PUS TC[11,4] holds no length of
    // its request): the bytes run to the end of the packet.
    const size = b.kind === 'fixed' ? b.value : from === undefined ? packet.length * 8 - pos : Math.round(Number(from) * b.slope + b.intercept);
    if (!Number.isInteger(size) || size < 0 || size % 8 !== 0 || pos % 8 !== 0) return `cannot read ${size} bits of bytes at bit ${pos}`;
    if (pos + size > packet.length * 8) return 'runs past the end of the packet';
    return { value: packet.slice(pos / 8, (pos + size) / 8), size };
  }
  if (enc.kind !== 'integer' && enc.kind !== 'float') return `${enc.kind} encodings are not read by the simulator`;
  const bits = readField(packet, pos, enc.sizeInBits);
  if (bits === null) return 'runs past the end of the packet';
  let raw: number;
  if (enc.kind === 'float') {
    const view = new DataView(new ArrayBuffer(8));
    if (enc.sizeInBits === 32) {
      view.setUint32(0, Number(bits));
      raw = view.getFloat32(0);
    } else {
      view.setBigUint64(0, bits);
      raw = view.getFloat64(0);
    }
  } else {
    raw = Number(enc.signedness === 'twosComplement' ? BigInt.asIntN(enc.sizeInBits, bits) : bits);
  }
  const size = enc.sizeInBits;
  switch (type.kind) {
    case 'enumerated': {
      const e = type.enumerations.find((x) => raw >= x.value && raw <= x.maxValue);
      return e === undefined ? `${raw} is no value of ${type.name}` : { value: e.label, size };
    }
    case 'boolean':
      return { value: raw !== 0, size };
    case 'absoluteTime': {
      const ms = absoluteTimeToUtcMs(type, raw);
      return ms === null ? 'not a time' : { value: ms, size };
    }
    case 'integer':
    case 'float': {
      const eng = enc.calibrator === null ? raw : calibrate(enc.calibrator, raw);
      if (eng === null) return `raw ${raw} has no engineering value`;
      const r = type.validRange;
      if (r !== null) {
        const low = r.min !== null && (r.minInclusive ? eng < r.min : eng <= r.min);
        const high = r.max !== null && (r.maxInclusive ? eng > r.max : eng >= r.max);
        if (low || high) return `${eng} is outside its valid range`;
      }
      return { value: eng, size };
    }
    default:
      return `${type.kind} arguments are not read by the simulator`;
  }
}
