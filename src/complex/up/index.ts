// The composition root of `zenith up` (docs/operations.md): configuration, start and stop of the
// whole complex, and the routes it serves beside the API.
export { CLOCK_FILE, resumeTimeMs, startComplex } from './startComplex.ts';
export type { RunningComplex } from './startComplex.ts';
export { DEFAULT_PORT, UpConfigSchema, readUpConfigFile, resolveUpConfig } from './upConfig.ts';
export type { UpConfig, UpSettings } from './upConfig.ts';
export { PacketTap } from './PacketTap.ts';
export type { PacketTapSpacecraft } from './PacketTap.ts';
export { statusHtml, upRoutes } from './upRoutes.ts';
export { PACKAGE_ROOT, ensureWebUi, webSourceKey } from './buildWebUi.ts';
export type { WebUiBuild } from './buildWebUi.ts';
