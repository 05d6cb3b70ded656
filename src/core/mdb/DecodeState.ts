// Per-decoder scratch state of PacketDecoder: the packet being read, the last raw and engineering
// value of every parameter slot (valid when its generation equals the packet's), and the outputs.
// Reused from packet to packet so the hot path allocates only the values it returns.
import type { IntegerValue, Parameter } from './model.ts';
import type { DecodeError, DecodedValue, Value } from './PacketDecoder.ts';

export class DecodeState {
  bytes: Uint8Array = new Uint8Array(0);
  bitLength = 0;
  gen = 0;
  readonly slotGen: Uint32Array;
  readonly slotRaw: Value[];
  readonly slotEng: Value[];
  raw: Value = null;
  eng: Value = null;
  values: DecodedValue[] = [];
  maxEnd = 0;
  timeMs: number | null = null;
  error: DecodeError | null = null;
  message: string | null = null;

  constructor(readonly slotOf: ReadonlyMap<Parameter, number>) {
    this.slotGen = new Uint32Array(slotOf.size);
    this.slotRaw = new Array<Value>(slotOf.size).fill(null);
    this.slotEng = new Array<Value>(slotOf.size).fill(null);
  }

  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.bitLength = bytes.length * 8;
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.slotGen.fill(0);
      this.gen = 1;
    }
    this.values = [];
    this.maxEnd = 0;
    this.timeMs = null;
    this.error = null;
    this.message = null;
  }

  /** A fixed value, or a parameter already read in this packet times slope plus intercept; null if unknown. */
  intValue(v: IntegerValue): number | null {
    if (v.kind === 'fixed') return v.value;
    if (v.parameter === null) return null;
    const slot = this.slotOf.get(v.parameter);
    if (slot === undefined || this.slotGen[slot] !== this.gen) return null;
    const x = this.slotEng[slot] ?? this.slotRaw[slot];
    const n = typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : null;
    return n === null ? null : Math.round(n * v.slope + v.intercept);
  }
}
