import { describe, expect, it } from 'vitest';
import { ZenithError } from '../../core/errors/index.ts';
import { RecordCheck, validateCommand, validateQuery } from './index.ts';

function caught(work: () => void): ZenithError {
  try {
    work();
  } catch (error) {
    if (error instanceof ZenithError) return error;
    throw error;
  }
  throw new Error('expected a ZenithError');
}

describe('record checks', () => {
  it('say where, what was expected and what was found', () => {
    const c = new RecordCheck('frames[2]');
    const error = caught(() => c.time('receptionTimeMs', '2026-01-01'));
    expect(error.describe()).toBe('[ARCHIVE_INPUT] frames[2].receptionTimeMs: expected a time in ms of UTC since 1970, found "2026-01-01"');
    expect(error.context).toEqual({ field: 'frames[2].receptionTimeMs' });
    expect(caught(() => c.integer('sequence', 1.5)).message).toContain('expected a whole number >= 0, found 1.5');
    expect(caught(() => c.name('station', 'KIR\n')).message).toContain('printable');
    expect(caught(() => { c.value('eng', { a: 1 }); }).message).toContain('found {"a":1}');
    expect(caught(() => { c.value('eng', undefined); }).message).toContain('found nothing');
  });
  it('want a release time for a time-tagged command', () => {
    const command = { id: 'c', name: '/N', spacecraft: 'Z', arguments: {}, origin: 'op', queuedMs: 0, releaseMode: 'time' as const };
    expect(caught(() => {
      validateCommand(command);
    }).context.field).toBe('command.releaseAtMs');
    expect(() => {
      validateCommand({ ...command, releaseAtMs: 10 });
    }).not.toThrow();
  });
  it('report a bad query as ARCHIVE_QUERY', () => {
    expect(caught(() => {
      validateQuery('events query', { fromMs: 10, toMs: 5 });
    }).code).toBe('ARCHIVE_QUERY');
    expect(caught(() => {
      validateQuery('events query', { fromMs: 0, toMs: 5, limit: 0 });
    }).context.field).toBe('events query.limit');
    expect(() => {
      validateQuery('alarms query', {}, false);
    }).not.toThrow();
  });
});
