export { CollectingSink, testFrame, tmFrameLinkContract, until } from './tmFrameLinkContract.ts';
export type { LinkOptionsForTest, TmFrameLinkHarness } from './tmFrameLinkContract.ts';
