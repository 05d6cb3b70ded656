// CSV (RFC 4180, CRLF) of what a plot shows: one row per instant, one column per series.

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
