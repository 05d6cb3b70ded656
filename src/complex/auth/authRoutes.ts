// The auth routes of the API: POST /api/auth/login (public; rate-limited), POST /api/auth/logout,
// GET /api/auth/me, POST /api/auth/password (one's own), and the admin's GET/POST /api/auth/users.
// Login answers the same for an unknown user and a wrong password, and takes as long.
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { ApiError, withErrors } from '../api/index.ts';
import type { UserRecord } from '../archive/index.ts';
import type { AuthService } from './AuthService.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';
import { noteOf, type RequestNote } from './requestNotes.ts';
import { ROLES, rolesIncluded } from './roles.ts';
import type { Role } from './roles.ts';

const UserSchema = Type.Object({
  name: Type.String(),
  roles: Type.Array(Type.String({ description: 'the role and every role it includes' })),
  mustChangePassword: Type.Boolean({ description: 'the password was set by the complex (the first admin): until POST /api/auth/password changes it, every other route answers 403 PASSWORD_CHANGE_REQUIRED' }),
});
const SessionSchema = Type.Object({
  user: UserSchema,
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: `send as header x-csrf-token on POST/PUT/PATCH/DELETE made with the session cookie; null for an API token` }),
});
const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
type LoginBody = Type.Static<typeof LoginBody>;
const NewUserBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }), role: Type.Enum([...ROLES]), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
type NewUserBody = Type.Static<typeof NewUserBody>;
const PasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
type PasswordBody = Type.Static<typeof PasswordBody>;
const UserListSchema = Type.Array(Type.Object({ name: Type.String(), role: Type.String(), disabled: Type.Boolean(), created: Type.String() }));

function userView(user: UserRecord, role: Role): { name: string; roles: Role[]; mustChangePassword: boolean } {
  return { name: user.name, roles: rolesIncluded(role), mustChangePassword: user.mustChangePassword === true };
}

/** The 429 of a locked user name or address (login and password change alike), noted for the audit log. */
function tooManyAttempts(lock: { readonly retryAfterMs: number; readonly which: 'user' | 'address' }, note: RequestNote, reply: FastifyReply): ApiError {
  const seconds = Math.ceil(lock.retryAfterMs / 1000);
  note.detail = `locked (${lock.which}) for ${seconds} s more`;
  void reply.header('retry-after', String(seconds));
  return new ApiError(429, 'TOO_MANY_ATTEMPTS', `expected fewer failed logins: too many for this ${lock.which === 'user' ? 'user name' : 'address'}; try again in ${Math.ceil(lock.retryAfterMs / 60_000)} min`);
}

export function authRoutes(app: FastifyInstance, service: AuthService, options: { readonly secureCookie?: boolean } = {}): void {
  const secure = (protocol: string): boolean => options.secureCookie ?? protocol === 'https';

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in: opens a session (cookie zenith_session) and returns its CSRF token',
        description: 'Rate-limited: after 5 failures for a user name, or 20 from one address, within 15 minutes, refused (429) for 15 minutes.',
        body: LoginBody,
        response: withErrors({ 200: SessionSchema }),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const note = noteOf(request);
      note.actor = username.slice(0, 64);
      note.target = username.slice(0, 64);
      const result = await service.login(username, password, request.ip);
      if (result.kind === 'locked') throw tooManyAttempts(result, note, reply);
      if (result.kind === 'refused') {
        note.detail = `wrong user name or password${result.lockedNow.length > 0 ? `; ${result.lockedNow.join(' and ')} now locked for ${service.limiter.limits.lockMs / 60_000} min` : ''}`;
        throw new ApiError(401, 'UNAUTHENTICATED', 'expected a known user name and its password, found no such pair');
      }
      note.principal = { user: result.user, role: result.role, via: 'session', session: result.session };
      note.detail = 'session opened';
      void reply.header('set-cookie', sessionCookie(result.sessionId, service.sessionMaxMs, secure(request.protocol))).header('cache-control', 'no-store');
      return { user: userView(result.user, result.role), csrfToken: result.session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Log out: ends the session and clears its cookie', response: withErrors({ 204: Type.Null() }) } },
    async (request, reply) => {
      const session = noteOf(request).principal?.session;
      if (session !== undefined) await service.archive.deleteSessions({ hash: session.hash });
      return reply.code(204).header('set-cookie', clearedSessionCookie(secure(request.protocol))).send();
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is logged in, with the CSRF token of the session (401 when nobody)', response: withErrors({ 200: SessionSchema }) } },
    (request, reply) => {
      const principal = noteOf(request).principal;
      if (principal === undefined) throw new ApiError(401, 'UNAUTHENTICATED', 'expected a session or an API token, found neither');
      // The CSRF token is for this browser only: no cache keeps it.
      void reply.header('cache-control', 'no-store');
      return { user: userView(principal.user, principal.role), csrfToken: principal.session?.csrfToken ?? null };
    },
  );

  app.post<{ Body: PasswordBody }>(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: "Change one's own password (from a login session): ends every session of the user and opens a new one for this browser",
        body: PasswordBody,
        response: withErrors({ 200: SessionSchema }),
      },
    },
    async (request, reply) => {
      const principal = noteOf(request).principal;
      if (principal?.via !== 'session') throw new ApiError(403, 'FORBIDDEN', 'expected a login session to change its password, found an API token (use zenith users passwd)');
      const note = noteOf(request);
      note.target = principal.user.name;
      const result = await service.changeOwnPassword(principal.user.name, request.body.currentPassword, request.body.newPassword, request.ip);
      if (result.kind === 'locked') throw tooManyAttempts(result, note, reply);
      if (result.kind === 'refused') {
        note.detail = `wrong current password${result.lockedNow.length > 0 ? `; ${result.lockedNow.join(' and ')} now locked` : ''}`;
        throw new ApiError(403, 'FORBIDDEN', 'expected the current password of this user, found another', 'currentPassword');
      }
      note.detail = 'password changed; sessions ended, a new one opened';
      void reply.header('set-cookie', sessionCookie(result.sessionId, service.sessionMaxMs, secure(request.protocol))).header('cache-control', 'no-store');
      return { user: userView(result.user, result.role), csrfToken: result.session.csrfToken };
    },
  );

  app.get(
    '/api/auth/users',
    { schema: { tags: ['auth'], summary: 'The users and their roles (admin)', response: withErrors({ 200: UserListSchema }) } },
    async () => (await service.users()).map((u) => ({ name: u.name, role: u.role, disabled: u.disabled, created: new Date(u.createdMs).toISOString() })),
  );

  app.post<{ Body: NewUserBody }>(
    '/api/auth/users',
    {
      schema: {
        tags: ['auth'],
        summary: 'Add a user (admin)',
        body: NewUserBody,
        response: withErrors({ 201: Type.Object({ name: Type.String(), role: Type.String() }) }),
      },
    },
    async (request, reply) => {
      const { name, role, password } = request.body;
      const note = noteOf(request);
      note.target = name;
      note.detail = `role ${role}`;
      try {
        // This request's own audit record (written once answered) is the record of the change.
        await service.addUser(name, role, password, null);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'AUTH_USER_EXISTS') throw new ApiError(409, 'USER_EXISTS', error.message, 'name');
        throw error;
      }
      return reply.code(201).send({ name, role });
    },
  );
}
