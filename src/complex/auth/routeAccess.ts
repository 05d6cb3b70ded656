// Who may use which route: one table, reviewed in one place and checked by a test against every
// route of the OpenAPI document. Reading needs `viewer`; queueing and sending commands,
// acknowledging alarms, uploading element sets and simulator faults need `operator`; approving a
// critical command needs `flight-director`; users need `admin`. A route missing from the table
// needs `admin` (closed by default); paths outside /api (the web UI's files) are public.
import type { Access } from './roles.ts';

export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'viewer',
  'GET /api/auth/me': 'viewer',
  'POST /api/auth/password': 'viewer',
  'GET /api/auth/users': 'admin',
  'POST /api/auth/users': 'admin',
  'GET /api/openapi.json': 'viewer',
  'GET /api/clock': 'viewer',
  'GET /api/spacecraft': 'viewer',
  'GET /api/stations': 'viewer',
  'POST /api/elements': 'operator',
  'GET /api/passes': 'viewer',
  'GET /api/contacts': 'viewer',
  'GET /api/parameters': 'viewer',
  'GET /api/parameters/:name/latest': 'viewer',
  'GET /api/parameters/:name/history': 'viewer',
  'GET /api/alarms': 'viewer',
  'POST /api/alarms/:id/acknowledge': 'operator',
  'GET /api/events': 'viewer',
  'GET /api/commands': 'viewer',
  'POST /api/commands': 'operator',
  'GET /api/commands/history': 'viewer',
  'GET /api/commands/:id': 'viewer',
  'POST /api/commands/:id/approve': 'flight-director',
  'POST /api/commands/:id/cancel': 'operator',
  'GET /api/export/parameters.csv': 'viewer',
  'GET /api/ws': 'viewer',
  'GET /api/simulator/stations': 'viewer',
  'GET /api/simulator/spacecraft/:name/faults': 'viewer',
  'POST /api/simulator/spacecraft/:name/faults': 'operator',
  'DELETE /api/simulator/spacecraft/:name/faults': 'operator',
};

/** What a request needs: `method` as sent (HEAD reads like GET), `route` the matched pattern (undefined: no route matched). */
export function accessFor(method: string, path: string, route: string | undefined, table: Readonly<Record<string, Access>> = ROUTE_ACCESS): Access {
  if (path !== '/api' && !path.startsWith('/api/')) return 'public';
  // An unknown path under /api answers 404 only to those who may read.
  if (route === undefined || route.includes('*')) return 'viewer';
  const m = method === 'HEAD' ? 'GET' : method;
  return table[`${m} ${route}`] ?? 'admin';
}
