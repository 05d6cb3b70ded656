export { loadMission } from './loadMission.ts';
export type { Mission, MissionSpacecraft } from './loadMission.ts';
export { MissionSchema, SpacecraftSchema, StationSchema } from './missionSchema.ts';
export type { MissionConfig, SpacecraftConfig, StationConfig } from './missionSchema.ts';
export { configErrors, keyOfPointer } from './configErrors.ts';
