// Every route of the OpenAPI document (and every WebSocket topic) behind the real authentication:
// without credentials 401, with too little (a lower role, or a token without the scope) 403, with
// the role the route asks for allowed; each refusal and each state change leaves exactly one
// audit record, and a read leaves none. The table of roles is src/complex/auth/routeAccess.ts.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROUTE_ACCESS, SCOPE_OF_ROLE, SCOPES } from '../src/complex/auth/index.ts';
import type { Access, Role, Scope } from '../src/complex/auth/index.ts';
import { TOPICS } from '../src/complex/api/index.ts';
import { PASSWORD, USER_OF_ROLE, openAuthApi } from './authSupport/authApi.ts';
import type { AuthApi } from './authSupport/authApi.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: AuthApi;
let routes: { method: Method; route: string; access: Access }[] = [];
let newUsers = 0;

beforeAll(async () => {
  t = await openAuthApi();
  const session = await t.login('vic');
  const doc = (await t.api.app.inject({ url: '/api/openapi.json', headers: { cookie: session.cookie } })).json<{ paths: Record<string, Record<string, unknown>> }>();
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => {
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      const method = m.toUpperCase() as Method;
      return { method, route, access: ROUTE_ACCESS[`${method} ${route}`] ?? ('missing' as Access) };
    }),
  );
  // Hidden from the document, but a route all the same.
  routes.push({ method: 'GET', route: '/api/openapi.json', access: ROUTE_ACCESS['GET /api/openapi.json'] ?? ('missing' as Access) });
});

afterAll(async () => {
  await t.close();
});

/** A request a holder of the right role could reasonably send. */
function request(method: Method, route: string): { url: string; payload?: unknown; headers?: Record<string, string> } {
  const url = route.replace(':id', '1').replace(':name', 'ZEN-EO');
  const key = `${method} ${route}`;
  switch (key) {
    case 'POST /api/auth/login':
      return { url, payload: { username: 'vic', password: PASSWORD } };
    case 'POST /api/auth/users':
      return { url, payload: { name: `new-${++newUsers}`, role: 'viewer', password: PASSWORD } };
    case 'POST /api/elements':
      return { url, payload: 'not an element set', headers: { 'content-type': 'text/plain' } };
    case 'POST /api/alarms/:id/acknowledge':
      return { url, payload: {} };
    case 'POST /api/commands':
      return { url, payload: { name: 'HEATER_SETPOINT', spacecraft: 'ZEN-EO', arguments: { heater: 'BATTERY', setpoint: 21.5 } } };
    case 'POST /api/simulator/spacecraft/:name/faults':
      return { url, payload: { kind: 'battery-ageing' } };
    default:
      return { url };
  }
}

type Credentials = { kind: 'none' } | { kind: 'session'; role: Role } | { kind: 'token'; role: Role; scopes: Scope[] };

async function send(method: Method, route: string, credentials: Credentials) {
  const r = request(method, route);
  const headers: Record<string, string> = { ...r.headers };
  if (credentials.kind === 'session') {
    const s = await t.login(USER_OF_ROLE[credentials.role]);
    headers['cookie'] = s.cookie;
    headers['x-csrf-token'] = s.csrfToken;
  } else if (credentials.kind === 'token') {
    headers['authorization'] = `Bearer ${await t.token(USER_OF_ROLE[credentials.role], credentials.scopes)}`;
  }
  const before = (await t.audit()).length;
  const response = await t.api.app.inject({ method, url: r.url, headers, ...(r.payload === undefined ? {} : { payload: r.payload as string }) });
  const records = (await t.audit()).slice(before);
  return { response, records };
}

describe('authorization of every API route', () => {
  it('has a role for every route of the OpenAPI document, and no entry for a route that does not exist', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => r.access === ('missing' as Access)).map((r) => `${r.method} ${r.route}`)).toEqual([]);
    const existing = new Set(routes.map((r) => `${r.method} ${r.route}`));
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !existing.has(k))).toEqual([]);
    // Only login and health answer without credentials.
    expect(routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.route}`).sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });

  it('refuses a request without credentials (401), with too little (403), and lets the right role through, one audit record each', async () => {
    const failures: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok) failures.push(what);
    };
    for (const { method, route, access } of routes) {
      const name = `${method} ${route}`;
      const changes = STATE_CHANGING.has(method);
      const none = await send(method, route, { kind: 'none' });
      if (access === 'public') {
        check(none.response.statusCode < 400, `${name} without credentials: expected an answer, found ${none.response.statusCode} ${none.response.body.slice(0, 200)}`);
        check(none.records.length === (changes ? 1 : 0), `${name} public: expected ${changes ? 1 : 0} audit records, found ${none.records.length}`);
        continue;
      }
      check(none.response.statusCode === 401 && none.response.json<{ error: { code: string } }>().error.code === 'UNAUTHENTICATED', `${name} without credentials: expected 401 UNAUTHENTICATED, found ${none.response.statusCode}`);
      check(none.records.length === 1 && none.records[0]?.outcome === 'denied' && none.records[0].status === 401 && none.records[0].actor === null, `${name} without credentials: expected one denied audit record, found ${JSON.stringify(none.records)}`);

      // Too little: the role just below, or (for reading) a token of the right user without the scope.
      const rank = ROLES.indexOf(access);
      const lower: Credentials =
        rank > 0 ? { kind: 'session', role: ROLES[rank - 1] as Role } : { kind: 'token', role: access, scopes: SCOPES.filter((s) => s !== SCOPE_OF_ROLE[access]) };
      const wrong = await send(method, route, lower);
      check(wrong.response.statusCode === 403 && wrong.response.json<{ error: { code: string } }>().error.code === 'FORBIDDEN', `${name} with ${JSON.stringify(lower)}: expected 403 FORBIDDEN, found ${wrong.response.statusCode} ${wrong.response.body.slice(0, 200)}`);
      check(wrong.records.length === 1 && wrong.records[0]?.outcome === 'denied' && wrong.records[0].status === 403 && wrong.records[0].actor !== null, `${name} with too little: expected one denied audit record naming the user, found ${JSON.stringify(wrong.records)}`);

      for (const right of [{ kind: 'session', role: access }, { kind: 'token', role: access, scopes: [SCOPE_OF_ROLE[access]] }] as Credentials[]) {
        const ok = await send(method, route, right);
        const status = ok.response.statusCode;
        check(status !== 401 && status !== 403 && status < 500, `${name} with ${JSON.stringify(right)}: expected to be let through, found ${status} ${ok.response.body.slice(0, 200)}`);
        check(ok.records.length === (changes ? 1 : 0), `${name} with the right role: expected ${changes ? 1 : 0} audit records, found ${JSON.stringify(ok.records)}`);
        if (changes) {
          const r = ok.records[0];
          check(r?.actor === USER_OF_ROLE[access] && r.outcome === (status < 400 ? 'ok' : 'failed') && r.action === name, `${name}: expected an audit record of ${USER_OF_ROLE[access]} doing it, found ${JSON.stringify(r)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('serves the status page and unknown paths outside /api without credentials, and 401 for unknown /api paths', async () => {
    expect((await t.api.app.inject('/api/health')).statusCode).toBe(200);
    const unknown = await t.api.app.inject('/api/no/such/route');
    expect(unknown.statusCode).toBe(401);
    const page = await t.api.app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Zenith');
  });
});

describe('authorization of every WebSocket topic', () => {
  let base = '';
  beforeAll(async () => {
    const address = await t.api.app.listen({ port: 0, host: '127.0.0.1' });
    base = address.replace('http', 'ws');
  });

  /** Opens /api/ws: resolves with the socket, or the HTTP status of the refused upgrade. */
  function open(headers: Record<string, string>): Promise<WebSocket | number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${base}/api/ws`, { headers });
      socket.once('open', () => {
        resolve(socket);
      });
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', (error) => {
        if (socket.readyState !== WebSocket.CLOSED) reject(error);
      });
    });
  }

  const OPTIONS: Record<string, unknown> = { parameters: { names: ['/ZEN-EO/EPS/BATT_V'] } };

  for (const topic of TOPICS) {
    it(`${topic}: 401 without credentials, 403 without the read scope or from another site, subscribed for a viewer`, async () => {
      const origin = base.replace('ws', 'http');
      const count = async (): Promise<number> => (await t.audit()).length;
      let before = await count();
      expect(await open({})).toBe(401);
      expect((await t.audit()).slice(before)).toMatchObject([{ action: 'GET /api/ws', outcome: 'denied', status: 401 }]);

      const token = await t.token('vic', ['command']);
      before = await count();
      expect(await open({ authorization: `Bearer ${token}` })).toBe(403);
      expect((await t.audit()).slice(before)).toMatchObject([{ actor: 'vic', outcome: 'denied', status: 403 }]);

      const session = await t.login('vic');
      before = await count();
      expect(await open({ cookie: session.cookie, origin: 'https://evil.example' })).toBe(403);
      expect(await open({ cookie: session.cookie })).toBe(403);
      expect((await t.audit()).slice(before)).toHaveLength(2);

      before = await count();
      const socket = await open({ cookie: session.cookie, origin });
      expect(socket).toBeInstanceOf(WebSocket);
      const ws = socket as WebSocket;
      const reply = new Promise<Record<string, unknown>>((resolve) => {
        ws.on('message', (data: Buffer) => {
          const m = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
          if (m['type'] === 'subscribed' || m['type'] === 'error') resolve(m);
        });
      });
      ws.send(JSON.stringify({ type: 'subscribe', id: 's1', topic, options: OPTIONS[topic] ?? {} }));
      expect(await reply).toMatchObject({ type: 'subscribed', id: 's1', topic });
      ws.close();
      // Reading leaves no audit record.
      expect((await t.audit()).slice(before)).toEqual([]);
      // A token with the read scope opens it too, without an Origin.
      const reader = await open({ authorization: `Bearer ${await t.token('vic', ['read'])}` });
      expect(reader).toBeInstanceOf(WebSocket);
      (reader as WebSocket).close();
    });
  }
});
