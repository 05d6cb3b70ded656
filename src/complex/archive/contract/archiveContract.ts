// The one test suite every Archive implementation passes (DESIGN.md, "Seams are narrow
// interfaces"). Expected values are worked out here from the inputs (sorting, bucketing, gap
// finding done again in plain code), never read back from the archive under test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZenithError } from '../../../core/errors/index.ts';
import { parseElements } from '../../../core/orbit/index.ts';
import type { ElementSet } from '../../../core/orbit/index.ts';
import type { Archive, EventRecord, FrameRecord, ParameterRecord, RetentionKind } from '../index.ts';

/** Gives the suite archives of the implementation under test. */
export interface ArchiveHarness {
  /** An empty archive: at a new location, or one reused and emptied. */
  fresh(): Promise<Archive>;
  /** Closes `archive` and opens its location again. */
  reopen(archive: Archive): Promise<Archive>;
  /** Done with the archive of a test (close it, or keep it for the next `fresh`). */
  release(archive: Archive): Promise<void>;
  /** Closes what is open and removes every location made. */
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function frame(source: string, sequence: number, offsetMs: number, extra: Partial<FrameRecord> = {}): FrameRecord {
  return {
    source,
    sequence,
    receptionTimeMs: T0 + offsetMs,
    station: 'KIR',
    spacecraft: 'ZEN-1',
    qualityFlags: 0,
    bytes: Uint8Array.from({ length: 16 }, (_, i) => (sequence * 7 + i) & 0xff),
    ...extra,
  };
}

function param(parameter: string, offsetMs: number, eng: ParameterRecord['eng'], extra: Partial<ParameterRecord> = {}): ParameterRecord {
  return { parameter, generationTimeMs: T0 + offsetMs, receptionTimeMs: T0 + offsetMs + 500, raw: null, eng, monitoring: 'normal', ...extra };
}

function event(source: string, sequence: number, offsetMs: number, severity: EventRecord['severity']): EventRecord {
  return { source, sequence, timeMs: T0 + offsetMs, severity, type: 'TEST', message: `event ${sequence}` };
}

/** A deterministic pseudo-random sequence (so a failure can be replayed). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of iterable) out.push(batch);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<ZenithError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZenithError) return error;
    throw error;
  }
  throw new Error('expected a ZenithError, the call succeeded');
}

function referenceElements(): ElementSet[] {
  const file = resolve('../shared/data/omm/python-sgp4-samples/stations-tle.txt');
  const parsed = parseElements(readFileSync(file, 'utf8'), { file });
  expect(parsed.problems).toEqual([]);
  return parsed.elements;
}

export function archiveContract(label: string, harness: ArchiveHarness): void {
  describe(`Archive contract: ${label}`, () => {
    let archive: Archive;
    beforeEach(async () => {
      archive = await harness.fresh();
    });
    afterEach(async () => {
      await harness.release(archive);
    });
    afterAll(async () => {
      await harness.cleanup();
    });

    describe('frames', () => {
      it('replays frames in reception order, in batches, bytes intact', async () => {
        const random = lcg(7);
        const frames = Array.from({ length: 25 }, (_, i) => frame(i % 2 === 0 ? 'S1-tm' : 'S2-tm', i, Math.floor(random() * 60_000)));
        const shuffled = [...frames].sort(() => random() - 0.5);
        expect(await archive.storeFrames(shuffled)).toBe(25);
        const batches = await collect(archive.frames({ fromMs: T0, toMs: T0 + 60_000, batchSize: 10 }));
        expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
        const expected = [...frames].sort(
          (a, b) => a.receptionTimeMs - b.receptionTimeMs || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || a.sequence - b.sequence,
        );
        expect(batches.flat()).toEqual(expected);
      });

      it('stores a frame once however often it is stored', async () => {
        const batch = [frame('S1-tm', 1, 0), frame('S1-tm', 2, 100), frame('S1-tm', 3, 200)];
        expect(await archive.storeFrames(batch)).toBe(3);
        expect(await archive.storeFrames(batch)).toBe(0);
        expect(await archive.storeFrames([frame('S1-tm', 3, 200), frame('S1-tm', 4, 300), frame('S1-tm', 4, 300)])).toBe(1);
        // The same counter value at another time is another frame (a counter that wrapped).
        expect(await archive.storeFrames([frame('S1-tm', 1, 900)])).toBe(1);
        expect((await collect(archive.frames({ fromMs: T0, toMs: T0 + 1000 }))).flat().map((f) => f.sequence)).toEqual([1, 2, 3, 4, 1]);
      });

      it('resolves every concurrent store, each committed whole', async () => {
        const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 50 }, (_, i) => frame(`L${b}`, i, i * 10)));
        const counts = await Promise.all(batches.map((batch) => archive.storeFrames(batch)));
        expect(counts).toEqual(batches.map(() => 50));
        expect((await collect(archive.frames({ fromMs: T0, toMs: T0 + 1000, batchSize: 1000 }))).flat()).toHaveLength(400);
      });

      it('filters by time (half-open), source, station and spacecraft', async () => {
        await archive.storeFrames([
          frame('S1-tm', 1, 0),
          frame('S1-tm', 2, 1000, { station: 'SVB' }),
          frame('S2-tm', 1, 1000, { spacecraft: 'ZEN-2' }),
          frame('S2-tm', 2, 2000),
        ]);
        const keys = async (q: Parameters<Archive['frames']>[0]): Promise<string[]> =>
          (await collect(archive.frames(q))).flat().map((f) => `${f.source}#${f.sequence}`);
        expect(await keys({ fromMs: T0, toMs: T0 + 2000 })).toEqual(['S1-tm#1', 'S1-tm#2', 'S2-tm#1']);
        expect(await keys({ fromMs: T0 + 1000, toMs: T0 + 3000, sources: ['S2-tm'] })).toEqual(['S2-tm#1', 'S2-tm#2']);
        expect(await keys({ fromMs: T0, toMs: T0 + 3000, station: 'SVB' })).toEqual(['S1-tm#2']);
        expect(await keys({ fromMs: T0, toMs: T0 + 3000, spacecraft: 'ZEN-2' })).toEqual(['S2-tm#1']);
        expect(await keys({ fromMs: T0, toMs: T0 + 3000, sources: [] })).toEqual([]);
      });

      it('finds the gaps of each source, with and without a wrapping counter', async () => {
        const a = [1, 2, 3, 6, 7].map((s, i) => frame('A', s, i * 100));
        const b = [10, 11, 12].map((s, i) => frame('B', s, i * 100));
        const c = [254, 255, 0, 1, 4].map((s, i) => frame('C', s, i * 100));
        await archive.storeFrames([...a, ...b, ...c]);
        const range = { fromMs: T0, toMs: T0 + 10_000 };
        expect(await archive.frameGaps({ ...range, source: 'A' })).toEqual([
          { source: 'A', beforeSequence: 3, beforeMs: T0 + 200, afterSequence: 6, afterMs: T0 + 300, missing: 2 },
        ]);
        expect(await archive.frameGaps({ ...range, source: 'B' })).toEqual([]);
        expect((await archive.frameGaps({ ...range, source: 'C' })).map((g) => [g.beforeSequence, g.afterSequence, g.missing])).toEqual([
          [255, 0, undefined],
          [1, 4, 2],
        ]);
        expect((await archive.frameGaps({ ...range, modulus: 256 })).map((g) => [g.source, g.beforeSequence, g.missing])).toEqual([
          ['A', 3, 2],
          ['C', 1, 2],
        ]);
        // Only frames inside the range count: from the 4th frame of A on, there is no gap.
        expect(await archive.frameGaps({ fromMs: T0 + 300, toMs: T0 + 10_000, source: 'A' })).toEqual([]);
      });

      it('refuses a batch with a bad frame whole, naming it', async () => {
        await archive.storeFrames([frame('S1-tm', 1, 0)]);
        const bad = [frame('S1-tm', 2, 100), { ...frame('S1-tm', 3, 200), sequence: -1 }, frame('S1-tm', 4, 300)];
        const error = await rejection(archive.storeFrames(bad));
        expect(error.code).toBe('ARCHIVE_INPUT');
        expect(error.context.field).toBe('frames[1].sequence');
        expect(error.message).toContain('found -1');
        const notBytes = { ...frame('S1-tm', 5, 400), bytes: [1, 2] as unknown as Uint8Array };
        expect((await rejection(archive.storeFrames([notBytes]))).context.field).toBe('frames[0].bytes');
        const nan = { ...frame('S1-tm', 6, 500), receptionTimeMs: Number.NaN };
        expect((await rejection(archive.storeFrames([nan]))).context.field).toBe('frames[0].receptionTimeMs');
        expect((await collect(archive.frames({ fromMs: T0, toMs: T0 + 1000 }))).flat().map((f) => f.sequence)).toEqual([1]);
        expect((await rejection(collect(archive.frames({ fromMs: T0 + 5, toMs: T0 })))).code).toBe('ARCHIVE_QUERY');
      });
    });

    describe('parameters', () => {
      it('keeps the newest value of each parameter, whatever the order of arrival', async () => {
        await archive.storeParameters([param('/Z/V', 2000, 7.5), param('/Z/V', 1000, 7.4), param('/Z/T', 500, 20)]);
        await archive.storeParameters([param('/Z/V', 1500, 7.45), param('/Z/T', 600, 21, { monitoring: 'warning' })]);
        const latest = await archive.latestValues();
        expect(latest.map((p) => [p.parameter, p.generationTimeMs - T0, p.eng, p.monitoring])).toEqual([
          ['/Z/T', 600, 21, 'warning'],
          ['/Z/V', 2000, 7.5, 'normal'],
        ]);
        expect((await archive.latestValues(['/Z/V', '/Z/none'])).map((p) => p.eng)).toEqual([7.5]);
      });

      it('stores a value once per parameter and generation time', async () => {
        const batch = [param('/Z/V', 0, 1), param('/Z/V', 10, 2), param('/Z/V', 10, 2)];
        expect(await archive.storeParameters(batch)).toBe(2);
        expect(await archive.storeParameters(batch)).toBe(0);
        const values = await archive.parameterValues('/Z/V', { fromMs: T0, toMs: T0 + 100 });
        expect(values.map((v) => v.eng)).toEqual([1, 2]);
      });

      it('keeps every kind of value exactly', async () => {
        const kinds: ParameterRecord[] = [
          param('/Z/COUNT', 0, 12, { raw: 2n ** 63n - 1n }),
          param('/Z/MODE', 0, 'SAFE, "hold"', { raw: 3, monitoring: 'critical' }),
          param('/Z/FLAG', 0, true, { raw: 1 }),
          param('/Z/DUMP', 0, new Uint8Array([0, 1, 254, 255]), { raw: new Uint8Array([9]) }),
          param('/Z/F', 0, Number.NaN, { raw: Number.POSITIVE_INFINITY, monitoring: null }),
          param('/Z/NONE', 0, null),
        ];
        await archive.storeParameters(kinds);
        const back = await archive.latestValues(kinds.map((k) => k.parameter));
        const byName = new Map(back.map((p) => [p.parameter, p]));
        for (const k of kinds) {
          const b = byName.get(k.parameter);
          if (typeof k.eng === 'number' && Number.isNaN(k.eng)) {
            expect(Number.isNaN(b?.eng)).toBe(true);
            expect(b?.raw).toBe(Number.POSITIVE_INFINITY);
            expect(b?.monitoring).toBeNull();
          } else expect(b).toEqual(k);
        }
      });

      it('buckets a parameter into N points with min, max and mean for plots', async () => {
        const random = lcg(42);
        const values = Array.from({ length: 1000 }, () => param('/Z/V', Math.floor(random() * 100_000), Math.round(random() * 1e6) / 1e3));
        values.push(param('/Z/V', 100_000, 999), param('/Z/V', -1, -999), param('/Z/MODE', 500, 'ON'));
        await archive.storeParameters(values);
        const range = { fromMs: T0, toMs: T0 + 100_000 };
        const points = 7;
        const buckets = await archive.parameterHistory('/Z/V', range, points);
        // Worked out again here: each distinct generation time once (the first stored wins).
        const unique = new Map<number, number>();
        for (const v of values) if (v.parameter === '/Z/V' && !unique.has(v.generationTimeMs)) unique.set(v.generationTimeMs, v.eng as number);
        const expected = new Map<number, number[]>();
        for (const [t, eng] of unique) {
          if (t < range.fromMs || t >= range.toMs) continue;
          const index = Math.floor(((t - range.fromMs) * points) / (range.toMs - range.fromMs));
          expected.set(index, [...(expected.get(index) ?? []), eng]);
        }
        expect(buckets.map((b) => b.startMs)).toEqual([...expected.keys()].sort((x, y) => x - y).map((i) => T0 + (100_000 * i) / points));
        for (const b of buckets) {
          const index = Math.round(((b.startMs - T0) * points) / 100_000);
          const got = expected.get(index) ?? [];
          expect(b.endMs - b.startMs).toBeCloseTo(100_000 / points, 2);
          expect(b.count).toBe(got.length);
          expect(b.min).toBe(Math.min(...got));
          expect(b.max).toBe(Math.max(...got));
          expect(b.mean).toBeCloseTo(got.reduce((s, x) => s + x, 0) / got.length, 9);
        }
        expect(await archive.parameterHistory('/Z/MODE', range, 10)).toEqual([]);
        expect((await rejection(archive.parameterHistory('/Z/V', range, 0))).code).toBe('ARCHIVE_QUERY');
      });

      it('exports CSV as RFC 4180 asks, across pages', async () => {
        await archive.storeParameters([
          param('/Z/MODE', 0, 'SAFE, "hold"', { raw: 3 }),
          param('/Z/V', 0, 7.25, { raw: 1812, monitoring: 'watch' }),
          param('/Z/DUMP', 1, new Uint8Array([0xca, 0xfe]), { raw: null, monitoring: null }),
          param('/Z/OTHER', 2, 1),
        ]);
        let text = '';
        for await (const chunk of archive.exportParametersCsv(['/Z/V', '/Z/MODE', '/Z/DUMP'], { fromMs: T0, toMs: T0 + 10 })) text += chunk;
        expect(text).toBe(
          'time,parameter,raw,engineering,monitoring\r\n' +
            '2026-11-25T12:00:00.000Z,/Z/MODE,3,"SAFE, ""hold""",normal\r\n' +
            '2026-11-25T12:00:00.000Z,/Z/V,1812,7.25,watch\r\n' +
            '2026-11-25T12:00:00.001Z,/Z/DUMP,,cafe,\r\n',
        );
        const many = Array.from({ length: 6000 }, (_, i) => param('/Z/N', 100 + i, i));
        await archive.storeParameters(many);
        let lines = 0;
        let last = '';
        for await (const chunk of archive.exportParametersCsv(['/Z/N'], { fromMs: T0, toMs: T0 + 1e6 })) {
          const rows = chunk.split('\r\n').filter((l) => l !== '');
          lines += rows.length;
          last = rows[rows.length - 1] ?? last;
        }
        expect(lines).toBe(6001);
        expect(last).toBe(`${new Date(T0 + 100 + 5999).toISOString()},/Z/N,,5999,normal`);
      });

      it('refuses bad values whole and keeps what was stored', async () => {
        await archive.storeParameters([param('/Z/V', 0, 1)]);
        const error = await rejection(archive.storeParameters([param('/Z/V', 1, 2), param('/Z/V', 2, 3, { monitoring: 'bogus' as 'normal' })]));
        expect(error.code).toBe('ARCHIVE_INPUT');
        expect(error.context.field).toBe('parameters[1].monitoring');
        expect((await rejection(archive.storeParameters([param('/Z/V', 3, { x: 1 } as unknown as number)]))).context.field).toBe('parameters[0].eng');
        expect((await rejection(archive.storeParameters([param('', 3, 1)]))).context.field).toBe('parameters[0].parameter');
        expect((await archive.parameterValues('/Z/V', { fromMs: T0, toMs: T0 + 10 })).map((v) => v.eng)).toEqual([1]);
        expect((await archive.latestValues()).map((v) => v.eng)).toEqual([1]);
      });
    });

    describe('events', () => {
      it('stores each event once and finds them by time, severity and source', async () => {
        const events = [event('tm', 1, 0, 'info'), event('tm', 2, 10, 'warning'), event('fd', 1, 20, 'critical'), event('tm', 3, 30, 'watch')];
        expect(await archive.storeEvents(events)).toBe(4);
        expect(await archive.storeEvents(events.slice(0, 2))).toBe(0);
        expect(await archive.events({ fromMs: T0, toMs: T0 + 100 })).toEqual(events);
        expect((await archive.events({ fromMs: T0, toMs: T0 + 100, minSeverity: 'warning' })).map((e) => e.sequence)).toEqual([2, 1]);
        expect((await archive.events({ fromMs: T0 + 10, toMs: T0 + 30, source: 'tm' })).map((e) => e.sequence)).toEqual([2]);
        expect((await archive.events({ fromMs: T0, toMs: T0 + 100, limit: 2 })).map((e) => e.timeMs - T0)).toEqual([0, 10]);
        expect((await rejection(archive.storeEvents([{ ...event('tm', 9, 0, 'info'), severity: 'fatal' as 'info' }]))).context.field).toBe('events[0].severity');
      });
    });

    describe('alarms', () => {
      it('raises, updates, acknowledges and clears an alarm, keeping the first acknowledgement', async () => {
        const raised = await archive.raiseAlarm({ subject: '/Z/V', raisedMs: T0, severity: 'warning', value: 8.1, limit: 8, message: 'battery high' });
        expect(raised).toMatchObject({ subject: '/Z/V', raisedMs: T0, severity: 'warning', maxSeverity: 'warning', value: 8.1, triggerValue: 8.1, limit: 8 });
        expect(raised.acknowledged).toBeUndefined();
        expect((await archive.raiseAlarm({ subject: '/Z/V', raisedMs: T0, severity: 'warning', value: 8.1, limit: 8 })).id).toBe(raised.id);
        const worse = await archive.updateAlarm(raised.id, { timeMs: T0 + 1000, severity: 'critical', value: 9.3 });
        const better = await archive.updateAlarm(raised.id, { timeMs: T0 + 2000, severity: 'watch', value: 8.05 });
        expect([worse.severity, worse.maxSeverity, better.severity, better.maxSeverity, better.value, better.triggerValue]).toEqual([
          'critical',
          'critical',
          'watch',
          'critical',
          8.05,
          8.1,
        ]);
        const acked = await archive.acknowledgeAlarm(raised.id, { by: 'alice', timeMs: T0 + 3000, comment: 'seen' });
        expect(acked.acknowledged).toEqual({ by: 'alice', timeMs: T0 + 3000, comment: 'seen' });
        expect((await archive.acknowledgeAlarm(raised.id, { by: 'bob', timeMs: T0 + 4000 })).acknowledged?.by).toBe('alice');
        // Acknowledged but not cleared: still shown. Cleared too: gone from the active list.
        expect((await archive.alarms({ activeOnly: true })).map((a) => a.id)).toEqual([raised.id]);
        const cleared = await archive.clearAlarm(raised.id, T0 + 5000);
        expect(cleared.clearedMs).toBe(T0 + 5000);
        expect((await archive.clearAlarm(raised.id, T0 + 6000)).clearedMs).toBe(T0 + 5000);
        expect(await archive.alarms({ activeOnly: true })).toEqual([]);
        expect(await archive.alarm(raised.id)).toEqual(cleared);
      });

      it('keeps an alarm shown while it is cleared but not acknowledged, and filters by severity and time', async () => {
        const a = await archive.raiseAlarm({ subject: '/Z/T', raisedMs: T0, severity: 'distress', value: 90, limit: 80 });
        const b = await archive.raiseAlarm({ subject: '/Z/V', raisedMs: T0 + 100, severity: 'watch', value: 7.9, limit: 7.8 });
        await archive.clearAlarm(a.id, T0 + 200);
        expect((await archive.alarms({ activeOnly: true })).map((x) => x.subject)).toEqual(['/Z/T', '/Z/V']);
        expect((await archive.alarms({ minSeverity: 'warning' })).map((x) => x.id)).toEqual([a.id]);
        expect((await archive.alarms({ fromMs: T0 + 50, toMs: T0 + 500 })).map((x) => x.id)).toEqual([b.id]);
        expect(await archive.alarm(999_999)).toBeUndefined();
        expect((await rejection(archive.acknowledgeAlarm(999_999, { by: 'alice', timeMs: T0 }))).code).toBe('ARCHIVE_NOT_FOUND');
        expect((await rejection(archive.raiseAlarm({ subject: '/Z/T', raisedMs: T0, severity: 'info' as 'watch', value: 1, limit: 1 }))).context.field).toBe(
          'alarm.severity',
        );
      });
    });

    describe('commands', () => {
      const queued = {
        id: 'cmd-0001',
        name: '/ZEN/EPS/SWITCH_ON',
        spacecraft: 'ZEN-1',
        arguments: { unit: 'HEATER_2', delaySec: 5, flags: [true, false] },
        origin: 'alice',
        queuedMs: T0,
        releaseMode: 'time' as const,
        releaseAtMs: T0 + 60_000,
        binary: new Uint8Array([0x18, 0x2a, 0xc0, 0x00]),
      };

      it('keeps every verification stage with its time and status, in order', async () => {
        const record = await archive.queueCommand(queued);
        expect(record).toEqual({ ...queued, stages: [{ stage: 'queued', status: 'ok', timeMs: T0 }] });
        expect(await archive.queueCommand({ ...queued, name: 'changed' })).toEqual(record);
        await archive.recordCommandStage(queued.id, { stage: 'execution', status: 'pending', timeMs: T0 + 61_000 });
        await archive.recordCommandStage(queued.id, { stage: 'released', status: 'ok', timeMs: T0 + 60_000 });
        await archive.recordCommandStage(queued.id, { stage: 'sent', status: 'ok', timeMs: T0 + 60_100 });
        await archive.recordCommandStage(queued.id, { stage: 'ground-ack', status: 'ok', timeMs: T0 + 60_200 });
        await archive.recordCommandStage(queued.id, { stage: 'onboard-acceptance', status: 'ok', timeMs: T0 + 60_900 });
        await archive.recordCommandStage(queued.id, { stage: 'execution', status: 'failed', timeMs: T0 + 62_000, message: 'PUS 1.8 error 3' });
        await archive.recordCommandStage(queued.id, { stage: 'complete', status: 'timeout', timeMs: T0 + 70_000 });
        const history = await archive.command(queued.id);
        expect(history?.stages).toEqual([
          { stage: 'queued', status: 'ok', timeMs: T0 },
          { stage: 'released', status: 'ok', timeMs: T0 + 60_000 },
          { stage: 'sent', status: 'ok', timeMs: T0 + 60_100 },
          { stage: 'ground-ack', status: 'ok', timeMs: T0 + 60_200 },
          { stage: 'onboard-acceptance', status: 'ok', timeMs: T0 + 60_900 },
          { stage: 'execution', status: 'failed', timeMs: T0 + 62_000, message: 'PUS 1.8 error 3' },
          { stage: 'complete', status: 'timeout', timeMs: T0 + 70_000 },
        ]);
        expect(await archive.command('cmd-none')).toBeUndefined();
      });

      it('lets a stage be claimed once, so a command is sent at most once', async () => {
        await archive.queueCommand(queued);
        const claims = await Promise.all([1, 2, 3].map((n) => archive.claimCommandStage(queued.id, { stage: 'sent', status: 'pending', timeMs: T0 + n })));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await archive.claimCommandStage(queued.id, { stage: 'sent', status: 'pending', timeMs: T0 + 9 })).toBe(false);
        expect((await rejection(archive.claimCommandStage('cmd-none', { stage: 'sent', status: 'pending', timeMs: T0 }))).code).toBe('ARCHIVE_NOT_FOUND');
        expect((await rejection(archive.recordCommandStage(queued.id, { stage: 'Sent!', status: 'ok', timeMs: T0 }))).context.field).toBe('stage.stage');
      });

      it('lists commands queued in a range, by spacecraft', async () => {
        await archive.queueCommand({ ...queued, id: 'c1', queuedMs: T0 + 10 });
        const { releaseAtMs: _unused, ...now } = queued;
        await archive.queueCommand({ ...now, id: 'c2', queuedMs: T0 + 20, spacecraft: 'ZEN-2', releaseMode: 'now' });
        await archive.queueCommand({ id: 'c3', name: '/ZEN/PING', spacecraft: 'ZEN-1', arguments: {}, origin: 'bob', queuedMs: T0 + 30, releaseMode: 'contact' });
        expect((await archive.commands({ fromMs: T0, toMs: T0 + 100 })).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
        expect((await archive.commands({ fromMs: T0, toMs: T0 + 100, spacecraft: 'ZEN-1' })).map((c) => c.id)).toEqual(['c1', 'c3']);
        // A history page: the newest first, the limit keeping the newest.
        expect((await archive.commands({ fromMs: T0, toMs: T0 + 100, newestFirst: true, limit: 2 })).map((c) => c.id)).toEqual(['c3', 'c2']);
        expect((await archive.commands({ fromMs: T0, toMs: T0 + 100, limit: 2 })).map((c) => c.id)).toEqual(['c1', 'c2']);
        const c3 = await archive.command('c3');
        expect(c3).toEqual({ id: 'c3', name: '/ZEN/PING', spacecraft: 'ZEN-1', arguments: {}, origin: 'bob', queuedMs: T0 + 30, releaseMode: 'contact', stages: [{ stage: 'queued', status: 'ok', timeMs: T0 + 30 }] });
        expect((await rejection(archive.queueCommand({ ...queued, id: 'c4', arguments: { big: 1n } }))).context.field).toBe('command.arguments');
      });
    });

    describe('flight dynamics', () => {
      it('keeps element sets over time and gives the newest of each object', async () => {
        const [iss, kestrel, dellingr] = referenceElements();
        if (iss === undefined || kestrel === undefined || dellingr === undefined) throw new Error('reference TLEs missing');
        const day = 86_400_000;
        const issNext = { ...iss, epochMs: iss.epochMs + day, elementSetNo: 1000 };
        expect(await archive.storeElementSets([iss, kestrel, dellingr, issNext])).toBe(4);
        expect(await archive.storeElementSets([iss])).toBe(0);
        expect(await archive.elementSets(25544)).toEqual([iss, issNext]);
        expect(await archive.elementSets(25544, { fromMs: iss.epochMs + 1, toMs: iss.epochMs + 2 * day })).toEqual([issNext]);
        expect(await archive.latestElementSets()).toEqual([issNext, kestrel, dellingr]);
        expect(await archive.latestElementSets({ catalogIds: [25544], atMs: iss.epochMs + 1000 })).toEqual([iss]);
        expect(await archive.latestElementSets({ catalogIds: [] })).toEqual([]);
        expect((await rejection(archive.storeElementSets([{ ...iss, catalogId: 1e10 }]))).context.field).toBe('elementSets[0].catalogId');
      });

      it('replaces pass predictions window by window', async () => {
        const pass = (station: string, aosMin: number): Parameters<Archive['replacePasses']>[1][number] => ({
          station,
          spacecraft: 'ZEN-1',
          aosMs: T0 + aosMin * 60_000,
          losMs: T0 + (aosMin + 10) * 60_000,
          tcaMs: T0 + (aosMin + 5) * 60_000,
          maxElevationDeg: 42.5,
          details: { orbit: 1234 + aosMin },
        });
        await archive.replacePasses({ fromMs: T0, toMs: T0 + 86_400_000 }, [pass('KIR', 0), pass('SVB', 30), pass('KIR', 100)]);
        expect((await archive.passes({ fromMs: T0 + 5 * 60_000, toMs: T0 + 35 * 60_000 })).map((p) => p.station)).toEqual(['KIR', 'SVB']);
        await archive.replacePasses({ fromMs: T0, toMs: T0 + 60 * 60_000, station: 'KIR' }, [pass('KIR', 2)]);
        const all = await archive.passes({ fromMs: T0, toMs: T0 + 86_400_000 });
        expect(all.map((p) => [p.station, (p.aosMs - T0) / 60_000])).toEqual([
          ['KIR', 2],
          ['SVB', 30],
          ['KIR', 100],
        ]);
        expect(all[0]).toEqual(pass('KIR', 2));
        const outside = await rejection(archive.replacePasses({ fromMs: T0, toMs: T0 + 60_000 }, [pass('KIR', 5)]));
        expect(outside.context.field).toBe('passes[0].aosMs');
        expect(await archive.passes({ fromMs: T0, toMs: T0 + 86_400_000 })).toEqual(all);
      });

      it('keeps contact plans and answers from the latest', async () => {
        const contact = (station: string, startMin: number): { station: string; spacecraft: string; startMs: number; endMs: number } => ({
          station,
          spacecraft: 'ZEN-1',
          startMs: T0 + startMin * 60_000,
          endMs: T0 + (startMin + 8) * 60_000,
        });
        const first = await archive.storeContactPlan({ createdMs: T0, fromMs: T0, toMs: T0 + 86_400_000, contacts: [contact('KIR', 0), contact('SVB', 30)] });
        const second = await archive.storeContactPlan({
          createdMs: T0 + 1000,
          fromMs: T0,
          toMs: T0 + 86_400_000,
          note: 'KIR down',
          contacts: [{ ...contact('SVB', 30), details: { reason: 'KIR maintenance' } }],
        });
        expect(second).not.toBe(first);
        expect(await archive.storeContactPlan({ createdMs: T0, fromMs: T0, toMs: T0 + 1, contacts: [] })).toBe(first);
        const latest = await archive.contactPlan();
        expect(latest).toEqual({
          id: second,
          createdMs: T0 + 1000,
          fromMs: T0,
          toMs: T0 + 86_400_000,
          note: 'KIR down',
          contacts: [{ ...contact('SVB', 30), details: { reason: 'KIR maintenance' } }],
        });
        expect((await archive.contactPlan(first))?.contacts).toEqual([contact('KIR', 0), contact('SVB', 30)]);
        expect((await archive.contacts({ fromMs: T0, toMs: T0 + 3_600_000 })).map((c) => c.station)).toEqual(['SVB']);
        expect(await archive.contacts({ fromMs: T0, toMs: T0 + 3_600_000, station: 'KIR' })).toEqual([]);
      });
    });

    describe('retention', () => {
      it('deletes each kind by age, keeping what operators still need', async () => {
        const old = -10_000;
        await archive.storeFrames([frame('S', 1, old), frame('S', 2, 0)]);
        await archive.storeParameters([param('/Z/OLD', old, 1), param('/Z/V', old, 1), param('/Z/V', 0, 2)]);
        await archive.storeEvents([event('tm', 1, old, 'info'), event('tm', 2, 0, 'info')]);
        const done = await archive.raiseAlarm({ subject: '/Z/A', raisedMs: T0 + old, severity: 'watch', value: 1, limit: 0 });
        await archive.acknowledgeAlarm(done.id, { by: 'alice', timeMs: T0 });
        await archive.clearAlarm(done.id, T0);
        await archive.raiseAlarm({ subject: '/Z/B', raisedMs: T0 + old, severity: 'watch', value: 1, limit: 0 });
        await archive.queueCommand({ id: 'old', name: '/Z/C', spacecraft: 'ZEN-1', arguments: {}, origin: 'a', queuedMs: T0 + old, releaseMode: 'now' });
        await archive.recordCommandStage('old', { stage: 'sent', status: 'ok', timeMs: T0 + old });
        const [iss] = referenceElements();
        if (iss === undefined) throw new Error('reference TLE missing');
        await archive.storeElementSets([iss, { ...iss, epochMs: iss.epochMs + 1000 }, { ...iss, catalogId: 1, epochMs: iss.epochMs - 1000 }]);
        await archive.storeContactPlan({ createdMs: T0 + old, fromMs: T0, toMs: T0 + 1, contacts: [{ station: 'K', spacecraft: 'Z', startMs: T0, endMs: T0 + 1 }] });
        await archive.storeContactPlan({ createdMs: T0 + old + 1, fromMs: T0, toMs: T0 + 1, contacts: [] });

        const counts: Partial<Record<RetentionKind, number>> = {};
        for (const kind of ['frames', 'parameters', 'events', 'alarms', 'commands', 'contactPlans'] as const) counts[kind] = await archive.deleteOlderThan(kind, T0);
        counts.elementSets = await archive.deleteOlderThan('elementSets', iss.epochMs + 5000);
        counts.passes = await archive.deleteOlderThan('passes', T0);
        expect(counts).toEqual({ frames: 1, parameters: 2, events: 1, alarms: 1, commands: 1, contactPlans: 1, elementSets: 1, passes: 0 });

        expect((await collect(archive.frames({ fromMs: T0 + old, toMs: T0 + 1 }))).flat().map((f) => f.sequence)).toEqual([2]);
        expect((await archive.latestValues()).map((p) => p.parameter)).toEqual(['/Z/OLD', '/Z/V']);
        expect((await archive.alarms()).map((a) => a.subject)).toEqual(['/Z/B']);
        expect(await archive.command('old')).toBeUndefined();
        expect((await archive.latestElementSets()).map((e) => [e.catalogId, e.epochMs - iss.epochMs])).toEqual([
          [1, -1000],
          [25544, 1000],
        ]);
        expect((await archive.contactPlan())?.createdMs).toBe(T0 + old + 1);
        expect((await rejection(archive.deleteOlderThan('everything' as RetentionKind, T0))).context.field).toBe('retention.kind');
      });
    });

    describe('schema', () => {
      it('applies each migration once, in order, and keeps them on reopening', async () => {
        const applied = await archive.migrations();
        expect(applied.map((m) => m.version)).toEqual(applied.map((_, i) => i + 1));
        expect(applied.length).toBeGreaterThanOrEqual(3);
        await archive.storeFrames([frame('S', 1, 0)]);
        archive = await harness.reopen(archive);
        expect(await archive.migrations()).toEqual(applied);
        expect((await collect(archive.frames({ fromMs: T0, toMs: T0 + 1 }))).flat()).toHaveLength(1);
      });
    });
  });
}
