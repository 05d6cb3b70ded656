// The optional TC pseudo-randomizer (CCSDS 231.0-B-4 §6): the frame octets are XORed with the
// sequence of h(x) = x^8 + x^6 + x^4 + x^3 + x^2 + x + 1 started from all ones, before BCH
// encoding; the same operation undoes it after decoding.

/** Returns a copy of `bytes` XORed with the randomizer sequence (derandomizing is the same call). */
export function randomizeTc(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let register = 0xff;
  for (let i = 0; i < bytes.length; i++) {
    let octet = 0;
    for (let bit = 0; bit < 8; bit++) {
      // Output the register's last stage; the feedback is the XOR of the taps of h(x).
      const output = register & 1;
      octet = (octet << 1) | output;
      const feedback = (register ^ (register >>> 1) ^ (register >>> 2) ^ (register >>> 3) ^ (register >>> 4) ^ (register >>> 6)) & 1;
      register = (register >>> 1) | (feedback << 7);
    }
    out[i] = (bytes[i] ?? 0) ^ octet;
  }
  return out;
}
