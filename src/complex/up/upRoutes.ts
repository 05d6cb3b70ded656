// Routes `zenith up` serves beside the API: the simulator's fault injection and status, and, only
// when the web UI could not be built, a status page at `/` that says so and links the OpenAPI document.
// createApiServer returns a server that is already `ready` (no routes can be added), so these are
// answered in front of Fastify on the same HTTP server; every other request goes on to Fastify.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isZenithError } from '../../core/errors/index.ts';
import type { SimulationService } from '../sim/index.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const FAULTS_RE = /^\/api\/simulator\/spacecraft\/([^/]+)\/faults$/;
const MAX_BODY = 64 * 1024;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function statusHtml(missionName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zenith</title></head>
<body>
<h1>Zenith ground control complex</h1>
<p>Mission: ${escapeHtml(missionName)}. The complex is running.</p>
<p>The web user interface could not be built (see the log of <code>zenith up</code>). Use the REST and WebSocket API:
<a href="/api/openapi.json">/api/openapi.json</a> describes every route.</p>
</body></html>
`;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, code: string, message: string, field?: string): void {
  send(response, status, { error: { code, message, ...(field === undefined ? {} : { field }) } });
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new RangeError(`body larger than ${MAX_BODY} octets`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text.trim() === '' ? {} : JSON.parse(text));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on('error', reject);
  });
}

async function faults(sim: SimulationService, spacecraft: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    sim.sim(spacecraft);
  } catch {
    sendError(response, 404, 'NOT_FOUND', `expected a simulated spacecraft, found ${JSON.stringify(spacecraft)}`, 'spacecraft');
    return;
  }
  if (request.method === 'GET') {
    send(response, 200, { faults: sim.snapshot(spacecraft).faults });
  } else if (request.method === 'DELETE') {
    send(response, 200, { faults: sim.clearFault(spacecraft) });
  } else if (request.method === 'POST') {
    let body: unknown;
    try {
      body = await readJson(request);
    } catch (error) {
      sendError(response, 400, 'BAD_REQUEST', `expected a JSON fault, found: ${(error as Error).message}`);
      return;
    }
    try {
      send(response, 201, { faults: sim.injectFault(spacecraft, body) });
    } catch (error) {
      if (!isZenithError(error)) throw error;
      sendError(response, 400, error.code, error.message, error.context.field);
    }
  } else {
    sendError(response, 405, 'METHOD_NOT_ALLOWED', `expected GET, POST or DELETE, found ${request.method ?? '?'}`);
  }
}

/**
 * Puts the simulator routes in front of the request handlers `server` has: GET
 * /api/simulator/stations, GET|POST|DELETE /api/simulator/spacecraft/:name/faults; and GET / as the
 * status page when `statusPage` (no web UI).
 */
export function addUpRoutes(server: Server, missionName: string, sim: SimulationService, statusPage = true): void {
  const next = server.listeners('request') as Handler[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (statusPage && path === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      const html = statusHtml(missionName);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
      response.end(request.method === 'HEAD' ? undefined : html);
      return;
    }
    if (path === '/api/simulator/stations' && request.method === 'GET') {
      send(response, 200, { stations: sim.stations() });
      return;
    }
    const m = FAULTS_RE.exec(path);
    if (m !== null) {
      faults(sim, decodeURIComponent(m[1] ?? ''), request, response).catch((error: unknown) => {
        sendError(response, 500, 'INTERNAL', String(error));
      });
      return;
    }
    for (const handler of next) handler(request, response);
  });
}
