// The module every worker thread of a pool starts from. Piscina first tries require() on a task
// file; under tsx's loader that loads a .ts task and everything it imports as CommonJS, where each
// use of an imported binding is a getter call, and the pass search ran about 8 % slower for it. This
// file is plain JavaScript that require() refuses (an ES module), so piscina imports it; it then
// loads the task module named in the pool's workerData as an ES module through tsx's API.
import { workerData } from 'piscina';
import { tsImport } from 'tsx/esm/api';

const { default: task } = await tsImport(workerData.taskModule, import.meta.url);
if (typeof task !== 'function') throw new TypeError(`worker module ${workerData.taskModule} has no default export to run`);
export default task;
