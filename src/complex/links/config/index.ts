export { TmLinkConfigSchema, createTmFrameLink } from './linkConfig.ts';
export type { TmLinkConfig } from './linkConfig.ts';
