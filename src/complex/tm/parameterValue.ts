// Decoded values as the archive keeps them and as bus messages carry them. The archive holds
// scalars (numbers, 64-bit integers, text, flags, bytes); aggregates and arrays are kept as their
// JSON text. On the bus (JSON) 64-bit integers become decimal strings, bytes hex, NaN null.
import type { Value } from '../../core/mdb/index.ts';
import type { ParameterValue } from '../archive/index.ts';

export type JsonScalar = number | string | boolean | null;

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** A value for JSON: what JSON cannot carry becomes text (bigint, bytes) or null (NaN, infinities). */
function jsonOf(v: Value): unknown {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return (v as readonly Value[]).map(jsonOf);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Readonly<Record<string, Value>>)) out[k] = jsonOf(x);
    return out;
  }
  return v;
}

/** The archive's form of a decoded value: scalars as they are, aggregates and arrays as JSON text. */
export function toParameterValue(v: Value): ParameterValue | null {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  return JSON.stringify(jsonOf(v));
}

/** A stored value for a JSON bus message. */
export function toJsonScalar(v: ParameterValue | null): JsonScalar {
  return jsonOf(v) as JsonScalar;
}
