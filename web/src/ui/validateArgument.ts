// Checks a command argument typed by the operator against what the mission database says of it
// (type, range, choices) before anything is sent; the command pipeline checks again.
import type { CommandArgument } from '../api/types.ts';

export type ArgumentCheck = { readonly ok: true; readonly value: string | number | boolean } | { readonly ok: false; readonly message: string };

function range(a: CommandArgument): string {
  if (a.min !== undefined && a.max !== undefined) return `${a.min} to ${a.max}`;
  if (a.min !== undefined) return `at least ${a.min}`;
  return `at most ${a.max ?? ''}`;
}

export function validateArgument(a: CommandArgument, text: string): ArgumentCheck {
  const t = text.trim();
  if (t === '') return { ok: false, message: `${a.name}: a value is needed` };
  switch (a.type) {
    case 'integer':
    case 'float': {
      const isInt = a.type === 'integer';
      if (isInt ? !/^[-+]?\d+$/.test(t) : !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) {
        return { ok: false, message: `${a.name}: expected ${isInt ? 'a whole number' : 'a number'}, found "${t}"` };
      }
      const n = Number(t);
      if ((a.min !== undefined && n < a.min) || (a.max !== undefined && n > a.max)) return { ok: false, message: `${a.name}: expected ${range(a)}${a.units === undefined ? '' : ` ${a.units}`}, found ${t}` };
      if (isInt && !Number.isSafeInteger(n)) return { ok: false, message: `${a.name}: ${t} is too large` };
      return { ok: true, value: n };
    }
    case 'enumerated':
    case 'boolean': {
      const values = a.values ?? [];
      if (!values.includes(t)) return { ok: false, message: `${a.name}: expected one of ${values.join(', ')}, found "${t}"` };
      return { ok: true, value: t };
    }
    case 'absoluteTime': {
      const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(t) || !Number.isFinite(ms)) return { ok: false, message: `${a.name}: expected a UTC time such as 2026-11-25T21:00:00Z, found "${t}"` };
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case 'binary':
      if (!/^([0-9a-fA-F]{2})+$/.test(t)) return { ok: false, message: `${a.name}: expected hexadecimal octets (pairs of 0-9, a-f), found "${t}"` };
      return { ok: true, value: t.toLowerCase() };
    default:
      return { ok: true, value: t };
  }
}
