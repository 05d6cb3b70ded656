// Sustained telemetry ingest through the whole pipeline, on SQLite and on PostgreSQL: frames of
// 1115 octets packed with housekeeping packets are sent over acknowledged TCP (a window of 2000
// unacknowledged frames), stored, acknowledged, decoded, limit-checked and their values archived
// and published. Beside each run, the peer: the bare archive writes of the same frames and values
// (storeFrames / storeParameters in batches, nothing else), measured in the same run. Prints
// frames/s and parameters/s and the ratio pipeline/peer (1.0 = the pipeline costs nothing over
// the writes it has to make). Two paths: ingest only (frames stored and acknowledged) and the
// whole pipeline (until the last value is stored).
// Run: npx tsx bench/ingest.ts [frames]   (PostgreSQL: ZENITH_TEST_POSTGRES_URL, default the local test database)
import { resolve } from 'node:path';
import { TmFramePacker } from '../src/core/ccsds/index.ts';
import type { Archive, FrameRecord, ParameterRecord } from '../src/complex/archive/index.ts';
import { MemoryBus } from '../src/complex/bus/memory/index.ts';
import { TcpTmFrameLink, TcpTmFrameSender } from '../src/complex/links/index.ts';
import { FrameProcessor, TmService } from '../src/complex/tm/index.ts';
import { TEST_SCID, TEST_SPACECRAFT, hkPacket, loadTestMdb, nominalHk, openTestArchive, packFrames, testSpacecraft } from '../test/tmSupport/index.ts';
import type { ArchiveKind } from '../test/tmSupport/index.ts';

const FRAME_LENGTH = 1115;
const WINDOW = 2000;
const T0 = Date.UTC(2026, 0, 1);

export interface IngestFigures {
  readonly backend: ArchiveKind;
  readonly path: 'ingest only' | 'whole pipeline';
  readonly frames: number;
  readonly parameters: number;
  readonly seconds: number;
  readonly framesPerS: number;
  readonly parametersPerS: number;
  /** The same rows written straight through the archive. */
  readonly peerSeconds: number;
  /** Pipeline rate over peer rate. */
  readonly ratio: number;
}

export interface IngestBenchOptions {
  /** Frames per run (default 400, about 21 000 packets and 250 000 values). */
  readonly frames?: number;
  readonly log?: (line: string) => void;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sends the frames over acknowledged TCP to a fresh service and waits for `until`; seconds taken. */
async function pipelineRun(archive: Archive, frames: readonly Uint8Array[], process: boolean): Promise<{ seconds: number; parameters: number }> {
  const bus = new MemoryBus();
  const link = new TcpTmFrameLink({ name: 'BENCH-tm', station: 'S1', port: 0, framing: 'acknowledged', spacecraftIds: new Map([[TEST_SCID, TEST_SPACECRAFT]]) });
  const service = new TmService({
    archive,
    bus,
    spacecraft: [testSpacecraft(loadTestMdb(), { frameLength: FRAME_LENGTH })],
    links: [link],
    process,
  });
  await service.start();
  const sender = new TcpTmFrameSender({ port: link.address()?.port ?? 0 });
  await sender.whenConnected();
  const start = performance.now();
  for (const [i, f] of frames.entries()) {
    if (sender.unacknowledged >= WINDOW) await sender.whenBelow(WINDOW / 2);
    sender.send(f, { receptionTimeMs: T0 + i });
  }
  await sender.drained();
  if (process) await service.idle(600_000);
  const seconds = (performance.now() - start) / 1000;
  const parameters = service.counters().total.parameters;
  await sender.close();
  await service.stop();
  await bus.close();
  return { seconds, parameters };
}

/** The peer: the archive writes the pipeline has to make, and nothing else. */
async function peerRun(archive: Archive, frames: readonly FrameRecord[], values: readonly ParameterRecord[]): Promise<number> {
  const start = performance.now();
  for (const b of batches(frames, 500)) await archive.storeFrames(b);
  for (const b of batches(values, 2000)) await archive.storeParameters(b);
  return (performance.now() - start) / 1000;
}

export async function benchIngest(options: IngestBenchOptions = {}): Promise<IngestFigures[]> {
  const log = options.log ?? ((line: string) => {
    console.log(line);
  });
  const count = options.frames ?? 400;
  const packer = new TmFramePacker({ scid: TEST_SCID, frameLength: FRAME_LENGTH });
  const packetsPerFrame = Math.ceil((FRAME_LENGTH - 8) / 21);
  const frames = packFrames(
    Array.from({ length: count * packetsPerFrame }, (_, i) => hkPacket(nominalHk(i, T0))),
    { packer },
  ).slice(0, count);
  // What the pipeline will write, worked out beforehand for the peer.
  const records: FrameRecord[] = frames.map((bytes, i) => ({ source: 'BENCH-tm', sequence: i, receptionTimeMs: T0 + i, station: 'S1', spacecraft: TEST_SPACECRAFT, qualityFlags: 0, bytes }));
  const processor = new FrameProcessor(testSpacecraft(loadTestMdb(), { frameLength: FRAME_LENGTH }));
  const values = records.flatMap((f) => processor.process(f).flatMap((p) => p.parameters.map((v) => v.record)));
  log(`telemetry ingest: ${count} frames of ${FRAME_LENGTH} octets, ${processor.counters().packets} packets, ${values.length} parameter values`);
  log(`${'backend'.padEnd(9)} ${'path'.padEnd(15)} ${'frames/s'.padStart(9)} ${'params/s'.padStart(9)} ${'peer fr/s'.padStart(9)} ${'peer pa/s'.padStart(9)} ratio`);
  const figures: IngestFigures[] = [];
  const kinds: ArchiveKind[] = ['sqlite', 'postgres'];
  for (const backend of kinds) {
    for (const path of ['ingest only', 'whole pipeline'] as const) {
      const whole = path === 'whole pipeline';
      const run = await openTestArchive(backend);
      const peer = await openTestArchive(backend);
      try {
        const { seconds, parameters } = await pipelineRun(run.archive, frames, whole);
        const peerSeconds = await peerRun(peer.archive, records, whole ? values : []);
        const f: IngestFigures = {
          backend,
          path,
          frames: count,
          parameters,
          seconds,
          framesPerS: count / seconds,
          parametersPerS: parameters / seconds,
          peerSeconds,
          ratio: peerSeconds / seconds,
        };
        figures.push(f);
        const peerParams = whole ? (values.length / peerSeconds).toFixed(0) : '-';
        log(
          `${backend.padEnd(9)} ${path.padEnd(15)} ${f.framesPerS.toFixed(0).padStart(9)} ${(whole ? f.parametersPerS.toFixed(0) : '-').padStart(9)} ${(count / peerSeconds).toFixed(0).padStart(9)} ${peerParams.padStart(9)} ${f.ratio.toFixed(2)}`,
        );
      } finally {
        await run.dispose();
        await peer.dispose();
      }
    }
  }
  return figures;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const frames = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  await benchIngest(frames === undefined ? {} : { frames });
}
