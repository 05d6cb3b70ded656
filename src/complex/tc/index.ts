// The command pipeline room: queue, approval hook, release (now, at a time, at the next contact),
// encoding (packet, TC frame, CLTU), sending through the uplink of the station in contact, and
// verification stages (ground acknowledgement, PUS service 1) into the command history.
export { CommandService, TC_COMMAND_SUBJECT } from './CommandService.ts';
export type { CommandListener } from './CommandService.ts';
export { DEFAULT_TIMEOUTS } from './tcOptions.ts';
export type { CommandServiceOptions, StageTimeouts, TcSpacecraft } from './tcOptions.ts';
export { APPROVAL_STAGE, START_STAGE, commandState, commandView, isFinal, sortStages } from './CommandView.ts';
export type { CommandStageView, CommandState, CommandView, ReleaseRequestMode } from './CommandView.ts';
export { checkRequest, parseRelease } from './queueRequest.ts';
export type { ParsedRelease, QueueRequest, ReleaseRequest } from './queueRequest.ts';
export { commandCatalog, openArguments } from './commandCatalog.ts';
export type { CatalogArgument, CatalogCommand } from './commandCatalog.ts';
export { checkVerifier, verifierMatches } from './parameterVerifier.ts';
export type { ParameterSnapshot, ParameterVerifier, VerifierComparison, VerifierOperator } from './parameterVerifier.ts';
export { WindowContactSource } from './ContactSource.ts';
export type { Contact, ContactSource } from './ContactSource.ts';
export { ClockTimers } from './ClockTimers.ts';
export type { TimerHandle } from './ClockTimers.ts';
export { DEFAULT_PUS_FAILURE_CODE_LENGTH, DEFAULT_PUS_SECONDARY_HEADER_LENGTH, encodePus1Report, readPus1Report } from './pus1Report.ts';
export type { Pus1Report, Pus1ReportInit, Pus1Stage, PusTmLayout } from './pus1Report.ts';
export { SequenceCounts, TcFramer, finishPacket, maxPacketLength, requestIdOf } from './uplinkEncoding.ts';
export type { FrameOptions, PacketOptions, RequestId, Uplinked } from './uplinkEncoding.ts';
