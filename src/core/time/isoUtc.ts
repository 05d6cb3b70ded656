// ISO-8601 UTC text <-> time. The edges of Zenith speak `2026-06-01T12:00:00.000Z`; inside, time is
// ms of UTC since 1970, or ms of TAI when a leap second (23:59:60) must be named exactly.
import { ZenithError } from '../errors/index.ts';
import type { ErrorContext } from '../errors/index.ts';
import { civilFromMs, daysInMonth, msFromCivil } from './calendar.ts';
import type { CivilTime } from './calendar.ts';
import { minuteHasLeapSecond } from './leapSeconds.ts';
import { leapSecondStartTaiMs, taiToUtcMs, utcToTaiMs } from './timeScales.ts';

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

const EXPECTED_FORM = 'an ISO-8601 UTC time YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM], e.g. 2026-06-01T12:00:00.000Z';

interface ParsedIso {
  /** ms since 1970 of the UTC reading, with second 60 read as second 59 (see `leap`). */
  readonly utcMs: number;
  /** True for second 60: the instant is `utcMs` + 1 s on the TAI scale, inside a leap second. */
  readonly leap: boolean;
}

function fieldError(text: string, what: string, found: number, expected: string, context: ErrorContext): ZenithError {
  return new ZenithError(
    'TIME_FIELD',
    `${what} ${String(found).padStart(2, '0')} is out of range in "${text}": expected ${expected}`,
    context,
  );
}

function parseIso(text: string, context: ErrorContext): ParsedIso {
  if (typeof text !== 'string') throw new TypeError('parseIsoUtc() takes a string');
  const trimmed = text.trim();
  const m = ISO_RE.exec(trimmed);
  if (m === null) {
    const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    throw new ZenithError('TIME_FORMAT', `expected ${EXPECTED_FORM}; found "${shown}"`, context);
  }
  const num = (i: number): number => Number(m[i] ?? '0');
  const year = num(1);
  const month = num(2);
  const day = num(3);
  const hour = num(4);
  const minute = num(5);
  const second = num(6);
  const fraction = m[7];
  const millisecond = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  if (month < 1 || month > 12) throw fieldError(trimmed, 'month', month, '01 to 12', context);
  const monthDays = daysInMonth(year, month);
  if (day < 1 || day > monthDays) {
    throw fieldError(trimmed, 'day', day, `01 to ${monthDays} for ${m[1] ?? ''}-${m[2] ?? ''}`, context);
  }
  if (hour > 23) throw fieldError(trimmed, 'hour', hour, '00 to 23', context);
  if (minute > 59) throw fieldError(trimmed, 'minute', minute, '00 to 59', context);
  if (second > 60) throw fieldError(trimmed, 'second', second, '00 to 59 (60 only in a leap second)', context);
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = num(10);
    const om = num(11);
    if (oh > 23) throw fieldError(trimmed, 'offset hour', oh, '00 to 23', context);
    if (om > 59) throw fieldError(trimmed, 'offset minute', om, '00 to 59', context);
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const leap = second === 60;
  const civil: CivilTime = { year, month, day, hour, minute, second: leap ? 59 : second, millisecond };
  const utcMs = msFromCivil(civil) - offsetMin * 60_000;
  if (leap) {
    const minuteStartMs = utcMs - 59_000 - millisecond;
    if (!minuteHasLeapSecond(minuteStartMs)) {
      throw new ZenithError(
        'TIME_FIELD',
        `second 60 is out of range in "${trimmed}": expected 00 to 59; 60 exists only in the last ` +
          'minute of a UTC day that ends with a leap second (e.g. 2016-12-31T23:59:60Z)',
        context,
      );
    }
  }
  return { utcMs, leap };
}

/**
 * ISO-8601 text → ms of UTC since 1970, keeping any sub-millisecond fraction. `Z`, `±HH:MM` or no
 * designator (read as UTC) are accepted. A leap second `23:59:60.xxx` is valid only where the
 * table has one and, having no UTC ms count of its own, gives the first instant after it (use
 * `parseIsoUtcAsTaiMs` to keep it exactly). Bad input → ZenithError TIME_FORMAT or TIME_FIELD.
 */
export function parseIsoUtc(text: string, context: ErrorContext = {}): number {
  const p = parseIso(text, context);
  return p.leap ? taiToUtcMs(utcToTaiMs(p.utcMs) + 1000) : p.utcMs;
}

/** ISO-8601 UTC text → ms of TAI since 1970, exact across leap seconds. */
export function parseIsoUtcAsTaiMs(text: string, context: ErrorContext = {}): number {
  const p = parseIso(text, context);
  return utcToTaiMs(p.utcMs) + (p.leap ? 1000 : 0);
}

function formatCivil(c: CivilTime, second: number): string {
  if (c.year < 0 || c.year > 9999) throw new RangeError(`formatIsoUtc(): year ${c.year} is outside 0000-9999`);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return (
    `${String(c.year).padStart(4, '0')}-${p2(c.month)}-${p2(c.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(second)}` +
    `.${String(c.millisecond).padStart(3, '0')}Z`
  );
}

/** ms of UTC since 1970 → `YYYY-MM-DDTHH:MM:SS.sssZ`, rounded to the nearest millisecond. */
export function formatIsoUtc(utcMs: number): string {
  if (!Number.isFinite(utcMs)) throw new RangeError(`formatIsoUtc(): ${utcMs} is not a time`);
  const c = civilFromMs(Math.round(utcMs));
  return formatCivil(c, c.second);
}

/** ms of TAI since 1970 → ISO-8601 UTC text, writing `23:59:60.sss` inside a leap second. */
export function formatTaiAsIsoUtc(taiMs: number): string {
  if (!Number.isFinite(taiMs)) throw new RangeError(`formatTaiAsIsoUtc(): ${taiMs} is not a time`);
  const t = Math.round(taiMs);
  const leapStart = leapSecondStartTaiMs(t);
  if (leapStart === undefined) return formatIsoUtc(taiToUtcMs(t));
  const c = civilFromMs(taiToUtcMs(leapStart) - 1000);
  return formatCivil({ ...c, millisecond: t - leapStart }, 60);
}
