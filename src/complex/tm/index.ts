// The telemetry room: the pipeline service (frames stored and acknowledged, decoded, limit-checked,
// alarmed, archived and published), its parts, its bus subjects and messages, and replay. The
// configuration builder is in ./config/index.ts.
export { TmService } from './TmService.ts';
export type { TmServiceCounters, TmServiceOptions } from './TmService.ts';
export { FrameProcessor, addTmCounters, crossedLimit, zeroTmCounters } from './FrameProcessor.ts';
export type { DecodedPacket, DecodedParameter, TmCounters, TmSpacecraft } from './FrameProcessor.ts';
export { FrameStore } from './FrameStore.ts';
export type { FrameStoreCounters, FrameStoreOptions } from './FrameStore.ts';
export { AlarmManager } from './AlarmManager.ts';
export type { AlarmListener, AlarmManagerOptions } from './AlarmManager.ts';
export { EventLog } from './EventLog.ts';
export { BatchWriter } from './BatchWriter.ts';
export type { BatchWrite } from './BatchWriter.ts';
export { replayFrames } from './replayFrames.ts';
export type { ReplayOptions, ReplayResult } from './replayFrames.ts';
export { decodeFrameRecord, encodeFrameRecord } from './frameRecordCodec.ts';
export { alarmMessage, alarmState, paramMessage } from './messages.ts';
export type { AlarmMessage, AlarmState, TmParamMessage } from './messages.ts';
export { toJsonScalar, toParameterValue } from './parameterValue.ts';
export type { JsonScalar } from './parameterValue.ts';
export {
  ALARM_ALL,
  EVENT_ALL,
  LINK_ALL,
  TM_FRAME_ALL,
  TM_PARAM_ALL,
  alarmSubject,
  eventSubject,
  linkSubject,
  replaySubject,
  subjectToken,
  tmFrameSubject,
  tmParamSubject,
} from './subjects.ts';
