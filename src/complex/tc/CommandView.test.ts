import { describe, expect, it } from 'vitest';
import type { CommandRecord, CommandStage, StageStatus } from '../archive/index.ts';
import { commandState, commandView, isFinal, sortStages } from './CommandView.ts';

const T = Date.UTC(2026, 10, 25, 21, 3, 0);
const s = (stage: string, status: StageStatus, dt = 0): CommandStage => ({ stage, status, timeMs: T + dt });

describe('command state from its stages', () => {
  it('follows the path of a command', () => {
    expect(commandState([s('queued', 'ok')])).toBe('queued');
    expect(commandState([s('queued', 'ok'), s('approval', 'pending')])).toBe('awaiting-approval');
    expect(commandState([s('queued', 'ok'), s('approval', 'ok'), s('released', 'ok')])).toBe('released');
    expect(commandState([s('queued', 'ok'), s('released', 'ok'), s('sent', 'pending')])).toBe('sending');
    expect(commandState([s('queued', 'ok'), s('sent', 'ok'), s('ground-ack', 'ok'), s('onboard-acceptance', 'pending')])).toBe('sent');
    expect(commandState([s('sent', 'ok'), s('onboard-acceptance', 'ok'), s('execution', 'ok')])).toBe('completed');
  });

  it('lets a failure win, then completion, then cancellation and timeouts', () => {
    expect(commandState([s('sent', 'ok'), s('onboard-acceptance', 'failed'), s('execution', 'cancelled')])).toBe('failed');
    expect(commandState([s('sent', 'ok'), s('ground-ack', 'timeout'), s('execution', 'ok')])).toBe('completed');
    expect(commandState([s('approval', 'cancelled'), s('sent', 'cancelled')])).toBe('cancelled');
    expect(commandState([s('sent', 'ok'), s('onboard-acceptance', 'timeout'), s('execution', 'pending')])).toBe('timeout');
  });

  it('is final only when nothing can change any more', () => {
    const waiting = [s('sent', 'ok'), s('onboard-acceptance', 'timeout'), s('execution', 'pending')];
    expect(isFinal(commandState(waiting), waiting)).toBe(false);
    const done = [s('sent', 'ok'), s('onboard-acceptance', 'timeout'), s('execution', 'timeout')];
    expect(isFinal(commandState(done), done)).toBe(true);
    const sending = [s('sent', 'pending')];
    expect(isFinal(commandState(sending), sending)).toBe(false);
    const accepted = [s('sent', 'ok'), s('onboard-acceptance', 'ok')];
    expect(isFinal(commandState(accepted), accepted)).toBe(true);
    const approval = [s('queued', 'ok'), s('approval', 'pending')];
    expect(isFinal(commandState(approval), approval)).toBe(false);
  });
});

describe('command view', () => {
  it('speaks the API: ISO times, release as asked, stage names, hex binary', () => {
    const record: CommandRecord = {
      id: 'c1',
      name: '/ZEN/SET_MODE',
      spacecraft: 'ZEN-EO',
      arguments: { mode: 'SAFE' },
      origin: 'alice',
      queuedMs: T,
      releaseMode: 'time',
      releaseAtMs: T + 60_000,
      binary: Uint8Array.of(0x18, 0x64, 0xc0, 0x00, 0x00, 0x05, 0x0a),
      stages: [s('execution', 'pending', 3), s('xtce-check', 'ok', 9), s('queued', 'ok'), s('onboard-acceptance', 'ok', 2), s('approval', 'ok', 1)],
    };
    const view = commandView(record);
    expect(view).toMatchObject({
      id: 'c1',
      critical: true,
      queuedBy: 'alice',
      queuedAt: '2026-11-25T21:03:00.000Z',
      release: { mode: 'at', time: '2026-11-25T21:04:00.000Z' },
      state: 'queued',
      binary: '1864c00000050a',
    });
    expect(view.stages.map((x) => x.stage)).toEqual(['queued', 'approval', 'acceptance', 'execution', 'xtce-check']);
    expect(view.stages[2]?.time).toBe('2026-11-25T21:03:00.002Z');
    expect(commandView({ ...record, releaseMode: 'contact', stages: [] }).release).toEqual({ mode: 'next-contact', time: '2026-11-25T21:04:00.000Z' });
    const { releaseAtMs: _unused, ...now } = record;
    expect(commandView({ ...now, releaseMode: 'now' }).release).toEqual({ mode: 'now' });
    expect(sortStages([s('b', 'ok', 2), s('a', 'ok', 1), s('sent', 'ok', 5)]).map((x) => x.stage)).toEqual(['sent', 'a', 'b']);
  });
});
