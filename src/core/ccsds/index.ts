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
export { crc16Ccitt } from './crc16Ccitt.ts';
export {
  FECF_LENGTH,
  FHP_IDLE_DATA,
  FHP_NO_PACKET_START,
  MAX_TM_FRAME_LENGTH,
  TM_FRAME_VERSION,
  TM_OCF_LENGTH,
  TM_PRIMARY_HEADER_LENGTH,
  decodeTmFrame,
  decodeTmFrameHeader,
  encodeTmFrame,
  tmDataFieldLength,
} from './tmFrame.ts';
export type { TmFrame, TmFrameError, TmFrameHeader, TmFrameInit, TmFrameLayout, TmFrameResult } from './tmFrame.ts';
export { decodeClcw, encodeClcw } from './clcw.ts';
export type { Clcw } from './clcw.ts';
export { TmFrameDecoder } from './TmFrameDecoder.ts';
export type { ExtractedPacket, ExtractionIssue, TmFrameCounters, TmFrameDecoderOptions, TmFrameReport, TmFrameStatus } from './TmFrameDecoder.ts';
export { TmFramePacker } from './TmFramePacker.ts';
export type { TmFramePackerOptions } from './TmFramePacker.ts';
export { CCSDS_EPOCH, CCSDS_EPOCH_UTC, dayTimeToTaiMs, elapsedToTaiMs, missionEpoch } from './timeCodeEpoch.ts';
export type { TimeCodeEpoch } from './timeCodeEpoch.ts';
export { CUC_TIME_CODE_ID, cucToTaiMs, cucToUtcMs, decodeCuc, decodeCucPField, encodeCuc, encodeCucFields } from './cuc.ts';
export type { CucEncodeOptions, CucFormat, CucPField, CucTime, TimeCodeError, TimeCodeResult } from './cuc.ts';
export { CDS_TIME_CODE_ID, MAX_MS_OF_DAY, cdsFieldLength, cdsToTaiMs, cdsToUtcMs, decodeCds, decodeCdsPField, encodeCds } from './cds.ts';
export type { CdsEncodeOptions, CdsFormat, CdsPField, CdsTime } from './cds.ts';
export {
  MAX_TC_FRAME_LENGTH,
  SegmentFlags,
  TC_FRAME_VERSION,
  TC_PRIMARY_HEADER_LENGTH,
  TC_UNLOCK_COMMAND,
  decodeTcFrame,
  decodeTcFrameHeader,
  encodeTcFrame,
  tcSetVrCommand,
} from './tcFrame.ts';
export type { TcFrame, TcFrameError, TcFrameHeader, TcFrameInit, TcFrameOptions, TcFrameResult, TcSegmentHeader } from './tcFrame.ts';
export { BCH_BLOCK_OCTETS, BCH_INFO_OCTETS, bchParity, bchSyndrome, checkBchBlock } from './bch.ts';
export type { BchBlockStatus } from './bch.ts';
export { randomizeTc } from './tcRandomizer.ts';
export { CLTU_FILL_OCTET, CLTU_START_SEQUENCE, CLTU_TAIL_SEQUENCE, decodeCltu, encodeCltu } from './cltu.ts';
export type { CltuError, CltuFailure, CltuOptions, CltuResult, DecodeCltuOptions, DecodedCltu } from './cltu.ts';
