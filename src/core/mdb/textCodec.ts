// UTF-8 and single-byte text for XTCE string encodings, written out because src/core type-checks
// without DOM or Node globals (no TextDecoder there). Invalid UTF-8 becomes U+FFFD, never throws.

export function decodeText(bytes: Uint8Array, start: number, end: number, charset: 'UTF-8' | 'US-ASCII' | 'ISO-8859-1'): string {
  let out = '';
  if (charset !== 'UTF-8') {
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      out += String.fromCharCode(charset === 'US-ASCII' && b > 0x7f ? 0xfffd : b);
    }
    return out;
  }
  let i = start;
  while (i < end) {
    const b = bytes[i] ?? 0;
    let cp = 0xfffd;
    let need = 0;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0) {
      cp = b & 0x1f;
      need = 1;
    } else if (b >= 0xe0 && b < 0xf0) {
      cp = b & 0x0f;
      need = 2;
    } else if (b >= 0xf0 && b < 0xf5) {
      cp = b & 0x07;
      need = 3;
    }
    i++;
    let ok = true;
    for (let k = 0; k < need; k++) {
      const c = bytes[i] ?? 0;
      if (i >= end || (c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
      i++;
    }
    if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    out += String.fromCodePoint(cp);
  }
  return out;
}

export function encodeText(text: string, charset: 'UTF-8' | 'US-ASCII' | 'ISO-8859-1'): Uint8Array | null {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (charset !== 'UTF-8') {
      if (cp > (charset === 'US-ASCII' ? 0x7f : 0xff)) return null;
      out.push(cp);
    } else if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}
