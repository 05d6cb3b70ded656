// The API of apiTestKit behind the real authentication of auth/: users of every role, logins,
// tokens, a movable wall clock for session expiry, and the audit log read back. For the security
// tests in test/ (they reach into several rooms, which only test/ may).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestApi } from '../../src/complex/api/apiTestKit.ts';
import type { TestApi } from '../../src/complex/api/apiTestKit.ts';
import { openArchive } from '../../src/complex/archive/index.ts';
import type { Archive, AuditRecord } from '../../src/complex/archive/index.ts';
import { AuthService, createApiAuth } from '../../src/complex/auth/index.ts';
import type { LoginLimits, Role, Scope } from '../../src/complex/auth/index.ts';
import type { SimulationService } from '../../src/complex/sim/index.ts';
import { upRoutes } from '../../src/complex/up/index.ts';

export const PASSWORD = 'correct horse battery staple';
/** One user per role, and a second flight director for the two-person rule. */
export const USERS: Readonly<Record<string, Role>> = { vic: 'viewer', otto: 'operator', fd1: 'flight-director', fd2: 'flight-director', ada: 'admin' };
export const USER_OF_ROLE: Readonly<Record<Role, string>> = { viewer: 'vic', operator: 'otto', 'flight-director': 'fd1', admin: 'ada' };

/** A stand-in simulator for the routes `zenith up` adds (their authorization is under test, not the simulator). */
const fakeSimulator = {
  stations: () => [],
  sim: (name: string) => {
    if (name !== 'ZEN-EO') throw new Error(`no simulated spacecraft ${name}`);
    return {};
  },
  snapshot: () => ({ faults: [] }),
  injectFault: () => [{ kind: 'battery-ageing' }],
  clearFault: () => [],
} as unknown as SimulationService;

export interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly id: string;
}

export interface AuthApi {
  readonly api: TestApi;
  readonly service: AuthService;
  readonly archive: Archive;
  /** Moves the wall clock of auth (sessions, tokens, audit times). */
  advance(ms: number): void;
  login(name: string): Promise<Session>;
  token(name: string, scopes: readonly Scope[]): Promise<string>;
  /** Every audit record, once all pending ones are written. */
  audit(): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

export async function openAuthApi(options: { readonly loginLimits?: LoginLimits; readonly trustedProxies?: readonly string[] } = {}): Promise<AuthApi> {
  const dir = mkdtempSync(join(tmpdir(), 'zenith-auth-'));
  const archive = await openArchive(join(dir, 'auth.sqlite'));
  let now = Date.now();
  const service = new AuthService({
    archive,
    nowMs: () => now,
    // Cheap hashes: the tests log in hundreds of times.
    passwordCost: { N: 1024, r: 8, p: 1 },
    ...(options.loginLimits === undefined ? {} : { loginLimits: options.loginLimits }),
    onAuditError: (error) => {
      throw error;
    },
  });
  for (const [name, role] of Object.entries(USERS)) await service.addUser(name, role, PASSWORD, { actor: 'test', address: 'test' });
  const auth = createApiAuth(service);
  const api = await openTestApi('sqlite', {
    wsRecheckMs: 100,
    ...(options.trustedProxies === undefined ? {} : { trustedProxies: options.trustedProxies }),
    authenticate: auth.authenticate,
    onAnswered: auth.onAnswered,
    routes: (app) => {
      auth.routes(app);
      upRoutes(app, 'TEST', fakeSimulator);
    },
  });
  return {
    api,
    service,
    archive,
    advance: (ms) => {
      now += ms;
    },
    login: async (name) => {
      const r = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`login of ${name}: ${r.statusCode} ${r.body}`);
      const setCookie = String(r.headers['set-cookie']);
      const id = /zenith_session=([^;]*)/.exec(setCookie)?.[1] ?? '';
      return { cookie: `zenith_session=${id}`, csrfToken: r.json<{ csrfToken: string }>().csrfToken, id };
    },
    token: async (name, scopes) => (await service.createToken(name, scopes, { actor: 'test', address: 'test' })).token,
    audit: async () => {
      await service.audit.flush();
      return archive.auditRecords(0, 100_000);
    },
    close: async () => {
      await api.close();
      await service.audit.flush();
      await archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
