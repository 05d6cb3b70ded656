// What the telemetry tests and the ingest benchmark share: the small test mission database
// (test/fixtures/tmTest.xml), housekeeping packets built field by field to match it, frames
// packed around them, and throw-away archives on SQLite (a temporary file) and PostgreSQL (a
// schema of its own in the test database, dropped afterwards; unreachable = failure, not a skip).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmFramePacker, encodeSpacePacket } from '../../src/core/ccsds/index.ts';
import { loadMdb } from '../../src/core/mdb/index.ts';
import type { MissionDatabase } from '../../src/core/mdb/index.ts';
import { openArchive, testArchivePlace } from '../../src/complex/archive/index.ts';
import type { Archive, ArchiveKind } from '../../src/complex/archive/index.ts';
import type { TmSpacecraft } from '../../src/complex/tm/index.ts';

export const TM_TEST_XTCE = join(import.meta.dirname, '..', 'fixtures', 'tmTest.xml');
export const TEST_SPACECRAFT = 'ZEN-T';
export const TEST_SCID = 42;
export const TEST_FRAME_LENGTH = 128;
export const HK_APID = 100;

export function loadTestMdb(): MissionDatabase {
  const result = loadMdb([{ name: TM_TEST_XTCE, text: readFileSync(TM_TEST_XTCE, 'utf8') }]);
  if (result.problems.length > 0) throw new Error(`test MDB: ${result.problems.map((p) => p.describe()).join('; ')}`);
  return result.mdb;
}

export function testSpacecraft(mdb: MissionDatabase, extra: Partial<TmSpacecraft> = {}): TmSpacecraft {
  return { name: TEST_SPACECRAFT, spacecraftId: TEST_SCID, mdb, frameLength: TEST_FRAME_LENGTH, ...extra };
}

/** Raw field values of one housekeeping packet (see the fixture's layout). */
export interface Hk {
  readonly sequenceCount: number;
  readonly timeMs: number;
  /** 0.01 V per count. */
  readonly battRaw: number;
  /** 0.1 degC per count, signed. */
  readonly tempRaw: number;
  /** 0 SAFE, 1 NOMINAL, 2 PAYLOAD. */
  readonly mode: number;
  readonly counter: number;
}

export function hkPacket(hk: Hk, apid = HK_APID): Uint8Array {
  const data = new Uint8Array(15);
  const view = new DataView(data.buffer);
  view.setUint16(0, Math.floor(hk.timeMs / 2 ** 32));
  view.setUint32(2, hk.timeMs % 2 ** 32);
  view.setUint16(6, hk.battRaw);
  view.setInt16(8, hk.tempRaw);
  view.setUint8(10, hk.mode);
  view.setUint32(11, hk.counter);
  return encodeSpacePacket({ apid, sequenceCount: hk.sequenceCount & 0x3fff, userData: data });
}

/** A nominal packet number `i` (time T0 + i s; values well inside the limits). */
export function nominalHk(i: number, t0Ms: number): Hk {
  return { sequenceCount: i, timeMs: t0Ms + i * 1000, battRaw: 750 + (i % 20), tempRaw: 200 + (i % 50), mode: 1, counter: i };
}

/** Frames holding `packets` on VC 0, the last frame completed with an idle packet. */
export function packFrames(packets: readonly Uint8Array[], options: { scid?: number; frameLength?: number; packer?: TmFramePacker } = {}): Uint8Array[] {
  const packer = options.packer ?? new TmFramePacker({ scid: options.scid ?? TEST_SCID, frameLength: options.frameLength ?? TEST_FRAME_LENGTH });
  const frames: Uint8Array[] = [];
  for (const p of packets) frames.push(...packer.push(0, p));
  frames.push(...packer.flush(0));
  return frames;
}

export { ARCHIVE_KINDS } from '../../src/complex/archive/index.ts';
export type { ArchiveKind } from '../../src/complex/archive/index.ts';

export interface TestArchive {
  readonly archive: Archive;
  /** The URL it was opened with (a file path for SQLite). */
  readonly url: string;
  dispose(): Promise<void>;
}

/** A fresh, empty archive of the kind asked for. */
export async function openTestArchive(kind: ArchiveKind): Promise<TestArchive> {
  const place = testArchivePlace(kind, 'tm');
  const archive = await openArchive(place.url);
  return {
    archive,
    url: place.url,
    dispose: async () => {
      await archive.close();
      await place.remove();
    },
  };
}
