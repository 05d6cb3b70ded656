export { archiveContract } from './archiveContract.ts';
export type { ArchiveHarness } from './archiveContract.ts';
export { authContract } from './authContract.ts';
