// Strict reading of numbers written as text in element files. `Number()` accepts '', ' ', '0x1F'
// and 'Infinity'; element files mean none of these, so each is refused here instead of read as 0.

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** A decimal number such as `-.22483E-4` or `15.5`, or undefined. Never -0. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? 0 : value;
}

/** An integer written with digits only (an optional sign), or undefined. */
export function parseInteger(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return undefined;
  return value === 0 ? 0 : value;
}
