// Worker threads for catalog-wide jobs: a pool whose workers load Zenith's TypeScript, and
// catalog propagation and catalog pass search on every core with the batch propagator.
export { createWorkerPool } from './createWorkerPool.ts';
export type { WorkerPoolOptions } from './createWorkerPool.ts';
export { createPropagationPool, propagateCatalog } from './propagateCatalog.ts';
export type {
  CatalogChunk,
  CatalogGrid,
  CatalogSummary,
  CatalogTimes,
  PropagateCatalogOptions,
  PropagationPool,
} from './propagateCatalog.ts';
export { createPassSearchPool, findCatalogPassTable, findCatalogPasses } from './findCatalogPasses.ts';
export type { CatalogPassesOptions, PassSearchPool } from './findCatalogPasses.ts';
export { AOS_CUT, LOS_CUT, PassTable } from './PassTable.ts';
