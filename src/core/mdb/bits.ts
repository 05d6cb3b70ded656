// Bit-level reading and writing of big-endian bit fields (the CCSDS convention: bit 0 is the most
// significant bit of the first octet, CCSDS 133.0-B-2 §1.6), as XTCE entries address them.
// Callers check bounds first; these functions do not allocate except for fields over 53 bits.

const TWO_32 = 0x1_0000_0000;

/** Unsigned value of `size` bits (1..53) starting at bit `bitPos`. */
export function readBits(bytes: Uint8Array, bitPos: number, size: number): number {
  if ((bitPos & 7) === 0) {
    const i = bitPos >>> 3;
    if (size === 8) return bytes[i] ?? 0;
    if (size === 16) return ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    if (size === 32) return ((bytes[i] ?? 0) * 0x1000000) + (((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0));
  }
  let value = 0;
  let pos = bitPos;
  let remaining = size;
  while (remaining > 0) {
    const byte = bytes[pos >>> 3] ?? 0;
    const avail = 8 - (pos & 7);
    const take = avail < remaining ? avail : remaining;
    const bits = (byte >>> (avail - take)) & ((1 << take) - 1);
    value = value * (1 << take) + bits;
    pos += take;
    remaining -= take;
  }
  return value;
}

/** Unsigned value of `size` bits (1..64) as a bigint. */
export function readBitsBig(bytes: Uint8Array, bitPos: number, size: number): bigint {
  if (size <= 32) return BigInt(readBits(bytes, bitPos, size));
  const high = size - 32;
  return (BigInt(readBits(bytes, bitPos, high)) << 32n) | BigInt(readBits(bytes, bitPos + high, 32));
}

/** Reverses the octets of a byte-aligned field in place of reading it (little-endian fields). */
export function readBitsLittle(bytes: Uint8Array, bitPos: number, size: number): number {
  const first = bitPos >>> 3;
  let value = 0;
  for (let k = size / 8 - 1; k >= 0; k--) value = value * 256 + (bytes[first + k] ?? 0);
  return value;
}

export function readBitsLittleBig(bytes: Uint8Array, bitPos: number, size: number): bigint {
  const first = bitPos >>> 3;
  let value = 0n;
  for (let k = size / 8 - 1; k >= 0; k--) value = (value << 8n) | BigInt(bytes[first + k] ?? 0);
  return value;
}

/** Writes the low `size` bits (1..64) of `value` at bit `bitPos`, big-endian. */
export function writeBits(bytes: Uint8Array, bitPos: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size, value);
  for (let k = size - 1; k >= 0; k--) {
    const pos = bitPos + k;
    const mask = 0x80 >>> (pos & 7);
    const idx = pos >>> 3;
    const old = bytes[idx] ?? 0;
    bytes[idx] = (v & 1n) === 1n ? old | mask : old & ~mask;
    v >>= 1n;
  }
}

/** Writes a byte-aligned field of size/8 octets, least significant octet first. */
export function writeBitsLittle(bytes: Uint8Array, bitPos: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size, value);
  const first = bitPos >>> 3;
  for (let k = 0; k < size / 8; k++) {
    bytes[first + k] = Number(v & 0xffn);
    v >>= 8n;
  }
}

export { TWO_32 };
