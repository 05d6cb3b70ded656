// Users, API tokens and login sessions of the complex, kept in the archive (so that the CLI can
// manage them while the complex is stopped), with the login rate limit and the audit log. Knows
// nothing of HTTP: apiAuth.ts puts it in front of the API.
import { ZenithError } from '../../core/errors/index.ts';
import type { Archive, SessionRecord, TokenRecord, UserRecord } from '../archive/index.ts';
import { AuditLog } from './AuditLog.ts';
import type { AuditEvent } from './AuditLog.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from './LoginLimiter.ts';
import type { LoginLimits } from './LoginLimiter.ts';
import { DEFAULT_COST, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { ScryptCost } from './passwords.ts';
import { ROLES, SCOPES, isRole, isScope } from './roles.ts';
import type { Role, Scope } from './roles.ts';
import { randomHex, randomSecret, sha256Hex } from './secrets.ts';

export const NAME_RE = /^[A-Za-z0-9_.@-]{1,64}$/;
export const TOKEN_PREFIX = 'zt_';
const TOKEN_RE = /^zt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
export const DEFAULT_SESSION_IDLE_MS = 12 * 3600_000;
export const DEFAULT_SESSION_MAX_MS = 7 * 24 * 3600_000;
/** A session's last use is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;

export interface AuthServiceOptions {
  readonly archive: Archive;
  /** Wall clock (never the simulated clock): sessions and audit records are real time. */
  readonly nowMs?: () => number;
  /** A session unused this long ends (default 12 h). */
  readonly sessionIdleMs?: number;
  /** A session ends this long after login whatever its use (default 7 days). */
  readonly sessionMaxMs?: number;
  readonly loginLimits?: LoginLimits;
  readonly passwordCost?: ScryptCost;
  /** A record the audit log could not store. */
  readonly onAuditError?: (error: unknown, event: AuditEvent) => void;
}

/** Who a request is, once its session or token checked out. */
export interface Principal {
  readonly user: UserRecord;
  readonly role: Role;
  readonly via: 'session' | 'token';
  readonly session?: SessionRecord;
  readonly token?: TokenRecord;
}

export type LoginResult =
  | { readonly kind: 'ok'; readonly user: UserRecord; readonly role: Role; readonly sessionId: string; readonly session: SessionRecord }
  | { readonly kind: 'refused'; readonly lockedNow: readonly ('user' | 'address')[] }
  | { readonly kind: 'locked'; readonly retryAfterMs: number; readonly which: 'user' | 'address' };

/** A credential that did not check out, and why (for the log and the audit record, not the client). */
export interface Rejection {
  readonly problem: string;
}

function authError(code: string, message: string, field: string): ZenithError {
  return new ZenithError(code, message, { field });
}

export function checkUserName(name: string): string {
  if (!NAME_RE.test(name)) throw authError('AUTH_BAD_NAME', `expected a user name of 1-64 letters, digits, _ . @ -, found ${JSON.stringify(name.slice(0, 80))}`, 'name');
  return name;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) throw authError('AUTH_BAD_ROLE', `expected a role, one of ${ROLES.join(', ')}, found ${JSON.stringify(role)}`, 'role');
  return role;
}

export function checkScopes(scopes: readonly string[]): Scope[] {
  for (const s of scopes) if (!isScope(s)) throw authError('AUTH_BAD_SCOPE', `expected scopes among ${SCOPES.join(', ')}, found ${JSON.stringify(s)}`, 'scope');
  return [...new Set(scopes as readonly Scope[])];
}

/** The audit log's action of a login request. */
const LOGIN_ACTION = 'POST /api/auth/login';

export class AuthService {
  readonly archive: Archive;
  readonly audit: AuditLog;
  readonly limiter: LoginLimiter;
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  private readonly nowMs: () => number;
  private readonly cost: ScryptCost;
  /** Verified against when a user name is unknown, so that a miss takes as long as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  constructor(options: AuthServiceOptions) {
    this.archive = options.archive;
    this.nowMs = options.nowMs ?? Date.now;
    this.sessionIdleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.sessionMaxMs = options.sessionMaxMs ?? DEFAULT_SESSION_MAX_MS;
    this.cost = options.passwordCost ?? DEFAULT_COST;
    this.audit = new AuditLog(options.archive, options.onAuditError, this.nowMs);
    this.limiter = new LoginLimiter(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, this.nowMs);
  }

  /**
   * Adds a user (ZenithError AUTH_USER_EXISTS, AUTH_BAD_NAME, AUTH_BAD_ROLE, AUTH_BAD_PASSWORD); the
   * audit record names `by` (null: the caller writes the record, as the API does for its request).
   */
  async addUser(name: string, role: string, password: string, by: { readonly actor: string; readonly address: string } | null): Promise<UserRecord> {
    checkUserName(name);
    checkRole(role);
    const problem = passwordProblem(password);
    if (problem !== undefined) throw authError('AUTH_BAD_PASSWORD', problem, 'password');
    const user: UserRecord = { name, role, passwordHash: await hashPassword(password, this.cost), createdMs: this.nowMs(), disabled: false };
    if (!(await this.archive.createUser(user))) {
      if (by !== null) await this.audit.append({ ...by, action: 'users.add', target: name, outcome: 'failed', status: 0, detail: 'AUTH_USER_EXISTS' });
      throw authError('AUTH_USER_EXISTS', `expected a new user name, found ${JSON.stringify(name)} taken`, 'name');
    }
    if (by !== null) await this.audit.append({ ...by, action: 'users.add', target: name, outcome: 'ok', status: 0, detail: `role ${role}` });
    return user;
  }

  /** Sets a new password (and ends the user's sessions). */
  async setPassword(name: string, password: string, by: { readonly actor: string; readonly address: string }): Promise<void> {
    const problem = passwordProblem(password);
    if (problem !== undefined) throw authError('AUTH_BAD_PASSWORD', problem, 'password');
    await this.archive.updateUser(name, { passwordHash: await hashPassword(password, this.cost), mustChangePassword: false });
    await this.archive.deleteSessions({ user: name });
    await this.audit.append({ ...by, action: 'users.password', target: name, outcome: 'ok', status: 0, detail: null });
  }

  /**
   * A user's own change of password (the API's, from a session): the current password checks out as
   * a login does (a wrong one counts towards the login limit; a locked name or address is refused),
   * the new one must be a new one of 12 characters or more (ZenithError AUTH_BAD_PASSWORD). Every
   * session of the user ends and a new one opens for the caller. Clears mustChangePassword.
   */
  async changeOwnPassword(name: string, currentPassword: string, newPassword: string, address: string): Promise<LoginResult> {
    const checked = await this.checkPassword(name, currentPassword, address);
    if (checked.kind !== 'ok') return checked;
    const problem = passwordProblem(newPassword) ?? (newPassword === currentPassword ? 'expected a new password, found the current one' : undefined);
    if (problem !== undefined) throw authError('AUTH_BAD_PASSWORD', problem, 'newPassword');
    const user = await this.archive.updateUser(name, { passwordHash: await hashPassword(newPassword, this.cost), mustChangePassword: false });
    await this.archive.deleteSessions({ user: name });
    return this.openSession(user, checked.role);
  }

  users(): Promise<UserRecord[]> {
    return this.archive.users();
  }

  /**
   * On an archive without users: adds `admin` with a random password and resolves with it (to be
   * shown once); otherwise resolves undefined.
   */
  async ensureFirstAdmin(by: { readonly actor: string; readonly address: string }): Promise<string | undefined> {
    if ((await this.archive.users()).length > 0) return undefined;
    const password = randomSecret(18);
    // The password is printed once: it must be replaced before the admin does anything else.
    const user: UserRecord = { name: 'admin', role: 'admin', passwordHash: await hashPassword(password, this.cost), createdMs: this.nowMs(), disabled: false, mustChangePassword: true };
    // Another process may have made the first user meanwhile: then this one shows nothing.
    if (!(await this.archive.createUser(user))) return undefined;
    await this.audit.append({ ...by, action: 'users.add', target: 'admin', outcome: 'ok', status: 0, detail: 'first admin, one-time password printed at start-up' });
    return password;
  }

  /** Makes a token for `user`; the text is returned once and never stored. */
  async createToken(
    userName: string,
    scopes: readonly string[],
    by: { readonly actor: string; readonly address: string },
    extra: { readonly label?: string; readonly expiresMs?: number } = {},
  ): Promise<{ readonly token: string; readonly record: TokenRecord }> {
    const user = await this.archive.user(userName);
    if (user === undefined) throw authError('AUTH_UNKNOWN_USER', `expected the name of a user, found ${JSON.stringify(userName)}`, 'user');
    const wanted = checkScopes(scopes.length === 0 ? ['read'] : scopes);
    const id = randomHex(6);
    const token = `${TOKEN_PREFIX}${id}_${randomSecret(32)}`;
    const record: TokenRecord = {
      hash: sha256Hex(token),
      id,
      user: user.name,
      scopes: wanted,
      createdMs: this.nowMs(),
      ...(extra.label === undefined ? {} : { label: extra.label }),
      ...(extra.expiresMs === undefined ? {} : { expiresMs: extra.expiresMs }),
    };
    await this.archive.storeToken(record);
    await this.audit.append({ ...by, action: 'tokens.create', target: `${user.name}/${id}`, outcome: 'ok', status: 0, detail: `scopes ${wanted.join(' ')}` });
    return { token, record };
  }

  async revokeToken(id: string, by: { readonly actor: string; readonly address: string }): Promise<boolean> {
    const found = await this.archive.revokeToken(id, this.nowMs());
    await this.audit.append({ ...by, action: 'tokens.revoke', target: id, outcome: found ? 'ok' : 'failed', status: 0, detail: found ? null : 'no such token' });
    return found;
  }

  /**
   * Rebuilds the login limit from the audit log's logins of the last window and lock (a restart would
   * otherwise unlock a name or an address under attack); resolves with how many were replayed. A
   * login's record names the attempted user (its first 64 characters) and the client address.
   */
  async restoreLoginLimits(): Promise<number> {
    const { windowMs, lockMs } = this.limiter.limits;
    const attempts: { timeMs: number; user: string; address: string; outcome: 'failed' | 'ok' | 'refused' }[] = [];
    let page = await this.archive.auditRecordsSince(this.nowMs() - windowMs - lockMs, 1000);
    while (page.length > 0) {
      for (const r of page) {
        if (r.action !== LOGIN_ACTION || r.target === null || r.address === null) continue;
        const outcome = r.status === 200 ? 'ok' : r.status === 401 ? 'failed' : r.status === 429 ? 'refused' : undefined;
        if (outcome !== undefined) attempts.push({ timeMs: r.timeMs, user: r.target, address: r.address, outcome });
      }
      page = await this.archive.auditRecords(page.at(-1)?.seq ?? 0, 1000);
    }
    this.limiter.replay(attempts);
    return attempts.length;
  }

  /** Checks a password; on success opens a session. Locked users and addresses are refused without a check. */
  async login(name: string, password: string, address: string): Promise<LoginResult> {
    const checked = await this.checkPassword(name, password, address);
    return checked.kind === 'ok' ? this.openSession(checked.user, checked.role) : checked;
  }

  /** A login's check of the password, without the session: limits counted, locks refused. */
  private async checkPassword(
    name: string,
    password: string,
    address: string,
  ): Promise<{ readonly kind: 'ok'; readonly user: UserRecord; readonly role: Role } | Exclude<LoginResult, { readonly kind: 'ok' }>> {
    const lock = this.limiter.locked(name, address);
    if (lock !== undefined) return { kind: 'locked', ...lock };
    const user = NAME_RE.test(name) ? await this.archive.user(name) : undefined;
    this.dummyHash ??= hashPassword(randomSecret(), this.cost);
    const good = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (user === undefined || !good || user.disabled || !isRole(user.role)) {
      return { kind: 'refused', lockedNow: this.limiter.fail(name, address) };
    }
    this.limiter.succeed(name);
    return { kind: 'ok', user, role: user.role };
  }

  private async openSession(user: UserRecord, role: Role): Promise<LoginResult> {
    const sessionId = randomSecret(32);
    const now = this.nowMs();
    const session: SessionRecord = { hash: sha256Hex(sessionId), user: user.name, csrfToken: randomSecret(32), createdMs: now, lastSeenMs: now, expiresMs: now + this.sessionMaxMs };
    // Sessions that ended without a logout go when someone logs in (a cheap, bounded sweep).
    await this.archive.deleteSessions({ endedBy: now, unusedSince: now - this.sessionIdleMs });
    await this.archive.storeSession(session);
    return { kind: 'ok', user, role, sessionId, session };
  }

  async logout(sessionId: string): Promise<void> {
    await this.archive.deleteSessions({ hash: sha256Hex(sessionId) });
  }

  /** The principal of a session cookie's id, or why not. */
  async sessionPrincipal(sessionId: string): Promise<Principal | Rejection> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return { problem: 'malformed session cookie' };
    const hash = sha256Hex(sessionId);
    const session = await this.archive.sessionByHash(hash);
    if (session === undefined) return { problem: 'no such session (logged out, expired or forged)' };
    const now = this.nowMs();
    if (now >= session.expiresMs || now - session.lastSeenMs >= this.sessionIdleMs) {
      await this.archive.deleteSessions({ hash });
      return { problem: 'session expired' };
    }
    const user = await this.archive.user(session.user);
    if (user === undefined || user.disabled || !isRole(user.role)) return { problem: `user ${session.user} is disabled or gone` };
    if (now - session.lastSeenMs >= TOUCH_EVERY_MS) await this.archive.touchSession(hash, now);
    return { user, role: user.role, via: 'session', session };
  }

  /** The principal of an API token, or why not. */
  async tokenPrincipal(text: string): Promise<Principal | Rejection> {
    if (!TOKEN_RE.test(text)) return { problem: 'malformed API token' };
    const token = await this.archive.tokenByHash(sha256Hex(text));
    if (token === undefined) return { problem: 'unknown API token' };
    if (token.revokedMs !== undefined) return { problem: `API token ${token.id} was revoked` };
    if (token.expiresMs !== undefined && this.nowMs() >= token.expiresMs) return { problem: `API token ${token.id} expired` };
    const user = await this.archive.user(token.user);
    if (user === undefined || user.disabled || !isRole(user.role)) return { problem: `user ${token.user} is disabled or gone` };
    return { user, role: user.role, via: 'token', token };
  }
}
