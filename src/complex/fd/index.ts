// The flight-dynamics room: element sets of the fleet (mission file, uploads, re-epoched for the
// simulation), pass predictions per station, the contact plan and AOS/LOS events on the bus.
export {
  FD_CONTACT_SUBJECT,
  FD_ELEMENTS_SUBJECT,
  FD_EVENT_SOURCE,
  FD_PLAN_SUBJECT,
  FlightDynamicsService,
} from './FlightDynamicsService.ts';
export type { ContactEvent, ElementsNotice, ElementsUploadResult, FdLogger, FlightDynamicsOptions, PlanNotice } from './FlightDynamicsService.ts';
export { ContactSchedule } from './ContactSchedule.ts';
export type { Contact } from './ContactSchedule.ts';
export { FlightDynamicsConfigSchema, resolveFdConfig } from './fdConfig.ts';
export type { FdSettings, FlightDynamicsConfig } from './fdConfig.ts';
export { MAX_FOREIGN_LISTED, describeInForce, elementsInForce, readUpload } from './fleetElements.ts';
export type { ElementsInForce, ReEpochNote, UploadReading } from './fleetElements.ts';
export { passStationOf } from './passStationOf.ts';
export type { PassDetails } from './passRecords.ts';
export type { SpacecraftState } from './spacecraftState.ts';
