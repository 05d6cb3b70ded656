export { TmConfigSchema, TmSpacecraftConfigSchema, buildTmService } from './tmConfig.ts';
export type { TmBuildContext, TmConfig, TmSpacecraftConfig } from './tmConfig.ts';
