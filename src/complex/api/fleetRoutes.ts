// GET /api/spacecraft and GET /api/stations: the fleet with the element sets in force (so the UI
// propagates with src/core itself) and the station network with the status of its links.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { ElementSet } from '../../core/orbit/index.ts';
import { formatIsoUtc } from '../../core/time/index.ts';
import type { LinkInfo, LinkStatus } from '../links/index.ts';
import type { StationConfig } from '../mission/index.ts';
import type { RouteContext } from './RouteContext.ts';
import { SpacecraftSchema, StationSchema, withErrors } from './schemas.ts';

/** The element set without its `source` (a server path); the schema sends only the named fields. */
function elementsView(es: ElementSet): Omit<ElementSet, 'source'> {
  const { source: _source, ...rest } = es;
  return rest;
}

/** Disabled links only count when every link of the station is disabled; otherwise the worst of the rest. */
const STATUS_ORDER: readonly LinkStatus[] = ['ok', 'unavailable', 'failed'];

export function stationLink(station: string, links: readonly LinkInfo[]) {
  const mine = links.filter((l) => l.station === station);
  const active = mine.filter((l) => l.status !== 'disabled');
  let status: LinkStatus = 'disabled';
  let statusDetail = mine.length === 0 ? 'no link configured' : 'every link is disabled';
  for (const l of active) {
    if (status === 'disabled' || STATUS_ORDER.indexOf(l.status) > STATUS_ORDER.indexOf(status)) {
      status = l.status;
      statusDetail = `${l.name}: ${l.statusDetail}`;
    }
  }
  const last = Math.max(-Infinity, ...mine.map((l) => l.counters.lastFrameMs ?? -Infinity));
  return {
    status,
    statusDetail,
    links: mine.map((l) => l.name),
    framesReceived: mine.reduce((n, l) => n + l.counters.framesReceived, 0),
    framesStored: mine.reduce((n, l) => n + l.counters.framesStored, 0),
    framesDropped: mine.reduce((n, l) => n + l.counters.framesDropped + l.counters.framesRefused, 0),
    lastFrameTime: Number.isFinite(last) ? formatIsoUtc(last) : null,
  };
}

function stationView(s: StationConfig, links: readonly LinkInfo[]) {
  return { ...s, horizonMask: s.horizonMask ?? [], link: stationLink(s.name, links) };
}

export function fleetRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { mission, flightDynamics } = ctx.deps;
  app.get(
    '/api/spacecraft',
    {
      schema: {
        tags: ['fleet'],
        summary: 'The fleet, each spacecraft with its element set in force',
        response: withErrors({ 200: Type.Array(SpacecraftSchema) }),
      },
    },
    async () => {
      const current = new Map((await flightDynamics.currentElements()).map((e) => [e.catalogId, e]));
      return mission.spacecraft.map((sc) => ({ ...sc, elements: elementsView(current.get(sc.catalogId) ?? sc.elements) }));
    },
  );
  app.get(
    '/api/stations',
    {
      schema: {
        tags: ['fleet'],
        summary: 'The ground stations and the status of their links',
        response: withErrors({ 200: Type.Array(StationSchema) }),
      },
    },
    () => {
      const links = ctx.deps.telemetry.linkInfo?.() ?? [];
      return mission.stations.map((s) => stationView(s, links));
    },
  );
}
