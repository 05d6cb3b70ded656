export type {
  AlarmAcknowledgement,
  AlarmQuery,
  AlarmRaise,
  AlarmRecord,
  AlarmSeverity,
  AppliedMigration,
  Archive,
  CommandQuery,
  CommandQueued,
  CommandRecord,
  CommandStage,
  CommandStageName,
  ContactPlan,
  ContactRecord,
  EventQuery,
  EventRecord,
  FrameQuery,
  FrameRecord,
  MonitoringState,
  ParameterBucket,
  ParameterRecord,
  ParameterValue,
  PassQuery,
  PassRecord,
  ReleaseMode,
  RetentionKind,
  SequenceGap,
  Severity,
  StageStatus,
  StoredContactPlan,
  TimeRange,
} from './Archive.ts';
export { COMMAND_STAGES, MONITORING_STATES, RETENTION_KINDS, SEVERITIES, STAGE_STATUSES } from './Archive.ts';
export { csvField, csvRecord } from './csv.ts';
export { openArchive, resolveArchiveUrl } from './openArchive.ts';
export type { ArchiveLocation } from './openArchive.ts';
export { decodeValue, encodeValue, numericValue } from './valueCodec.ts';
export {
  RecordCheck,
  validateAcknowledgement,
  validateAlarmRaise,
  validateAlarmUpdate,
  validateCommand,
  validateContactPlan,
  validateElementSets,
  validateEvents,
  validateFrames,
  validateParameters,
  validatePasses,
  validateQuery,
  validateStage,
} from './validateRecords.ts';
export { ARCHIVE_KINDS, PG_TEST_URL, dropPostgresSchema, testArchivePlace } from './testArchivePlace.ts';
export type { ArchiveKind, TestArchivePlace } from './testArchivePlace.ts';
