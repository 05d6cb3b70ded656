// Parameter values in one text column on both back-ends: JSON for numbers, text and flags, with
// tagged objects for what JSON cannot hold (NaN and infinities, 64-bit integers, bytes).
import type { ParameterValue } from './Archive.ts';

/** The text stored for a value; null stays SQL NULL. */
export function encodeValue(value: ParameterValue | null): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify({ f: String(value) });
  if (typeof value === 'bigint') return JSON.stringify({ i: value.toString() });
  if (value instanceof Uint8Array) return JSON.stringify({ b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') });
  return JSON.stringify(value);
}

/** The value back from its stored text. Throws a TypeError for text this codec did not write. */
export function decodeValue(text: string | null): ParameterValue | null {
  if (text === null) return null;
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed === 'number' || typeof parsed === 'string' || typeof parsed === 'boolean') return parsed;
  if (typeof parsed === 'object' && parsed !== null) {
    const tagged = parsed as { readonly f?: unknown; readonly i?: unknown; readonly b?: unknown };
    if (typeof tagged.f === 'string') return Number(tagged.f);
    if (typeof tagged.i === 'string') return BigInt(tagged.i);
    if (typeof tagged.b === 'string') return new Uint8Array(Buffer.from(tagged.b, 'base64'));
  }
  throw new TypeError(`not a stored parameter value: ${text.slice(0, 40)}`);
}

/** The number a value plots as (booleans as 0/1), or null when it has none. */
export function numericValue(value: ParameterValue | null): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}
