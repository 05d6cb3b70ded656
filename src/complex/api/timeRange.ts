// Reads the `from`/`to` of a query into a half-open range of ms of UTC, naming the field at fault:
// a bad date, an empty or reversed range, or one longer than the route allows is a 400.
import { isZenithError } from '../../core/errors/index.ts';
import { parseIsoUtc } from '../../core/time/index.ts';
import type { TimeRange } from '../archive/index.ts';
import { badRequest } from './ApiError.ts';

const DAY_MS = 86_400_000;
/** Times the API accepts: 1900 .. 2200, wide enough for any operations and far from formatting limits. */
const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

export function parseTime(text: string, field: string): number {
  let ms: number;
  try {
    ms = parseIsoUtc(text, { field });
  } catch (error) {
    if (isZenithError(error)) throw badRequest('BAD_TIME', `${field}: ${error.message}`, field);
    throw error;
  }
  if (!(ms >= EARLIEST_MS && ms < LATEST_MS)) {
    throw badRequest('BAD_TIME', `${field}: expected a time between 1900 and 2200, found ${JSON.stringify(text)}`, field);
  }
  return ms;
}

export interface RangeRule {
  /** Used when `from` is absent: `to` minus this (or plus it after `from` for `to`). */
  readonly defaultSpanMs: number;
  readonly maxSpanMs: number;
  /** Where an open range is anchored: `to` defaults to now (past data) or `from` to now (predictions). */
  readonly anchor: 'past' | 'future';
}

export const PAST_DAY: RangeRule = { defaultSpanMs: DAY_MS, maxSpanMs: 366 * DAY_MS, anchor: 'past' };

export function timeRange(query: { readonly from?: string | undefined; readonly to?: string | undefined }, nowMs: number, rule: RangeRule): TimeRange {
  const from = query.from === undefined ? undefined : parseTime(query.from, 'from');
  const to = query.to === undefined ? undefined : parseTime(query.to, 'to');
  let fromMs: number;
  let toMs: number;
  if (from !== undefined && to !== undefined) [fromMs, toMs] = [from, to];
  else if (from !== undefined) [fromMs, toMs] = [from, from + rule.defaultSpanMs];
  else if (to !== undefined) [fromMs, toMs] = [to - rule.defaultSpanMs, to];
  else if (rule.anchor === 'past') [fromMs, toMs] = [nowMs - rule.defaultSpanMs, nowMs];
  else [fromMs, toMs] = [nowMs, nowMs + rule.defaultSpanMs];
  if (!(toMs > fromMs)) {
    throw badRequest('BAD_RANGE', `expected to after from, found from ${query.from ?? '(default)'} and to ${query.to ?? '(default)'}`, 'to');
  }
  if (toMs - fromMs > rule.maxSpanMs) {
    throw badRequest(
      'RANGE_TOO_LONG',
      `expected a range of at most ${rule.maxSpanMs / DAY_MS} days, found ${((toMs - fromMs) / DAY_MS).toFixed(1)} days`,
      'to',
    );
  }
  return { fromMs, toMs };
}
