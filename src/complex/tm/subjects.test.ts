import { describe, expect, it } from 'vitest';
import { isValidSubject, subjectMatches } from '../bus/index.ts';
import { TM_PARAM_ALL, alarmSubject, eventSubject, replaySubject, subjectToken, tmFrameSubject, tmParamSubject } from './index.ts';

describe('telemetry subjects', () => {
  it('puts any name into one valid token, distinct names staying distinct', () => {
    const names = ['ZEN-EO', 'ZEN.1', 'ZEN_1', 'a b', 'x*y', 'x>y', '100%', 'ZEN%2E1'];
    const tokens = names.map(subjectToken);
    expect(tokens.slice(0, 3)).toEqual(['ZEN-EO', 'ZEN%2E1', 'ZEN_1']);
    expect(new Set(tokens).size).toBe(names.length);
    for (const t of tokens) expect(isValidSubject(`tm.param.${t}`, false)).toBe(true);
  });

  it('keeps realtime and replay apart', () => {
    const live = tmParamSubject('ZEN.1');
    expect(live).toBe('tm.param.ZEN%2E1');
    expect(subjectMatches(TM_PARAM_ALL, live)).toBe(true);
    const replayed = replaySubject('r1', live);
    expect(replayed).toBe('replay.r1.tm.param.ZEN%2E1');
    expect(subjectMatches(TM_PARAM_ALL, replayed)).toBe(false);
    expect([tmFrameSubject('A'), alarmSubject('A'), eventSubject('S1-tm')]).toEqual(['tm.frame.A', 'alarm.A', 'event.S1-tm']);
  });
});
