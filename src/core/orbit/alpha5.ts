// Alpha-5 catalog numbers: the 5-character TLE field extended past 99999 by a leading letter
// (A = 10 ... Z = 33, skipping I and O), so `T0000` is 270000 and `Z9999` the last, 339999.

/** 'A'..'Z' char code - 65 -> value of the leading digit, -1 for I, O and non-letters. */
const LETTER_VALUE: readonly number[] = (() => {
  const values: number[] = [];
  let next = 10;
  for (let c = 0; c < 26; c++) {
    const letter = String.fromCharCode(65 + c);
    values.push(letter === 'I' || letter === 'O' ? -1 : next++);
  }
  return values;
})();

const VALUE_LETTER: readonly string[] = (() => {
  const letters: string[] = [];
  LETTER_VALUE.forEach((v, c) => {
    if (v >= 0) letters[v] = String.fromCharCode(65 + c);
  });
  return letters;
})();

/** The largest catalog number an Alpha-5 field holds (`Z9999`). */
export const ALPHA5_MAX = 339_999;

/**
 * The catalog number in a TLE field of up to five characters, blank-padded or zero-padded
 * (`'    5'`, `'00005'`, `'T0000'`), or -1 when the field is not such a number. For hot paths.
 */
export function tryAlpha5ToNumber(field: string): number {
  let start = 0;
  let end = field.length;
  while (start < end && field.charCodeAt(start) === 32) start++;
  while (end > start && field.charCodeAt(end - 1) === 32) end--;
  if (end === start || field.length > 5) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = field.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
    } else if (i === start && end - start === 5 && c >= 65 && c <= 90) {
      const lead = LETTER_VALUE[c - 65] ?? -1;
      if (lead < 0) return -1;
      value = lead;
    } else {
      return -1;
    }
  }
  return value;
}

/** `'T0000'` -> 270000, `'25544'` -> 25544; RangeError when `field` is not an Alpha-5 number. */
export function alpha5ToNumber(field: string): number {
  const value = tryAlpha5ToNumber(field);
  if (value < 0) {
    throw new RangeError(`expected an Alpha-5 catalog number (5 digits, or a letter other than I and O and 4 digits), found '${field}'`);
  }
  return value;
}

/** 25544 -> `'25544'`, 5 -> `'00005'`, 270000 -> `'T0000'`; RangeError past 339999. */
export function numberToAlpha5(id: number): string {
  if (!Number.isInteger(id) || id < 0 || id > ALPHA5_MAX) {
    throw new RangeError(`catalog id ${id} does not fit an Alpha-5 field (0 .. ${ALPHA5_MAX})`);
  }
  if (id < 100_000) return String(id).padStart(5, '0');
  const lead = Math.floor(id / 10_000);
  return `${VALUE_LETTER[lead] ?? '?'}${String(id % 10_000).padStart(4, '0')}`;
}
