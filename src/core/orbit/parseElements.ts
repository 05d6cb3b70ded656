// The one entry point for element files: detects the format from the content and reads every
// element set it can, reporting each problem (ZenithError with file, line, column or field).
import type { ParseOptions, ParsedElements } from './ParsedElements.ts';
import { detectElementFormat } from './detectElementFormat.ts';
import { elementProblem } from './elementProblem.ts';
import { parseOmmCsv } from './parseOmmCsv.ts';
import { parseOmmJson } from './parseOmmJson.ts';
import { parseOmmKvn } from './parseOmmKvn.ts';
import { parseOmmXml } from './parseOmmXml.ts';
import { parseTle } from './parseTle.ts';

export type { ParseOptions, ParsedElements } from './ParsedElements.ts';

function read(text: string, options: ParseOptions): ParsedElements {
  const format = detectElementFormat(text);
  switch (format) {
    case 'tle':
      return parseTle(text, options);
    case 'omm-kvn':
      return parseOmmKvn(text, options);
    case 'omm-xml':
      return parseOmmXml(text, options);
    case 'omm-json':
      return parseOmmJson(text, options);
    case 'omm-csv':
      return parseOmmCsv(text, options);
    case 'unknown': {
      const lines = text.split(/\r\n|\n|\r/);
      const index = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
      const first = (lines[index] ?? '').trim();
      return {
        format,
        elements: [],
        problems: [
          elementProblem(
            'ELEMENTS_FORMAT',
            `expected TLE/3LE lines or an OMM (KVN, XML, JSON or CSV), found '${first.length > 40 ? `${first.slice(0, 40)}...` : first}'`,
            { file: options.file, line: index + 1, column: 1 },
          ),
        ],
      };
    }
  }
}

/** Reads the element sets of `text`, whatever its format (TLE, 3LE, OMM KVN/XML/JSON/CSV). */
export function parseElements(text: string, options: ParseOptions = {}): ParsedElements {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '' || body.split(/\r\n|\n|\r/).every((l) => l.trim() === '' || l.startsWith('#'))) {
    return {
      format: 'unknown',
      elements: [],
      problems: [elementProblem('ELEMENTS_EMPTY', 'expected element sets, found an empty file', { file: options.file })],
    };
  }
  const parsed = read(body, options);
  if (parsed.elements.length === 0 && parsed.problems.length === 0) {
    parsed.problems.push(elementProblem('ELEMENTS_EMPTY', `expected element sets, found none in this ${parsed.format} file`, { file: options.file }));
  }
  return parsed;
}
