// CRC-16-CCITT as used by the frame error control field of TM and TC transfer frames
// (CCSDS 132.0-B-3 §4.1.6, CCSDS 232.0-B-4 §4.1.4.2): generator x^16 + x^12 + x^5 + 1 (0x1021),
// register preset to all ones, no reflection, no final XOR ("CRC-16/CCITT-FALSE").

/** Byte-at-a-time lookup table; built once, never written afterwards. */
const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

/** The CRC of `bytes[start..end)`; pass a previous result as `init` to continue a running CRC. */
export function crc16Ccitt(bytes: Uint8Array, start = 0, end = bytes.length, init = 0xffff): number {
  let crc = init & 0xffff;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >>> 8) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  }
  return crc;
}
