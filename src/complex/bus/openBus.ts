// Chooses the bus from a URL: none or `memory:` is the in-process bus, `nats://` is NATS
// JetStream. Each implementation is loaded only when asked for.
import { ZenithError } from '../../core/errors/index.ts';
import type { Bus, BusOptions } from './Bus.ts';

/** Opens the bus named by `url` (default: in-process). A ZenithError BUS_URL for an unknown scheme. */
export async function openBus(url?: string, options: BusOptions = {}): Promise<Bus> {
  if (url === undefined || url === '' || url === 'memory:' || url === 'memory://') {
    const { MemoryBus } = await import('./memory/index.ts');
    return new MemoryBus(options);
  }
  if (url.startsWith('nats://')) {
    const { NatsBus } = await import('./nats/index.ts');
    return NatsBus.open(url, options);
  }
  throw new ZenithError('BUS_URL', `expected a bus URL memory: or nats://host:port, found ${JSON.stringify(url)}`, { field: 'bus' });
}
