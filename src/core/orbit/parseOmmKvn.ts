// Reads OMMs in the keyword = value notation (KVN) of CCSDS 502.0-B-3 §7: one keyword per line,
// optional units in [brackets], COMMENT lines, blank lines; each message starts at CCSDS_OMM_VERS,
// so several OMMs may follow one another in one file.
import type { ZenithError } from '../errors/index.ts';
import type { ElementSet } from './ElementSet.ts';
import type { ParseOptions, ParsedElements } from './ParsedElements.ts';
import { elementProblem } from './elementProblem.ts';
import { ommRecordToElementSet } from './ommRecord.ts';
import type { OmmValue } from './ommRecord.ts';

const KEYWORD = /^[A-Za-z][A-Za-z0-9_]*$/;

export function parseOmmKvn(text: string, options: ParseOptions = {}): ParsedElements {
  const file = options.file;
  const elements: ElementSet[] = [];
  const problems: ZenithError[] = [];
  let fields = new Map<string, OmmValue>();
  let startLine = 0;
  let tainted = false;

  const flush = (): void => {
    if (fields.size > 0) {
      const result = ommRecordToElementSet(fields, { file, line: startLine, format: 'omm-kvn' }, options);
      problems.push(...result.problems);
      if (result.elements !== undefined && !tainted) elements.push(result.elements);
    }
    fields = new Map();
    tainted = false;
  };

  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const trimmed = line.trim();
    if (trimmed === '' || /^COMMENT(?:\s|=|$)/.test(trimmed)) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!KEYWORD.test(key)) {
      problems.push(
        elementProblem('OMM_SYNTAX', `expected KEYWORD = value, found '${trimmed.length > 40 ? `${trimmed.slice(0, 40)}...` : trimmed}'`, {
          file,
          line: lineNo,
          column: line.length - line.trimStart().length + 1,
        }),
      );
      tainted = true;
      return;
    }
    if (key === 'CCSDS_OMM_VERS') flush();
    if (fields.size === 0) startLine = lineNo;
    const rest = line.slice(eq + 1);
    const column = eq + 2 + (rest.length - rest.trimStart().length);
    // Units in square brackets follow the value (`MEAN_MOTION = 15.5 [rev/day]`); they are not part of it.
    const value = rest.replace(/\s*\[[^\]]*\]\s*$/, '').trim();
    const earlier = fields.get(key);
    if (earlier !== undefined) {
      problems.push(
        elementProblem('OMM_SYNTAX', `${key} appears twice in one OMM (lines ${earlier.line ?? '?'} and ${lineNo}); each OMM starts with CCSDS_OMM_VERS`, {
          file,
          line: lineNo,
          column: line.indexOf(key) + 1,
          field: key,
        }),
      );
      tainted = true;
      return;
    }
    fields.set(key, { text: value, line: lineNo, column });
  });
  flush();
  return { format: 'omm-kvn', elements, problems };
}
