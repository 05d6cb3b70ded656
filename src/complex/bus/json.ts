// JSON payloads on the bus: the bus carries bytes (Uint8Array); these two helpers are the one way
// services put structured messages on it and read them back.
import { ZenithError } from '../../core/errors/index.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 JSON bytes of `value`. Throws a TypeError for what JSON cannot carry (undefined, a function, bigint). */
export function toJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`a bus JSON payload must be JSON-serialisable, got ${typeof value}`);
  return encoder.encode(text);
}

/** The value in UTF-8 JSON bytes; a ZenithError BUS_JSON when the bytes are not UTF-8 JSON. */
export function fromJson(data: Uint8Array, subject?: string): unknown {
  let text: string;
  try {
    text = decoder.decode(data);
  } catch (cause) {
    throw new ZenithError('BUS_JSON', `expected a UTF-8 JSON payload, found ${data.length} bytes that are not UTF-8`, subjectContext(subject), { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const head = text.length > 40 ? `${text.slice(0, 40)}...` : text;
    throw new ZenithError('BUS_JSON', `expected a JSON payload, found ${JSON.stringify(head)}`, subjectContext(subject), { cause });
  }
}

function subjectContext(subject: string | undefined): { subject?: string } {
  return subject === undefined ? {} : { subject };
}
