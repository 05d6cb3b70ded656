import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './ApiError.ts';
import { openTestApi } from './apiTestKit.ts';
import { createApiServer } from './createApiServer.ts';
import type { ApiServerOptions } from './createApiServer.ts';
import type { TestApi } from './apiTestKit.ts';

// The routes issue 4 asks for, and those docs/api.md adds: each must be served and documented.
const REQUIRED: readonly [string, string][] = [
  ['GET', '/api/health'],
  ['GET', '/api/clock'],
  ['GET', '/api/spacecraft'],
  ['GET', '/api/stations'],
  ['POST', '/api/elements'],
  ['GET', '/api/passes'],
  ['GET', '/api/contacts'],
  ['GET', '/api/parameters'],
  ['GET', '/api/parameters/{name}/latest'],
  ['GET', '/api/parameters/{name}/history'],
  ['GET', '/api/alarms'],
  ['POST', '/api/alarms/{id}/acknowledge'],
  ['GET', '/api/events'],
  ['GET', '/api/commands'],
  ['POST', '/api/commands'],
  ['GET', '/api/commands/history'],
  ['GET', '/api/commands/{id}'],
  ['GET', '/api/export/parameters.csv'],
  ['GET', '/api/ws'],
];

let api: TestApi;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  api = await openTestApi('sqlite', {
    // Refuses one user name, to show that the hook runs before every handler.
    authenticate: (request) => {
      if (request.headers['x-test-user'] === 'mallory') throw new ApiError(401, 'UNAUTHENTICATED', 'who are you?');
      return { name: typeof request.headers['x-test-user'] === 'string' ? request.headers['x-test-user'] : 'operator', roles: [] };
    },
  });
  for (const line of api.app.printRoutes({ commonPrefix: false, includeHooks: false }).split('\n')) {
    // "├── /api/commands (GET, HEAD, POST)" and nested "│   └── /:id (GET, HEAD)" lines.
    const m = /([\w/.:-]+) \(([A-Z, ]+)\)/.exec(line);
    if (m === null) continue;
    routes.push(...m[2]!.split(', ').filter((x) => x !== 'HEAD').map((method) => ({ method, url: m[1]! })));
  }
});
afterAll(async () => {
  await api.close();
});

async function openApi(): Promise<{ paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>> }> {
  const r = await api.app.inject('/api/openapi.json');
  expect(r.statusCode).toBe(200);
  return r.json();
}

describe('OpenAPI document', () => {
  it('lists every route the server has, with its method, and every route the issue asks for', async () => {
    const doc = await openApi();
    for (const [method, path] of REQUIRED) {
      expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
      expect(api.app.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') }), `${method} ${path} served`).toBe(true);
    }
    // Every route Fastify serves is documented (except the document itself).
    expect(routes.length).toBeGreaterThan(REQUIRED.length);
    for (const { method, url } of routes) {
      if (url === '/api/openapi.json') continue;
      const path = url.replace(/:(\w+)/g, '{$1}');
      // printRoutes shows nested routes relative to their parent: rebuild the full path.
      const full = Object.keys(doc.paths).find((p) => p === path || p.endsWith(path));
      expect(full, `${method} ${url} documented`).toBeDefined();
      expect(doc.paths[full!]![method.toLowerCase()], `${method} ${full!}`).toBeDefined();
    }
  });
  it('documents the error body on every route, and the path and query parameters', async () => {
    const doc = await openApi();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.responses['4XX'] ?? op.responses['4xx'], `${method} ${path} 4xx`).toBeDefined();
      }
    }
    const history = doc.paths['/api/parameters/{name}/history']!['get']!;
    expect(history.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:name', 'query:from', 'query:points', 'query:to']);
  });
  it('names the shared space-system schema', async () => {
    const r = await api.app.inject('/api/openapi.json');
    const doc = r.json<{ components: { schemas: Record<string, unknown> } }>();
    expect(Object.keys(doc.components.schemas)).toContain('SpaceSystem');
  });
});

describe('authentication hook', () => {
  it('runs before every handler, state-changing or not, and its refusal is a JSON error', async () => {
    for (const [method, url] of [['GET', '/api/health'], ['POST', '/api/alarms/1/acknowledge'], ['GET', '/api/ws']] as const) {
      const r = await api.app.inject({ method, url, headers: { 'x-test-user': 'mallory' }, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(r.statusCode, url).toBe(401);
      expect(r.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'who are you?' } });
    }
  });
});

describe('bad requests', () => {
  const parameterLatest = (name: string): string => `/api/parameters/${encodeURIComponent(name)}/latest`;

  it('refuses malformed JSON, JSON that is not an object, and the wrong media type', async () => {
    const bad = await api.app.inject({ method: 'POST', url: '/api/commands', headers: { 'content-type': 'application/json' }, payload: '{"name": "x",' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('BAD_JSON');
    const array = await api.app.inject({ method: 'POST', url: '/api/commands', headers: { 'content-type': 'application/json' }, payload: '[1,2]' });
    expect(array.statusCode).toBe(400);
    expect(array.json<{ error: { code: string } }>().error.code).toBe('INVALID_REQUEST');
    const media = await api.app.inject({ method: 'POST', url: '/api/commands', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' });
    expect(media.statusCode).toBe(415);
    expect(media.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
  it('refuses bodies over the limit without reading them whole', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), spacecraft: 'ZEN-EO' });
    const r = await api.app.inject({ method: 'POST', url: '/api/commands', headers: { 'content-type': 'application/json' }, payload: huge });
    expect(r.statusCode).toBe(413);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('BODY_TOO_LARGE');
    const elements = await api.app.inject({ method: 'POST', url: '/api/elements', headers: { 'content-type': 'text/plain' }, payload: 'x'.repeat(9 * 1024 * 1024) });
    expect(elements.statusCode).toBe(413);
  });
  it('refuses __proto__ and constructor.prototype keys in bodies', async () => {
    for (const payload of ['{"name":"/ZEN-EO/SET_HEATER","spacecraft":"ZEN-EO","arguments":{"__proto__":{"polluted":1}}}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}']) {
      const r = await api.app.inject({ method: 'POST', url: '/api/commands', headers: { 'content-type': 'application/json' }, payload });
      expect(r.statusCode, payload).toBe(400);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
  it('names the field of a bad date, a reversed range and a range too long', async () => {
    const cases: [string, string, string][] = [
      ['/api/events?from=yesterday', 'BAD_TIME', 'from'],
      ['/api/events?from=2026-02-30T00:00:00Z', 'BAD_TIME', 'from'],
      ['/api/events?from=2026-06-12T00:00:00Z&to=2026-06-11T00:00:00Z', 'BAD_RANGE', 'to'],
      ['/api/passes?from=2026-06-12T00:00:00Z&to=2026-08-12T00:00:00Z', 'RANGE_TOO_LONG', 'to'],
      ['/api/events?to=99999-01-01', 'BAD_TIME', 'to'],
      ['/api/events?from=0001-01-01T00:00:00Z', 'BAD_TIME', 'from'],
      ['/api/parameters/%2FZEN-EO%2FEPS%2FBATT_V/history?points=0', 'INVALID_REQUEST', 'points'],
      ['/api/parameters/%2FZEN-EO%2FEPS%2FBATT_V/history?points=ten', 'INVALID_REQUEST', 'points'],
      ['/api/alarms?severity=apocalyptic', 'INVALID_REQUEST', 'severity'],
      ['/api/alarms/0/acknowledge', 'INVALID_REQUEST', 'id'],
    ];
    for (const [url, code, field] of cases) {
      const method = url.includes('acknowledge') ? 'POST' : 'GET';
      const r = await api.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(r.statusCode, url).toBe(400);
      expect(r.json<{ error: { code: string; field: string; message: string } }>().error, url).toMatchObject({ code, field });
    }
  });
  it('answers 404 for unknown names, whatever they hold (traversal, SQL, control characters)', async () => {
    const names = ['/ZEN-EO/EPS/NOPE', '../../etc/passwd', '/ZEN-EO/EPS/BATT_V\' OR \'1\'=\'1', "x'); DROP TABLE parameter_values;--", 'a\u0000b', '%', 'ZEN-EO/EPS/BATT_V/..', '\u202e\ud83d\ude80'];
    for (const name of names) {
      const r = await api.app.inject(parameterLatest(name));
      expect(r.statusCode, name).toBe(404);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('UNKNOWN_PARAMETER');
    }
    const csv = await api.app.inject(`/api/export/parameters.csv?names=${encodeURIComponent("/ZEN-EO/EPS/BATT_V,x' OR 1=1;--")}`);
    expect(csv.statusCode).toBe(404);
    expect(csv.json<{ error: { field: string } }>().error.field).toBe('names');
    // SQL meta-characters in a free-text filter are just text: nothing matches, nothing breaks.
    const events = await api.app.inject(`/api/events?source=${encodeURIComponent("x' OR '1'='1")}`);
    expect(events.statusCode).toBe(200);
    expect(events.json()).toEqual([]);
    const history = await api.app.inject(`/api/commands/${encodeURIComponent("1' OR '1'='1")}`);
    expect(history.statusCode).toBe(404);
    expect(history.json<{ error: { code: string } }>().error.code).toBe('UNKNOWN_COMMAND_ID');
  });
  it('answers a JSON 404 for routes that do not exist, and for badly encoded URLs a 400', async () => {
    const r = await api.app.inject('/api/nothing/here');
    expect(r.statusCode).toBe(404);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    const url = await api.app.inject('/api/parameters/%E0%A4%A/latest');
    expect(url.statusCode).toBe(400);
    expect(url.json<{ error: { code: string } }>().error.code).toBe('BAD_URL');
    const plain = await api.app.inject('/api/ws');
    expect(plain.statusCode).toBe(426);
  });
  it('never answers 5xx, whatever the path, query and body (random requests, fixed seed)', async () => {
    const segment = fc.oneof(
      fc.constantFrom('api', 'parameters', 'alarms', 'commands', 'events', 'history', 'latest', 'acknowledge', 'export', 'parameters.csv', '..', '%2F', '%00', '%', '__proto__', 'constructor'),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
      fc.integer().map(String),
    );
    const query = fc.dictionary(
      fc.constantFrom('from', 'to', 'points', 'names', 'severity', 'state', 'limit', 'spacecraft', 'station', 'source', '__proto__'),
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2026-06-12T00:00:00Z', '-1', '1e309', 'NaN', "' OR 1=1--", '9999-12-31T23:59:60Z')),
    );
    const body = fc.oneof(fc.json(), fc.string({ maxLength: 200 }), fc.constant('{"__proto__":{"a":1}}'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST'), fc.array(segment, { maxLength: 5 }), query, body, async (method, segments, q, payload) => {
        const url = `/api/${segments.join('/')}?${new URLSearchParams(q).toString()}`;
        const r = await api.app.inject({ method, url, ...(method === 'POST' ? { payload, headers: { 'content-type': 'application/json' } } : {}) });
        expect(r.statusCode, `${method} ${url} ${payload}`).toBeLessThan(500);
        if (r.statusCode >= 400) expect(r.json<{ error: { code: string } }>().error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 400, seed: 20_260_612 },
    );
    const health = await api.app.inject('/api/health');
    expect(health.statusCode).toBe(200);
  });
});

describe('client address behind a reverse proxy', () => {
  /** The address and scheme the authentication hook sees for a request from `remoteAddress`. */
  async function seen(trustedProxies: readonly string[] | undefined, remoteAddress: string, headers: Record<string, string>): Promise<{ ip: string; protocol: string }> {
    let ip = '';
    let protocol = '';
    const server = await createApiServer(api.deps, {
      ...(trustedProxies === undefined ? {} : { trustedProxies }),
      authenticate: (request) => {
        ip = request.ip;
        protocol = request.protocol;
        return { name: 'operator', roles: [] };
      },
    });
    try {
      const r = await server.app.inject({ url: '/api/health', remoteAddress, headers });
      expect(r.statusCode).toBe(200);
    } finally {
      // Its onClose hook closes the live feeds too.
      await server.app.close();
    }
    return { ip, protocol };
  }
  const forwarded = { 'x-forwarded-for': '203.0.113.9, 10.0.0.5', 'x-forwarded-proto': 'https' };

  it('takes the client from X-Forwarded-For and the scheme from X-Forwarded-Proto only from a trusted proxy', async () => {
    // Through the proxy at 10.0.0.5 (trusted as a range), the client is 203.0.113.9.
    expect(await seen(['127.0.0.1', '10.0.0.0/8'], '127.0.0.1', forwarded)).toEqual({ ip: '203.0.113.9', protocol: 'https' });
  });

  it('ignores the headers from anyone else, and without trusted proxies', async () => {
    expect(await seen(['10.0.0.0/8'], '198.51.100.4', forwarded)).toEqual({ ip: '198.51.100.4', protocol: 'http' });
    expect(await seen(undefined, '127.0.0.1', forwarded)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
    expect(await seen([], '127.0.0.1', forwarded)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  });
});

describe('authentication is not optional', () => {
  it('refuses to build a server without an authenticate function', async () => {
    await expect(createApiServer(api.deps, {} as ApiServerOptions)).rejects.toThrow(/authenticate is required/);
  });
});

describe('web UI and extra routes', () => {
  it('serves the UI files, its index.html for deep links, and extra routes with the API error shape and OpenAPI entry', async () => {
    const root = mkdtempSync(join(tmpdir(), 'zenith-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Zenith</title>');
    writeFileSync(join(root, 'app.js'), 'console.log("zenith")');
    const seen: string[] = [];
    const server = await createApiServer(api.deps, {
      webRoot: root,
      authenticate: (request) => {
        seen.push(request.url);
        return { name: 'operator', roles: [] };
      },
      routes: (app) => {
        app.get('/api/simulator/stations', { schema: { tags: ['simulator'], querystring: Type.Object({ n: Type.Integer({ minimum: 1 }) }) } }, (request) => ({ n: (request.query as { n: number }).n }));
      },
    });
    try {
      const index = await server.app.inject('/');
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<title>Zenith</title>');
      expect((await server.app.inject('/app.js')).body).toBe('console.log("zenith")');
      const deep = await server.app.inject('/passes/ZEN-EO');
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toContain('text/html');
      for (const url of ['/api/nothing', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
        const r = await server.app.inject(url);
        if (url.startsWith('/api')) {
          expect(r.statusCode).toBe(404);
          expect(r.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
        } else {
          // Never a file outside the web root: at most the UI page.
          expect(r.body).not.toContain('root:');
        }
      }
      expect((await server.app.inject('/api/simulator/stations?n=3')).json()).toEqual({ n: 3 });
      expect((await server.app.inject('/api/simulator/stations?n=0')).json()).toMatchObject({ error: { code: 'INVALID_REQUEST', field: 'n' } });
      expect(seen).toContain('/api/simulator/stations?n=3');
      const doc = (await server.app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(doc.paths)).toContain('/api/simulator/stations');
      expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
    } finally {
      await server.app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('sends the compressed copy of a UI file to a browser that accepts it, the file itself to one that does not', async () => {
    const root = mkdtempSync(join(tmpdir(), 'zenith-web-'));
    const code = 'export const stations = ["SVALBARD", "KIRUNA"];\n'.repeat(200);
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Zenith</title>');
    writeFileSync(join(root, 'app.js'), code);
    writeFileSync(join(root, 'app.js.br'), brotliCompressSync(code));
    writeFileSync(join(root, 'app.js.gz'), gzipSync(code));
    const server = await createApiServer(api.deps, { webRoot: root, authenticate: () => ({ name: 'operator', roles: [] }) });
    try {
      const br = await server.app.inject({ url: '/app.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toContain('javascript');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(code);
      const gz = await server.app.inject({ url: '/app.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(code);
      const plain = await server.app.inject({ url: '/app.js', headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(code);
    } finally {
      await server.app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('closing', () => {
  it('closes at once while a client has stopped reading a large answer', async () => {
    const root = mkdtempSync(join(tmpdir(), 'zenith-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Zenith</title>');
    writeFileSync(join(root, 'bundle.js'), 'x'.repeat(32 * 1024 * 1024));
    const server = await createApiServer(api.deps, { webRoot: root, authenticate: () => ({ name: 'operator', roles: [] }) });
    try {
      const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = new URL(address);
      // A client that asks for the bundle and never reads: the server's writes back up.
      const socket = connect({ host: '127.0.0.1', port: Number(port) });
      await new Promise<void>((resolve) => socket.once('connect', () => { resolve(); }));
      socket.pause();
      socket.write('GET /bundle.js HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 300));
      const closed = await Promise.race([server.app.close().then(() => 'closed'), new Promise((r) => setTimeout(r, 5000, 'still open after 5 s'))]);
      expect(closed).toBe('closed');
      socket.destroy();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
