import { describe, expect, it } from 'vitest';
import type { Command } from '../api/types.ts';
import { commandProgress, newerCommand } from './newerCommand.ts';

const base: Command = { id: 'c1', name: '/DEMO/RESET_COUNTERS', spacecraft: 'ZEN-GEO', arguments: {}, critical: false, queuedBy: 'ops', queuedAt: '2026-11-26T00:00:00.000Z', release: { mode: 'now' }, state: 'queued', stages: [{ stage: 'queued', status: 'ok', time: '2026-11-26T00:00:00.000Z' }] };
const released: Command = { ...base, state: 'released', stages: [...base.stages, { stage: 'released', status: 'ok', time: '2026-11-26T00:00:00.100Z' }] };
const sending: Command = { ...released, state: 'sending', stages: [...released.stages, { stage: 'sent', status: 'pending', time: '2026-11-26T00:00:00.100Z' }, { stage: 'acceptance', status: 'pending', time: '2026-11-26T00:00:00.100Z' }] };
const completed: Command = { ...sending, state: 'completed', stages: sending.stages.map((s) => ({ ...s, status: 'ok' })) };

describe('newerCommand', () => {
  it('orders the views of a command as it moves forward', () => {
    const order = [base, released, sending, completed].map(commandProgress);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(4);
  });

  it('keeps a completed command when the older answer to its queue request arrives late', () => {
    expect(newerCommand(completed, released)).toBe(completed);
    expect(newerCommand(released, completed)).toBe(completed);
    expect(newerCommand(undefined, released)).toBe(released);
  });
});
