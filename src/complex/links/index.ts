// The station-links room: TCP and UDP telemetry frame inputs (each tagged with station and
// spacecraft, with status and counters) and the sending side of the acknowledged TCP framing.
export { LINK_STATUSES, zeroLinkCounters } from './TmFrameLink.ts';
export type { LinkCounters, LinkInfo, LinkProblemListener, LinkStatus, LinkStatusListener, TmFrameLink, TmFrameSink } from './TmFrameLink.ts';
export { TmFrameLinkBase } from './TmFrameLinkBase.ts';
export type { DeliveryOutcome, TmFrameLinkOptions } from './TmFrameLinkBase.ts';
export { TcpTmFrameLink } from './TcpTmFrameLink.ts';
export type { TcpTmFrameLinkOptions } from './TcpTmFrameLink.ts';
export { UdpTmFrameLink } from './UdpTmFrameLink.ts';
export type { UdpTmFrameLinkOptions } from './UdpTmFrameLink.ts';
export { TcpTmFrameSender } from './TcpTmFrameSender.ts';
export type { TcpTmFrameSenderCounters, TcpTmFrameSenderOptions } from './TcpTmFrameSender.ts';
export {
  FrameTagger,
  QUALITY_SCID_MISMATCH,
  QUALITY_STATION_MASK,
  QUALITY_UNEXPECTED_LENGTH,
  QUALITY_UNKNOWN_SPACECRAFT,
  frameScid,
} from './FrameTagger.ts';
export type { FrameTagOptions } from './FrameTagger.ts';
export {
  ACK_BODY_LENGTH,
  FRAME_HEADER_LENGTH,
  MSG_ACK,
  MSG_FRAME,
  MSG_NAK,
  NAK_BODY_LENGTH,
  NAK_INVALID,
  NAK_RETRY,
  StreamCutter,
  TCP_FRAMINGS,
  decodeAckMessage,
  decodeFrameMessage,
  encodeAck,
  encodeFrameMessage,
  encodeNak,
} from './frameProtocol.ts';
export type { AckMessage, FrameMessage, TcpFraming } from './frameProtocol.ts';
// The uplink (commands): CLTUs to a station front-end over TCP, and the station side receiving them.
export { zeroTcLinkCounters } from './TcCltuLink.ts';
export type { CltuTransmission, GroundAck, TcCltuLink, TcLinkCounters, TcLinkInfo } from './TcCltuLink.ts';
export { TcpTcCltuLink } from './TcpTcCltuLink.ts';
export type { TcpTcCltuLinkOptions } from './TcpTcCltuLink.ts';
export { TcpTcCltuReceiver } from './TcpTcCltuReceiver.ts';
export type { CltuDecision, ReceivedCltu, TcReceiverCounters, TcpTcCltuReceiverOptions } from './TcpTcCltuReceiver.ts';
export { CLTU_HEADER_LENGTH, MAX_CLTU_LENGTH, MSG_CLTU, TC_NAK_INVALID, TC_NAK_NOT_RADIATING, decodeCltuMessage, encodeCltuMessage } from './tcProtocol.ts';
export type { CltuMessage } from './tcProtocol.ts';
