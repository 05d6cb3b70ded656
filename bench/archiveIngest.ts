// Archive ingest: frames and parameter values stored in durable batches, through the Archive
// (SQLite and PostgreSQL) beside a peer that writes the same rows with the bare driver in the same
// run. Prints rates and the ratio archive/peer (1.0 = no cost for the shared layer).
// Run: npx tsx bench/archiveIngest.ts [postgres://...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openArchive } from '../src/complex/archive/index.ts';
import type { Archive, FrameRecord, ParameterRecord } from '../src/complex/archive/index.ts';

const PG_URL = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/test';
const FRAMES = 20_000;
const FRAME_BATCH = 100;
const PARAMS = 50_000;
const PARAM_BATCH = 1000;
const T0 = Date.UTC(2026, 0, 1);

const frames: FrameRecord[] = Array.from({ length: FRAMES }, (_, i) => ({
  source: 'KIR-tm',
  sequence: i,
  receptionTimeMs: T0 + i * 10,
  station: 'KIR',
  spacecraft: 'ZEN-1',
  qualityFlags: 0,
  bytes: new Uint8Array(1115).fill(i & 0xff),
}));
const params: ParameterRecord[] = Array.from({ length: PARAMS }, (_, i) => ({
  parameter: `/ZEN-1/P${i % 50}`,
  generationTimeMs: T0 + Math.floor(i / 50) * 1000,
  receptionTimeMs: T0 + Math.floor(i / 50) * 1000 + 300,
  raw: i & 0xffff,
  eng: (i & 0xffff) * 0.01,
  monitoring: 'normal',
}));

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function rate(label: string, count: number, work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  const perS = count / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(44)} ${perS.toFixed(0).padStart(9)} /s`);
  return perS;
}

async function archiveRun(archive: Archive, label: string): Promise<[number, number]> {
  const f = await rate(`${label} archive storeFrames x${FRAME_BATCH}`, FRAMES, async () => {
    for (const b of batches(frames, FRAME_BATCH)) await archive.storeFrames(b);
  });
  const p = await rate(`${label} archive storeParameters x${PARAM_BATCH}`, PARAMS, async () => {
    for (const b of batches(params, PARAM_BATCH)) await archive.storeParameters(b);
  });
  return [f, p];
}

async function sqlitePeer(path: string): Promise<[number, number]> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE f (source TEXT, reception_ms REAL, sequence INTEGER, station TEXT, spacecraft TEXT, quality INTEGER, bytes BLOB,
           PRIMARY KEY (source, reception_ms, sequence));
           CREATE TABLE p (parameter TEXT, gen_ms REAL, rec_ms REAL, raw TEXT, eng TEXT, eng_num REAL, monitoring TEXT, PRIMARY KEY (parameter, gen_ms))`);
  const insF = db.prepare('INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const insP = db.prepare('INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const storeF = db.transaction((b: FrameRecord[]) => {
    for (const x of b) insF.run(x.source, x.receptionTimeMs, x.sequence, x.station, x.spacecraft, x.qualityFlags, Buffer.from(x.bytes));
  });
  const storeP = db.transaction((b: ParameterRecord[]) => {
    for (const x of b) insP.run(x.parameter, x.generationTimeMs, x.receptionTimeMs, String(x.raw), String(x.eng), x.eng, x.monitoring);
  });
  const f = await rate('sqlite peer (bare better-sqlite3) frames', FRAMES, () => {
    for (const b of batches(frames, FRAME_BATCH)) storeF(b);
    return Promise.resolve();
  });
  const p = await rate('sqlite peer (bare better-sqlite3) parameters', PARAMS, () => {
    for (const b of batches(params, PARAM_BATCH)) storeP(b);
    return Promise.resolve();
  });
  db.close();
  return [f, p];
}

async function postgresPeer(schema: string): Promise<[number, number]> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`CREATE TABLE f (source TEXT, reception_ms DOUBLE PRECISION, sequence BIGINT, station TEXT, spacecraft TEXT, quality INTEGER, bytes BYTEA,
    PRIMARY KEY (source, reception_ms, sequence));
    CREATE TABLE p (parameter TEXT, gen_ms DOUBLE PRECISION, rec_ms DOUBLE PRECISION, raw TEXT, eng TEXT, eng_num DOUBLE PRECISION, monitoring TEXT,
    PRIMARY KEY (parameter, gen_ms))`);
  // The usual hand-written fast path: one multi-row INSERT per batch through unnest of arrays.
  const f = await rate('postgres peer (bare pg, unnest) frames', FRAMES, async () => {
    for (const b of batches(frames, FRAME_BATCH)) {
      await client.query(
        `INSERT INTO f SELECT * FROM unnest($1::text[], $2::float8[], $3::int8[], $4::text[], $5::text[], $6::int4[], $7::bytea[]) ON CONFLICT DO NOTHING`,
        [b.map((x) => x.source), b.map((x) => x.receptionTimeMs), b.map((x) => x.sequence), b.map((x) => x.station), b.map((x) => x.spacecraft), b.map((x) => x.qualityFlags), b.map((x) => Buffer.from(x.bytes))],
      );
    }
  });
  const p = await rate('postgres peer (bare pg, unnest) parameters', PARAMS, async () => {
    for (const b of batches(params, PARAM_BATCH)) {
      await client.query(
        `INSERT INTO p SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[], $5::text[], $6::float8[], $7::text[]) ON CONFLICT DO NOTHING`,
        [b.map((x) => x.parameter), b.map((x) => x.generationTimeMs), b.map((x) => x.receptionTimeMs), b.map((x) => String(x.raw)), b.map((x) => String(x.eng)), b.map((x) => x.eng as number), b.map((x) => x.monitoring)],
      );
    }
  });
  await client.end();
  return [f, p];
}

const dir = mkdtempSync(join(tmpdir(), 'zenith-bench-'));
const schema = `zb_${process.pid}`;
try {
  const sqlite = await openArchive(join(dir, 'a'));
  const [sf, sp] = await archiveRun(sqlite, 'sqlite');
  await sqlite.close();
  const [pf, pp] = await sqlitePeer(join(dir, 'peer.sqlite'));
  console.log(`sqlite ratio archive/peer: frames ${(sf / pf).toFixed(2)}, parameters ${(sp / pp).toFixed(2)}`);

  const postgres = await openArchive(`${PG_URL}?schema=${schema}`);
  const [gf, gp] = await archiveRun(postgres, 'postgres');
  await postgres.close();
  const [qf, qp] = await postgresPeer(schema);
  console.log(`postgres ratio archive/peer: frames ${(gf / qf).toFixed(2)}, parameters ${(gp / qp).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
