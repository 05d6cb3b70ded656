// One guard for the integer fields of CCSDS headers: a value that does not fit its field is a
// programming error on the encoding side, so it throws RangeError naming the field.

/** Throws RangeError unless `value` is an integer in 0..max; returns it for inline use. */
export function checkUint(what: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${what} must be an integer in 0..${max}, got ${value}`);
  return value;
}
