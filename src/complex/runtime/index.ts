export { ScaledClock } from './Clock.ts';
export type { Clock } from './Clock.ts';
export { startAll, stopAll } from './Service.ts';
export type { StopOptions } from './Service.ts';
export type { Service } from './Service.ts';
