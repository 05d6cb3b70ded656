// Routes `zenith up` serves beside the API, registered in Fastify through createApiServer's
// `routes` option so that they pass the authentication hook (docs/security.md: reading needs a
// viewer, injecting or clearing faults an operator) and answer errors in the API's shape: the
// simulator's fault injection and status, and, when the web UI could not be built, a status page at
// `/` (public, it holds no data) that says so.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ErrorSchema, notFound, withErrors } from '../api/index.ts';
import type { SimulationService } from '../sim/index.ts';

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
<a href="/api/openapi.json">/api/openapi.json</a> describes every route (log in first:
POST /api/auth/login, see docs/security.md).</p>
</body></html>
`;
}

const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) });
type NameParams = Type.Static<typeof NameParams>;
const FaultsSchema = Type.Object({ faults: Type.Array(Type.Unknown()) });
const FaultBody = Type.Record(Type.String(), Type.Unknown(), { description: 'a fault, e.g. {"kind": "battery-ageing", "rampMinutes": 1}' });

/**
 * Adds the status page and the simulator routes: GET /, GET /api/simulator/stations,
 * GET|POST|DELETE /api/simulator/spacecraft/:name/faults.
 */
export function upRoutes(app: FastifyInstance, missionName: string, sim: SimulationService, options: { readonly statusPage?: boolean } = {}): void {
  if (options.statusPage ?? true) {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').send(statusHtml(missionName)));
  }
  app.get(
    '/api/simulator/stations',
    { schema: { tags: ['simulator'], summary: 'The simulated stations: what each tracks and its counters', response: { '4xx': ErrorSchema } } },
    () => ({ stations: sim.stations() }),
  );
  const simulated = (name: string): string => {
    try {
      sim.sim(name);
    } catch {
      throw notFound('NOT_FOUND', `expected a simulated spacecraft, found ${JSON.stringify(name)}`, 'name');
    }
    return name;
  };
  app.get<{ Params: NameParams }>(
    '/api/simulator/spacecraft/:name/faults',
    { schema: { tags: ['simulator'], summary: 'Faults injected into a simulated spacecraft', params: NameParams, response: withErrors({ 200: FaultsSchema }) } },
    (request) => ({ faults: sim.snapshot(simulated(request.params.name)).faults }),
  );
  app.post<{ Params: NameParams; Body: Record<string, unknown> }>(
    '/api/simulator/spacecraft/:name/faults',
    {
      schema: { tags: ['simulator'], summary: 'Inject a fault into a simulated spacecraft', params: NameParams, body: FaultBody, response: withErrors({ 201: FaultsSchema }) },
    },
    (request, reply) => reply.code(201).send({ faults: sim.injectFault(simulated(request.params.name), request.body) }),
  );
  app.delete<{ Params: NameParams }>(
    '/api/simulator/spacecraft/:name/faults',
    { schema: { tags: ['simulator'], summary: 'Clear the faults of a simulated spacecraft', params: NameParams, response: withErrors({ 200: FaultsSchema }) } },
    (request) => ({ faults: sim.clearFault(simulated(request.params.name)) }),
  );
}
