// Decodes packets with a mission database: the containers are compiled once into a tree of flat
// field-reader lists; a packet walks from the root container down the inheritors whose
// RestrictionCriteria match (XTCE 1.2 §3.4.4.4), reading each entry in turn. The hot path returns
// a result with an error code, never throws, and reuses its per-parameter slots between packets.
import { checkLimits } from './checkLimits.ts';
import { DecodeState } from './DecodeState.ts';
import type { MissionDatabase } from './MissionDatabase.ts';
import type {
  AlarmLevel,
  ComparisonOperator,
  DataType,
  IntegerValue,
  MatchCriteria,
  Parameter,
  SequenceContainer,
  SequenceEntry,
} from './model.ts';
import { BAD_SIZE, MAX_COUNT, TRUNCATED, UNSUPPORTED, compileReader, readValue } from './readValue.ts';
import type { ReadSpec } from './readValue.ts';

export type Value = number | bigint | string | boolean | Uint8Array | null | readonly Value[] | { readonly [member: string]: Value };

export interface DecodedValue {
  readonly parameter: Parameter;
  readonly raw: Value;
  /** Engineering value; for absolute times, ms of UTC since 1970; null when there is none. */
  readonly eng: Value;
  /** Monitoring state against the type's alarm ranges, null when the type has none. */
  readonly state: AlarmLevel | null;
  readonly bitOffset: number;
  readonly sizeInBits: number;
}

/**
 * no-container: no root container's criteria matched; truncated: an entry runs past the packet;
 * unsupported: an entry's type cannot be read (no or unsupported encoding); bad-size: a dynamic
 * size or repeat count is negative, unknown or absurd; abstract: the most specific container is abstract.
 */
export type DecodeError = 'no-container' | 'truncated' | 'unsupported' | 'bad-size' | 'abstract';

export interface DecodeResult {
  readonly error: DecodeError | null;
  /** What went wrong, naming the entry; null when error is null. */
  readonly message: string | null;
  /** The most specific container reached (the leaf when decoding completed). */
  readonly container: SequenceContainer | null;
  readonly chain: readonly SequenceContainer[];
  /** True when the container reached has no inheritors. */
  readonly leaf: boolean;
  readonly values: DecodedValue[];
  readonly generationTimeMs: number | null;
  /** End of the last bit read by any entry. */
  readonly bitsDecoded: number;
  readonly bitsTotal: number;
}

export interface PacketDecoderOptions {
  /** Start at this container (qualified or unique short name) instead of the root containers. */
  readonly root?: string;
  /** Generation time for packets whose containers hold no absolute-time parameter. */
  readonly generationTime?: (packet: Uint8Array) => number | null;
}


type Predicate = (s: DecodeState) => boolean;

interface Field {
  readonly entry: SequenceEntry;
  readonly parameter: Parameter | null;
  readonly type: DataType | null;
  readonly slot: number;
  readonly reader: ReadSpec | null;
  readonly included: readonly Field[] | null;
  /** 0 none, 1 previousEntry, 2 containerStart, 3 containerEnd. */
  readonly locRef: number;
  readonly locBits: number;
  readonly include: Predicate | null;
  readonly repeat: IntegerValue | null;
  readonly withLimits: boolean;
  readonly isTime: boolean;
}

interface Node {
  readonly container: SequenceContainer;
  readonly fields: readonly Field[];
  readonly children: Node[];
  criteria: Predicate | null;
  /** Children selected by one numeric `==` comparison on the same slot. */
  dispatch: { slot: number; useEng: boolean; map: Map<number, Node[]> } | null;
  others: Node[];
}

export class PacketDecoder {
  readonly roots: readonly SequenceContainer[];
  private readonly slots = new Map<Parameter, number>();
  private readonly nodes = new Map<SequenceContainer, Node>();
  private readonly included = new Map<SequenceContainer, readonly Field[]>();
  private readonly rootNodes: Node[];
  private readonly state: DecodeState;
  private readonly generationTime: ((packet: Uint8Array) => number | null) | undefined;

  constructor(
    readonly mdb: MissionDatabase,
    options: PacketDecoderOptions = {},
  ) {
    this.generationTime = options.generationTime;
    if (options.root !== undefined) {
      const root = mdb.container(options.root);
      if (root === undefined) throw new RangeError(`no container named ${options.root} in the mission database`);
      this.roots = [root];
    } else {
      this.roots = mdb.rootContainers();
    }
    this.rootNodes = this.roots.map((c) => this.node(c));
    this.state = new DecodeState(this.slots);
  }

  /** Decodes one packet (primary header included). Never throws for bad bytes. */
  decode(bytes: Uint8Array): DecodeResult {
    let best: DecodeResult | null = null;
    for (const root of this.rootNodes) {
      const r = this.decodeFrom(root, bytes);
      if (best === null || (best.error !== null && r.error === null) || (r.error === best.error && r.chain.length > best.chain.length)) best = r;
    }
    return best ?? this.fail(bytes, 'no-container', 'the mission database has no root container');
  }

  private fail(bytes: Uint8Array, error: DecodeError, message: string): DecodeResult {
    return {
      error,
      message,
      container: null,
      chain: [],
      leaf: false,
      values: [],
      generationTimeMs: null,
      bitsDecoded: 0,
      bitsTotal: bytes.length * 8,
    };
  }

  private decodeFrom(root: Node, bytes: Uint8Array): DecodeResult {
    const s = this.state;
    s.reset(bytes);
    const chain: SequenceContainer[] = [];
    let node: Node | null = root;
    let pos = 0;
    let last: Node = root;
    if (root.criteria !== null && !root.criteria(s)) return this.fail(bytes, 'no-container', `${root.container.qualifiedName} does not match`);
    while (node !== null) {
      chain.push(node.container);
      last = node;
      pos = runFields(node.fields, s, 0, pos);
      if (pos < 0) break;
      node = selectChild(node, s);
    }
    let error = s.error;
    let message = s.message;
    if (error === null && last.container.abstract) {
      error = 'abstract';
      message = `no inheritor of abstract container ${last.container.qualifiedName} matches`;
    }
    const fromHook = this.generationTime;
    return {
      error,
      message,
      container: last.container,
      chain,
      leaf: last.children.length === 0,
      values: s.values,
      generationTimeMs: s.timeMs ?? (fromHook === undefined ? null : fromHook(bytes)),
      bitsDecoded: s.maxEnd,
      bitsTotal: s.bitLength,
    };
  }

  private slotOf(p: Parameter): number {
    let slot = this.slots.get(p);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(p, slot);
    }
    return slot;
  }

  private node(container: SequenceContainer): Node {
    let n = this.nodes.get(container);
    if (n !== undefined) return n;
    n = { container, fields: this.fields(container.entries), children: [], criteria: null, dispatch: null, others: [] };
    this.nodes.set(container, n);
    for (const child of this.mdb.inheritorsOf(container)) {
      const c = this.node(child);
      c.criteria = child.restriction === null ? null : this.predicate(child.restriction);
      n.children.push(c);
    }
    this.buildDispatch(n);
    return n;
  }

  private buildDispatch(n: Node): void {
    let slot = -1;
    let useEng = false;
    const map = new Map<number, Node[]>();
    const others: Node[] = [];
    for (const c of n.children) {
      const r = c.container.restriction;
      const key = r?.kind === 'comparison' && r.operator === '==' && r.memberPath.length === 0 ? numericKey(r.value) : null;
      const cSlot = r?.kind === 'comparison' ? this.slotOf(r.parameter) : -1;
      const eng = r?.kind === 'comparison' && r.useCalibratedValue;
      const plain = r?.kind === 'comparison' && r.parameter.type?.kind === 'integer' && !hasCalibrator(r.parameter.type);
      if (key !== null && (slot === -1 || (slot === cSlot && useEng === eng)) && (!eng || plain)) {
        slot = cSlot;
        useEng = eng;
        const list = map.get(key);
        if (list === undefined) map.set(key, [c]);
        else list.push(c);
      } else {
        others.push(c);
      }
    }
    if (map.size >= 2) {
      n.dispatch = { slot, useEng, map };
      n.others = others;
    } else {
      n.others = n.children;
    }
  }

  private fields(entries: readonly SequenceEntry[]): Field[] {
    return entries.map((entry) => {
      const loc = entry.location;
      const parameter = entry.kind === 'parameter' ? entry.parameter : null;
      const type = parameter?.type ?? null;
      // One literal site for every field: one hidden class, so the hot loop stays monomorphic.
      const field: Field = {
        entry,
        parameter,
        type,
        slot: parameter === null ? -1 : this.slotOf(parameter),
        reader: type === null ? null : compileReader(type),
        included: entry.kind === 'container' ? this.includedFields(entry.container) : null,
        locRef: loc === null ? 0 : loc.reference === 'previousEntry' ? 1 : loc.reference === 'containerStart' ? 2 : 3,
        locBits: loc?.bits ?? 0,
        include: entry.include === null ? null : this.predicate(entry.include),
        repeat: entry.repeat,
        withLimits: type?.alarm != null,
        isTime: type?.kind === 'absoluteTime',
      };
      return field;
    });
  }

  /** Fields of a container included by a ContainerRefEntry: its base's entries, then its own. */
  private includedFields(container: SequenceContainer): readonly Field[] {
    let f = this.included.get(container);
    if (f === undefined) {
      const chain: SequenceContainer[] = [];
      for (let c: SequenceContainer | null = container; c !== null && !chain.includes(c); c = c.base) chain.unshift(c);
      f = this.fields(chain.flatMap((c) => c.entries));
      this.included.set(container, f);
    }
    return f;
  }

  private predicate(c: MatchCriteria): Predicate {
    if (c.kind === 'and') {
      const terms = c.terms.map((t) => this.predicate(t));
      return (s) => terms.every((t) => t(s));
    }
    if (c.kind === 'or') {
      const terms = c.terms.map((t) => this.predicate(t));
      return (s) => terms.some((t) => t(s));
    }
    const slot = this.slotOf(c.parameter);
    const members = c.memberPath;
    const op = c.operator;
    const text = c.value;
    const num = numericKey(text) ?? booleanKey(text);
    const useEng = c.useCalibratedValue;
    return (s) => {
      if (s.slotGen[slot] !== s.gen) return false;
      let v = useEng ? s.slotEng[slot] : s.slotRaw[slot];
      for (const m of members) v = v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? ((v as Record<string, Value>)[m] ?? null) : null;
      return compare(v ?? null, op, num, text);
    };
  }
}

function hasCalibrator(type: DataType): boolean {
  const e = type.encoding;
  return e !== null && (e.kind === 'integer' || e.kind === 'float') && e.calibrator !== null;
}

function numericKey(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function booleanKey(text: string): number | null {
  const t = text.trim().toLowerCase();
  return t === 'true' ? 1 : t === 'false' ? 0 : null;
}

function compare(v: Value, op: ComparisonOperator, num: number | null, text: string): boolean {
  let c: number;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
    if (num === null) return op === '!=';
    const x = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
    c = x < num ? -1 : x > num ? 1 : 0;
  } else if (typeof v === 'string') {
    c = v < text ? -1 : v > text ? 1 : 0;
  } else {
    return false;
  }
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

function selectChild(n: Node, s: DecodeState): Node | null {
  const d = n.dispatch;
  if (d !== null && s.slotGen[d.slot] === s.gen) {
    const v = d.useEng ? s.slotEng[d.slot] : s.slotRaw[d.slot];
    const key = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : null;
    const list = key === null ? undefined : d.map.get(key);
    if (list !== undefined) {
      for (const c of list) if (c.criteria === null || c.criteria(s)) return c;
    }
  }
  for (const c of n.others) if (c.criteria === null || c.criteria(s)) return c;
  return null;
}

function describe(f: Field): string {
  return f.parameter !== null ? f.parameter.qualifiedName : f.entry.kind === 'container' ? f.entry.container.qualifiedName : '?';
}

/** Runs the fields of one container from `pos`; returns the new position or -1 (state.error set). */
function runFields(fields: readonly Field[], s: DecodeState, start: number, pos: number): number {
  for (const f of fields) {
    if (f.include !== null && !f.include(s)) continue;
    let count = 1;
    if (f.repeat !== null) {
      const n = s.intValue(f.repeat);
      if (n === null || n < 0 || n > MAX_COUNT) {
        s.error = 'bad-size';
        s.message = `repeat count of ${describe(f)} is ${n === null ? 'unknown' : n}`;
        return -1;
      }
      count = n;
    }
    for (let k = 0; k < count; k++) {
      let at = pos;
      if (f.locRef === 1) at = pos + f.locBits;
      else if (f.locRef === 2) at = start + f.locBits;
      else if (f.locRef === 3) at = s.bitLength - f.locBits;
      if (at < 0) {
        s.error = 'truncated';
        s.message = `${describe(f)} would start before the packet`;
        return -1;
      }
      let end: number;
      if (f.included !== null) {
        end = runFields(f.included, s, at, at);
        if (end < 0) return -1;
      } else {
        const read = f.reader;
        const n = read === null ? UNSUPPORTED : readValue(s, at, read);
        if (n < 0) {
          s.error = n === TRUNCATED ? 'truncated' : n === BAD_SIZE ? 'bad-size' : 'unsupported';
          s.message =
            n === TRUNCATED
              ? `${describe(f)} at bit ${at} runs past the end of the ${s.bitLength}-bit packet`
              : n === BAD_SIZE
                ? `${describe(f)} has an unknown or impossible size`
                : `${describe(f)} has a type Zenith cannot decode (no or unsupported encoding)`;
          return -1;
        }
        end = at + n;
        const slot = f.slot;
        s.slotGen[slot] = s.gen;
        s.slotRaw[slot] = s.raw;
        s.slotEng[slot] = s.eng;
        const type = f.type as DataType;
        if (f.isTime && s.timeMs === null && typeof s.eng === 'number') s.timeMs = s.eng;
        s.values.push({
          parameter: f.parameter as Parameter,
          raw: s.raw,
          eng: s.eng,
          state: f.withLimits ? checkLimits(type, s.eng) : null,
          bitOffset: at,
          sizeInBits: n,
        });
      }
      if (end > s.maxEnd) s.maxEnd = end;
      pos = end;
    }
  }
  return pos;
}

