// The simulator room: simulated spacecraft (orbit-driven power and thermal, flight software with
// PUS verification, time-tagged commands, faults), the link simulator between them and the
// stations, and the service that runs both on the complex's clock over the real station links.
export { DEFAULT_FRAME_LENGTH, SimulationService } from './SimulationService.ts';
export { DEMO_MDB_FILES, loadDemoDatabase } from './demoDatabase.ts';
export type { SimSpacecraftSettings, SimStationEndpoints, SimulationOptions, StationSimStatus } from './SimulationService.ts';
export { SpacecraftSimulator } from './SpacecraftSimulator.ts';
export type { FrameListener, SpacecraftSimOptions, SpacecraftSnapshot, UplinkResult } from './SpacecraftSimulator.ts';
export { LinkSimulator, flipBits } from './LinkSimulator.ts';
export type { Assignment, FrameDownlink, LinkSimSpacecraft, LinkSimulatorOptions, Look, StationLinkCounters } from './LinkSimulator.ts';
export { FAULT_KINDS, FaultSchema, parseFault } from './faults.ts';
export type { ActiveFault, Fault, FaultKind } from './faults.ts';
export { OnboardComputer } from './OnboardComputer.ts';
export type { AcceptanceFailure, ExecutionFailure, ObcMode, TcOutcome } from './OnboardComputer.ts';
export { DEFAULT_DESIGN, SpacecraftPhysics, cellOpenCircuitV } from './SpacecraftPhysics.ts';
export type { AttitudeMode, Environment, PayloadState, SpacecraftDesign, SunState } from './SpacecraftPhysics.ts';
export { TmPacketEncoder } from './TmPacketEncoder.ts';
export type { EngValue } from './TmPacketEncoder.ts';
export { CommandReader } from './CommandReader.ts';
export type { ArgValue, CommandReadResult } from './CommandReader.ts';
export { Rng } from './Rng.ts';
