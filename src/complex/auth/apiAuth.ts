// Puts AuthService in front of the API: `authenticate` (the API's one hook) finds the session
// cookie or bearer token, checks CSRF for state changes made with a cookie and the Origin of a
// WebSocket opened with one, and the role (and token scope) the route asks for; `onAnswered`
// writes one audit record for every state-changing request and every refusal; `routes` adds
// login, logout, me and the admin's user routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/index.ts';
import type { ApiUser, Authenticate, OnAnswered } from '../api/index.ts';
import { authRoutes } from './authRoutes.ts';
import type { AuthService, Principal, Rejection } from './AuthService.ts';
import { SESSION_COOKIE, readCookie } from './cookies.ts';
import { noteOf } from './requestNotes.ts';
import { ROUTE_ACCESS, accessFor } from './routeAccess.ts';
import { SCOPE_OF_ROLE, roleAtLeast, rolesIncluded } from './roles.ts';
import type { Access } from './roles.ts';
import { sameSecret } from './secrets.ts';

export const CSRF_HEADER = 'x-csrf-token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Who a public route's request is (the web UI's files, health, login). */
export const ANONYMOUS: ApiUser = { name: 'anonymous', roles: [] };

export interface ApiAuthOptions {
  /** Origins (scheme://host:port) besides the server's own from which a page may open the WebSocket with a session cookie. */
  readonly allowedOrigins?: readonly string[];
  /** Mark the session cookie Secure; default: when the request came over https. */
  readonly secureCookie?: boolean;
  readonly access?: Readonly<Record<string, Access>>;
}

export interface ApiAuth {
  readonly authenticate: Authenticate;
  readonly onAnswered: OnAnswered;
  readonly routes: (app: FastifyInstance) => void;
}

function unauthenticated(message: string): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', message);
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}

function isRejection(p: Principal | Rejection): p is Rejection {
  return 'problem' in p;
}

/** Whether the Origin of a WebSocket upgrade is the server's own (or allowed). */
function sameOrigin(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** What a user whose password the complex made may do before changing it. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']);

export function createApiAuth(service: AuthService, options: ApiAuthOptions = {}): ApiAuth {
  const table = options.access ?? ROUTE_ACCESS;
  const allowedOrigins = options.allowedOrigins ?? [];

  async function identify(request: FastifyRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    let found: Principal | Rejection;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      found = m?.[1] === undefined ? { problem: 'Authorization header is not "Bearer TOKEN"' } : await service.tokenPrincipal(m[1]);
    } else {
      const id = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (id === undefined || id === '') {
        noteOf(request).detail = 'no credentials';
        throw unauthenticated('expected a session (log in with POST /api/auth/login) or an API token (Authorization: Bearer TOKEN), found neither');
      }
      found = await service.sessionPrincipal(id);
    }
    if (isRejection(found)) {
      noteOf(request).detail = found.problem;
      throw unauthenticated(`expected a valid session or API token, found one that is not: ${found.problem}; log in again`);
    }
    return found;
  }

  const authenticate: Authenticate = async (request) => {
    noteOf(request).address = request.ip;
    const path = pathOf(request);
    const access = accessFor(request.method, path, request.routeOptions.url, table);
    if (access === 'public') return ANONYMOUS;
    const principal = await identify(request);
    const note = noteOf(request);
    note.principal = principal;
    const who = `${principal.user.name} (${principal.role}${principal.token === undefined ? '' : `, token ${principal.token.id}`})`;
    if (principal.via === 'session') {
      if (STATE_CHANGING.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || principal.session === undefined || !sameSecret(sent, principal.session.csrfToken)) {
          note.detail = 'CSRF token missing or wrong';
          throw new ApiError(403, 'CSRF', `expected header ${CSRF_HEADER} with the session's CSRF token (from login or GET /api/auth/me) on a ${request.method} made with a session cookie, found ${typeof sent === 'string' ? 'a wrong one' : 'none'}`);
        }
      }
      if (request.headers.upgrade?.toLowerCase() === 'websocket' && !sameOrigin(request, allowedOrigins)) {
        note.detail = `WebSocket from origin ${String(request.headers.origin)}`;
        throw new ApiError(403, 'FORBIDDEN', `expected a WebSocket opened by a page of this server (Origin ${request.headers.host ?? ''}), found Origin ${JSON.stringify(request.headers.origin ?? null)}`);
      }
    }
    const route = `${request.method} ${request.routeOptions.url ?? path}`;
    if (principal.user.mustChangePassword === true && !PASSWORD_CHANGE_ROUTES.has(route)) {
      note.detail = 'password change required';
      throw new ApiError(
        403,
        'PASSWORD_CHANGE_REQUIRED',
        `expected ${principal.user.name} to set a password of their own first (the complex made this one): POST /api/auth/password with {"currentPassword", "newPassword"}, or zenith users passwd ${principal.user.name}`,
      );
    }
    if (!roleAtLeast(principal.role, access)) {
      note.detail = `needs ${access}`;
      throw new ApiError(403, 'FORBIDDEN', `expected the role ${access} (or above) for ${route}, found ${who}`);
    }
    if (principal.token !== undefined && !principal.token.scopes.includes(SCOPE_OF_ROLE[access])) {
      note.detail = `token lacks scope ${SCOPE_OF_ROLE[access]}`;
      throw new ApiError(403, 'FORBIDDEN', `expected an API token with scope ${SCOPE_OF_ROLE[access]} for ${route}, found ${who} with scopes ${principal.token.scopes.join(' ') || 'none'}`);
    }
    return { name: principal.user.name, roles: rolesIncluded(principal.role) };
  };

  const onAnswered: OnAnswered = (request: FastifyRequest, reply: FastifyReply) => {
    const status = reply.statusCode;
    const denied = status === 401 || status === 403 || status === 429;
    if (!denied && !STATE_CHANGING.has(request.method)) return;
    const note = noteOf(request);
    const params = request.params as Record<string, unknown> | null | undefined;
    const target = note.target ?? (params === undefined || params === null ? undefined : Object.values(params).filter((v) => typeof v === 'string' || typeof v === 'number').join('/'));
    service.audit.record({
      actor: note.principal?.user.name ?? note.actor ?? null,
      // The socket of a refused WebSocket upgrade may be gone by now: its address was noted on arrival.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- request.ip is undefined without a socket
      address: note.address ?? request.ip ?? null,
      action: `${request.method} ${request.routeOptions.url ?? pathOf(request).slice(0, 200)}`,
      target: target === undefined || target === '' ? null : target.slice(0, 200),
      outcome: denied ? 'denied' : status < 400 ? 'ok' : 'failed',
      status,
      detail: [request.apiErrorCode, note.detail].filter((d) => typeof d === 'string' && d !== '').join(': ').slice(0, 500) || null,
    });
  };

  return {
    authenticate,
    onAnswered,
    routes: (app) => {
      authRoutes(app, service, { ...(options.secureCookie === undefined ? {} : { secureCookie: options.secureCookie }) });
    },
  };
}
