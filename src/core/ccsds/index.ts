// The CCSDS room: space packets, TM/TC transfer frames, CLTU, CRC and time codes. Pure library,
// shared by the simulator, the telemetry and command pipelines and the browser.
export {
  IDLE_APID,
  MAX_APID,
  MAX_SPACE_PACKET_LENGTH,
  PacketType,
  SEQUENCE_COUNT_MODULUS,
  SPACE_PACKET_HEADER_LENGTH,
  SPACE_PACKET_VERSION,
  SequenceFlags,
  decodeSpacePacketHeader,
  encodeSpacePacketHeader,
  readSpacePacketLength,
  spacePacketLength,
} from './spacePacketHeader.ts';
export type { SpacePacketHeader, SpacePacketHeaderInit } from './spacePacketHeader.ts';
export { decodeSpacePacket, encodeIdlePacket, encodeSpacePacket, isIdlePacket } from './spacePacket.ts';
export type {
  DecodedSpacePacket,
  SecondaryHeaderDecoder,
  SpacePacketError,
  SpacePacketFailure,
  SpacePacketInit,
  SpacePacketResult,
} from './spacePacket.ts';
export { SpacePacketSplitter, splitSpacePackets } from './SpacePacketSplitter.ts';
export type { SpacePacketSplitterOptions, SplitError, SplitIssue, SplitPacket, SplitResult } from './SpacePacketSplitter.ts';
export { SequenceCounter } from './SequenceCounter.ts';
export type { ApidSequenceStats, SequenceCheck, SequenceStatus } from './SequenceCounter.ts';
