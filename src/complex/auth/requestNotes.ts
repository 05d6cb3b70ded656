// What authentication learned about a request, kept beside it for the routes of auth/ and for the
// request's audit record: who it was (even when refused), on what, and why it was refused.
import type { FastifyRequest } from 'fastify';
import type { Principal } from './AuthService.ts';

export interface RequestNote {
  principal?: Principal;
  /** Who the audit record names when there is no principal (a login attempt's user name). */
  actor?: string;
  target?: string;
  detail?: string;
  /** The client address, noted on arrival (a refused WebSocket upgrade no longer has its socket when answered). */
  address?: string;
}

const notes = new WeakMap<FastifyRequest, RequestNote>();

export function noteOf(request: FastifyRequest): RequestNote {
  let note = notes.get(request);
  if (note === undefined) {
    note = {};
    notes.set(request, note);
  }
  return note;
}
