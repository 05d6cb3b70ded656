// The mission database room: XTCE loading (pure: XML text in, model out), packet decoding into
// parameter values with monitoring states, and command encoding. Shared by the telemetry and
// command pipelines, the simulator and the browser.
export { loadMdb, XTCE_NAMESPACES } from './loadMdb.ts';
export type { LoadMdbResult, MdbFile } from './loadMdb.ts';
export { MissionDatabase } from './MissionDatabase.ts';
export type { SpaceSystemSummary } from './MissionDatabase.ts';
export { PacketDecoder } from './PacketDecoder.ts';
export type { DecodeError, DecodeResult, DecodedValue, PacketDecoderOptions, Value } from './PacketDecoder.ts';
export { encodeCommand } from './encodeCommand.ts';
export type { ArgumentValues, EncodeCommandOptions } from './encodeCommand.ts';
export { checkLimits } from './checkLimits.ts';
export { calibrate, uncalibrate } from './calibrate.ts';
export { absoluteTimeToUtcMs, utcMsToAbsoluteTime } from './absoluteTime.ts';
export type * from './model.ts';
