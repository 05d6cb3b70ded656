export { ZenithError, formatLocation, isZenithError } from './ZenithError.ts';
export type { ErrorContext } from './ZenithError.ts';
