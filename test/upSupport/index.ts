// Support for the end-to-end tests of `zenith up`.
export { ZenithUpProcess } from './ZenithUpProcess.ts';
export type { Credentials } from './ZenithUpProcess.ts';
