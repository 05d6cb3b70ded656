export { MemoryBus } from './MemoryBus.ts';
