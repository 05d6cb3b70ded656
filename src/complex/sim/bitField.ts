// Big-endian bit fields at any bit offset, for the simulator's packet writer and command reader
// (CCSDS fields are most significant bit first, CCSDS 133.0-B-2 §1.6).

/** Writes the low `size` bits of `value` (two's complement for negatives) at bit `pos`. */
export function writeField(bytes: Uint8Array, pos: number, size: number, value: bigint): void {
  if (size <= 32) {
    // The common case without BigInt arithmetic per bit.
    let n = Number(BigInt.asUintN(size, value));
    for (let i = size - 1; i >= 0; i--) {
      const bit = pos + i;
      const index = bit >>> 3;
      const mask = 0x80 >>> (bit & 7);
      const current = bytes[index] ?? 0;
      bytes[index] = n % 2 === 1 ? current | mask : current & ~mask;
      n = Math.floor(n / 2);
    }
    return;
  }
  let v = BigInt.asUintN(size, value);
  for (let i = size - 1; i >= 0; i--) {
    const bit = pos + i;
    const index = bit >>> 3;
    const mask = 0x80 >>> (bit & 7);
    const current = bytes[index] ?? 0;
    bytes[index] = (v & 1n) === 1n ? current | mask : current & ~mask;
    v >>= 1n;
  }
}

/** Reads `size` bits at bit `pos` as an unsigned integer; null when they run past the end. */
export function readField(bytes: Uint8Array, pos: number, size: number): bigint | null {
  if (pos < 0 || pos + size > bytes.length * 8) return null;
  let v = 0n;
  for (let i = 0; i < size; i++) {
    const bit = pos + i;
    v = (v << 1n) | BigInt(((bytes[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1);
  }
  return v;
}
