// GET /api/health and GET /api/clock: is the server up, and what time is it in the complex (the
// simulated time that `--speed` runs faster; the UI's global clock follows it).
import type { FastifyInstance } from 'fastify';
import { formatIsoUtc } from '../../core/time/index.ts';
import type { RouteContext } from './RouteContext.ts';
import { ClockSchema, HealthSchema, withErrors } from './schemas.ts';

export function clockView(ctx: RouteContext): { time: string; speed: number } {
  return { time: formatIsoUtc(ctx.deps.clock.nowMs()), speed: ctx.deps.clock.speed };
}

export function healthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'The server is up', response: withErrors({ 200: HealthSchema }) } },
    () => ({ status: 'ok' as const, version: ctx.version, ...clockView(ctx) }),
  );
  app.get(
    '/api/clock',
    { schema: { tags: ['system'], summary: 'The clock of the complex (simulated time and speed)', response: withErrors({ 200: ClockSchema }) } },
    () => clockView(ctx),
  );
}
