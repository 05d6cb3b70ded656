import { MemoryBus } from './index.ts';
import { busContract } from '../contract/index.ts';

busContract('memory', (options) => Promise.resolve(new MemoryBus(options)));
