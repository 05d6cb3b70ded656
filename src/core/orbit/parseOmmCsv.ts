// Reads OMMs in the CSV that CelesTrak and Space-Track publish: a header row of OMM keywords
// (CCSDS 502.0-B-3 §4) and one element set per row; quoted cells ("a, b") are allowed.
import type { ZenithError } from '../errors/index.ts';
import type { ElementSet } from './ElementSet.ts';
import type { ParseOptions, ParsedElements } from './ParsedElements.ts';
import { elementProblem } from './elementProblem.ts';
import { ommRecordToElementSet } from './ommRecord.ts';
import type { OmmValue } from './ommRecord.ts';

interface Cell {
  readonly text: string;
  readonly column: number;
}

interface Row {
  readonly line: number;
  readonly cells: Cell[];
}

/** Splits CSV text into rows of cells with the line and column where each starts (RFC 4180 quoting). */
export function csvRows(text: string): Row[] {
  const rows: Row[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const rowLine = line;
    const cells: Cell[] = [];
    let atRowEnd = false;
    while (!atRowEnd) {
      const column = i - lineStart + 1;
      let value = '';
      if (text.charCodeAt(i) === 34) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          const end = q < 0 ? text.length : q;
          const chunk = text.slice(i, end);
          for (let k = 0; k < chunk.length; k++) {
            if (chunk.charCodeAt(k) === 10) {
              line++;
              lineStart = i + k + 1;
            }
          }
          value += chunk;
          i = end + 1;
          if (q >= 0 && text.charCodeAt(i) === 34) {
            value += '"';
            i++;
            continue;
          }
          break;
        }
      }
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        value += text.charAt(i);
        i++;
      }
      cells.push({ text: value, column });
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
      } else {
        if (c === 13) i++;
        if (text.charCodeAt(i) === 10) i++;
        line++;
        lineStart = i;
        atRowEnd = true;
      }
    }
    if (!(cells.length === 1 && cells[0]?.text.trim() === '')) rows.push({ line: rowLine, cells });
  }
  return rows;
}

export function parseOmmCsv(text: string, options: ParseOptions = {}): ParsedElements {
  const file = options.file;
  const elements: ElementSet[] = [];
  const problems: ZenithError[] = [];
  const [header, ...rows] = csvRows(text);
  if (header === undefined) return { format: 'omm-csv', elements, problems };
  const keys = header.cells.map((c) => c.text.trim());
  for (const row of rows) {
    if (row.cells.length !== keys.length) {
      problems.push(
        elementProblem('OMM_SYNTAX', `expected ${keys.length} comma-separated values as in the header (line ${header.line}), found ${row.cells.length}`, {
          file,
          line: row.line,
          column: 1,
        }),
      );
      continue;
    }
    const fields = new Map<string, OmmValue>();
    row.cells.forEach((cell, k) => {
      const key = keys[k] ?? '';
      if (key !== '' && cell.text !== '' && !fields.has(key)) fields.set(key, { text: cell.text, line: row.line, column: cell.column });
    });
    const result = ommRecordToElementSet(fields, { file, line: row.line, format: 'omm-csv' }, options);
    problems.push(...result.problems);
    if (result.elements !== undefined) elements.push(result.elements);
  }
  return { format: 'omm-csv', elements, problems };
}
