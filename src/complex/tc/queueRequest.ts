// A request to queue a command, as the API receives it (docs/api.md, `POST /api/commands`), and
// its checks: bad input from the world gets a ZenithError naming the field (`release.time`,
// `arguments`, ...); the arguments themselves are checked by the mission database's encoder.
import { ZenithError } from '../../core/errors/index.ts';
import { parseIsoUtc } from '../../core/time/index.ts';
import type { ReleaseMode } from '../archive/index.ts';
import type { ReleaseRequestMode } from './CommandView.ts';

export interface ReleaseRequest {
  readonly mode: ReleaseRequestMode;
  /** For mode `at`: ISO-8601 UTC text, or ms of UTC since 1970. */
  readonly time?: string | number;
}

export interface QueueRequest {
  /** The mission database's command name: qualified, or a short name that is unique. */
  readonly name: string;
  readonly spacecraft: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  /** Default: release now. */
  readonly release?: ReleaseRequest;
  /** Who queues it (the API's user); default `operator`. */
  readonly origin?: string;
  /** A caller-chosen id makes a retried request harmless: the same id queues once. */
  readonly id?: string;
}

export interface ParsedRelease {
  readonly mode: ReleaseMode;
  readonly atMs?: number;
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

function bad(field: string, message: string): ZenithError {
  return new ZenithError('TC_BAD_REQUEST', message, { field });
}

/** Checks the parts of a request that are not the command's arguments. */
export function checkRequest(request: QueueRequest): ParsedRelease {
  if (typeof request.name !== 'string' || request.name === '') throw bad('name', `expected a command name, found ${JSON.stringify(request.name)}`);
  if (typeof request.spacecraft !== 'string' || request.spacecraft === '') throw bad('spacecraft', `expected a spacecraft name, found ${JSON.stringify(request.spacecraft)}`);
  // Requests come from JSON: check what TypeScript cannot promise.
  const args: unknown = request.arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) throw bad('arguments', 'expected an object of argument values');
  if (request.id !== undefined && (typeof request.id !== 'string' || !ID_RE.test(request.id))) {
    throw bad('id', `expected an id of 1-64 letters, digits, '_', '.', ':' or '-', found ${JSON.stringify(request.id)}`);
  }
  if (request.origin !== undefined && (typeof request.origin !== 'string' || request.origin === '' || request.origin.length > 256)) {
    throw bad('origin', 'expected the name of who queues the command');
  }
  return parseRelease(request.release);
}

export function parseRelease(release: ReleaseRequest | undefined): ParsedRelease {
  if (release === undefined) return { mode: 'now' };
  const mode = release.mode as unknown;
  if (mode === 'now') return { mode: 'now' };
  if (mode === 'next-contact') return { mode: 'contact' };
  if (mode !== 'at') throw bad('release.mode', `expected now, at or next-contact, found ${JSON.stringify(mode)}`);
  const time = release.time;
  if (typeof time === 'number') {
    if (!Number.isFinite(time)) throw bad('release.time', `expected a time, found ${time}`);
    return { mode: 'time', atMs: time };
  }
  if (typeof time !== 'string') throw bad('release.time', 'expected an ISO-8601 UTC time for release mode at, found none');
  return { mode: 'time', atMs: parseIsoUtc(time, { field: 'release.time' }) };
}

/** Argument values as JSON for the archive: bytes as hexadecimal, 64-bit integers as text. */
export function argumentsAsJson(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const convert = (v: unknown): unknown => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
    if (Array.isArray(v)) return v.map(convert);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    return v;
  };
  return convert(args) as Record<string, unknown>;
}
