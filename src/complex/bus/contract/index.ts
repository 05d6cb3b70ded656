export { busContract } from './busContract.ts';
export type { BusFactory } from './busContract.ts';
