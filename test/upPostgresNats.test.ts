// End to end on the real parts: `zenith up --archive postgres://... --bus nats://...` flies the demo
// fleet with its archive in PostgreSQL (a schema of its own, dropped afterwards) and its bus on NATS
// JetStream: telemetry reaches the API, a command is executed on board and verified.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_TEST_URL, dropPostgresSchema } from '../src/complex/archive/index.ts';
import { ZenithUpProcess } from './upSupport/index.ts';

const NATS_URL = process.env['ZENITH_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const schema = `zup_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`;
let up: ZenithUpProcess;

beforeAll(async () => {
  up = await ZenithUpProcess.start(60, ['--archive', `${PG_TEST_URL}?schema=${schema}`, '--bus', NATS_URL]);
}, 60_000);

afterAll(async () => {
  const code = await up.stop();
  await dropPostgresSchema(PG_TEST_URL, schema);
  expect(code).toBe(0);
}, 30_000);

describe('zenith up on PostgreSQL and NATS', () => {
  it('stores telemetry in PostgreSQL and serves it over the API', async () => {
    const name = encodeURIComponent('/ZEN-GEO/DEMO/BAT_VOLTAGE');
    const latest = await up.poll('a battery voltage of ZEN-GEO', async () => {
      const v = (await up.json(`/api/parameters/${name}/latest`)) as { eng?: unknown };
      return typeof v.eng === 'number' ? v : undefined;
    });
    expect(latest.eng).toBeGreaterThan(15);
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.frames`);
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
  }, 70_000);

  it('executes a command on board and verifies every stage', async () => {
    const queued = (await up.json('/api/commands', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '/DEMO/RESET_COUNTERS', spacecraft: 'ZEN-GEO', id: 'pg-nats-1' }),
    })) as { id: string };
    expect(queued.id).toBe('pg-nats-1');
    const done = await up.poll('the command to finish', async () => {
      const c = (await up.json('/api/commands/pg-nats-1')) as { state: string; stages: { stage: string; status: string }[] };
      return ['completed', 'failed', 'timeout', 'cancelled'].includes(c.state) ? c : undefined;
    });
    expect(done.state).toBe('completed');
    for (const s of done.stages) expect(s.status).toBe('ok');
  }, 70_000);
});
