// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field quoted
// (with its quotes doubled) when it holds a comma, a quote, CR or LF. Exports of the archive use it.

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when RFC 4180 §2 (rules 5-7) asks for it. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF line break (RFC 4180 §2 rule 1). */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
