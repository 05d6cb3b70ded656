export { archiveContract } from './archiveContract.ts';
export type { ArchiveHarness } from './archiveContract.ts';
