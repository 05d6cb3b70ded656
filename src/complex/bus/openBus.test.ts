import { describe, expect, it } from 'vitest';
import { openBus } from './index.ts';

describe('openBus', () => {
  it('opens the in-process bus by default', async () => {
    const bus = await openBus();
    expect(bus.kind).toBe('memory');
    await bus.close();
    expect((await openBus('memory:')).kind).toBe('memory');
  });
  it('names the key and what it expected for an unknown URL', async () => {
    await expect(openBus('amqp://localhost')).rejects.toMatchObject({ code: 'BUS_URL', context: { field: 'bus' } });
  });
  it('reports a NATS server that does not answer', async () => {
    // Port 1 on the loopback interface: nothing listens there.
    await expect(openBus('nats://127.0.0.1:1')).rejects.toMatchObject({ code: 'BUS_UNREACHABLE' });
  });
});
