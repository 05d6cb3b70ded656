// Replay: raw frames read back from the archive and run through the mission database as it is
// now (after a correction, or to fill in values lost to a crash), published on the replay's own
// subjects `replay.<id>.tm.param.<spacecraft>` so that live displays never mistake them for
// realtime data. Alarms are not raised by a replay; values are stored only when asked.
import type { Archive, ParameterRecord, TimeRange } from '../archive/index.ts';
import type { Bus } from '../bus/index.ts';
import { toJson } from '../bus/index.ts';
import { FrameProcessor, addTmCounters, zeroTmCounters } from './FrameProcessor.ts';
import type { TmCounters, TmSpacecraft } from './FrameProcessor.ts';
import { paramMessage } from './messages.ts';
import { replaySubject, tmParamSubject } from './subjects.ts';

export interface ReplayOptions extends TimeRange {
  readonly archive: Archive;
  readonly bus: Bus;
  /** The spacecraft with their current mission databases. */
  readonly spacecraft: readonly TmSpacecraft[];
  /** Names the replay's subjects: `replay.<replayId>.tm.param.<spacecraft>`, and `replay.<replayId>.end` at the end. */
  readonly replayId: string;
  /** Only frames of these links (default all). */
  readonly sources?: readonly string[];
  /** Only frames of this spacecraft (default all known). */
  readonly spacecraftName?: string;
  /** Store the values too (a value already stored for its parameter and time is kept as it was). */
  readonly store?: boolean;
  /** Stops early when it aborts (the result says how far it got). */
  readonly signal?: AbortSignal;
}

export interface ReplayResult {
  readonly frames: number;
  /** Frames of spacecraft not among `spacecraft`. */
  readonly skippedFrames: number;
  readonly counters: TmCounters;
  readonly spacecraft: Readonly<Record<string, TmCounters>>;
  readonly storedValues: number;
  readonly aborted: boolean;
}

export async function replayFrames(options: ReplayOptions): Promise<ReplayResult> {
  const processors = new Map(options.spacecraft.map((sc) => [sc.name, new FrameProcessor(sc)]));
  let frames = 0;
  let skippedFrames = 0;
  let storedValues = 0;
  let aborted = false;
  const query = {
    fromMs: options.fromMs,
    toMs: options.toMs,
    ...(options.sources === undefined ? {} : { sources: options.sources }),
    ...(options.spacecraftName === undefined ? {} : { spacecraft: options.spacecraftName }),
  };
  for await (const batch of options.archive.frames(query)) {
    if (options.signal?.aborted === true) {
      aborted = true;
      break;
    }
    const records: ParameterRecord[] = [];
    for (const frame of batch) {
      frames++;
      const processor = processors.get(frame.spacecraft);
      if (processor === undefined) {
        skippedFrames++;
        continue;
      }
      for (const packet of processor.process(frame)) {
        for (const p of packet.parameters) records.push(p.record);
        options.bus.publish(replaySubject(options.replayId, tmParamSubject(packet.spacecraft)), toJson(paramMessage(packet)));
      }
    }
    if (options.store === true && records.length > 0) storedValues += await options.archive.storeParameters(records);
  }
  const spacecraft: Record<string, TmCounters> = {};
  const counters = zeroTmCounters();
  for (const [name, p] of processors) {
    spacecraft[name] = p.counters();
    addTmCounters(counters, spacecraft[name]);
  }
  const result: ReplayResult = { frames, skippedFrames, counters, spacecraft, storedValues, aborted };
  options.bus.publish(replaySubject(options.replayId, 'end'), toJson(result));
  await options.bus.flush();
  return result;
}
