// CSV (RFC 4180, CRLF) of what a view shows: a plot (one row per instant, one column per series)
// or a table (its columns as shown).

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV: a header row, then one row per item. */
export function tableCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const line = (cells: readonly (string | number | boolean | null | undefined)[]): string => cells.map((c) => cell(c === null || c === undefined ? '' : String(c))).join(',');
  return `${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** `xs` in unix seconds; each series aligned with `xs` (null: no value at that instant). */
export function plotCsv(names: readonly string[], xs: readonly number[], series: readonly (readonly (number | null | undefined)[])[], fromS: number, toS: number): string {
  const lines = [['time', ...names].map(cell).join(',')];
  xs.forEach((x, i) => {
    if (x < fromS || x > toS) return;
    const values = series.map((s) => {
      const v = s[i];
      return v === null || v === undefined ? '' : String(v);
    });
    if (values.every((v) => v === '')) return;
    lines.push([new Date(x * 1000).toISOString(), ...values].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
