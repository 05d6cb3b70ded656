// Reads OMMs in the JSON that CelesTrak and Space-Track publish: an array of flat objects keyed by
// the OMM keywords (CCSDS 502.0-B-3 §4), numbers written as numbers or as strings, null for none.
import type { ZenithError } from '../errors/index.ts';
import type { ElementSet } from './ElementSet.ts';
import type { ParseOptions, ParsedElements } from './ParsedElements.ts';
import { elementProblem } from './elementProblem.ts';
import { jsonErrorOffset, jsonLocations } from './jsonLocations.ts';
import { lineIndex } from './lineIndex.ts';
import { ommRecordToElementSet } from './ommRecord.ts';
import type { OmmValue } from './ommRecord.ts';

function syntaxProblem(text: string, error: unknown, file: string | undefined): ZenithError {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonErrorOffset(text);
  const place = lineIndex(text)(Math.max(0, offset));
  return elementProblem('OMM_SYNTAX', `not valid JSON: ${message}`, { file, ...place });
}

export function parseOmmJson(text: string, options: ParseOptions = {}): ParsedElements {
  const file = options.file;
  const elements: ElementSet[] = [];
  const problems: ZenithError[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(syntaxProblem(text, error, file));
    return { format: 'omm-json', elements, problems };
  }
  const records: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const places = jsonLocations(text);
  let objects = 0;
  records.forEach((record, index) => {
    // jsonLocations lists objects only, so a stray non-object record must not shift the places.
    const place = typeof record === 'object' && record !== null && !Array.isArray(record) ? places[objects++] : undefined;
    const path = Array.isArray(parsed) ? `[${index}]` : '';
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.push(elementProblem('OMM_SYNTAX', `expected an object of OMM keywords, found ${JSON.stringify(record)}`, { file, path, line: place?.line }));
      return;
    }
    const fields = new Map<string, OmmValue>();
    for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
      if (typeof value !== 'string' && typeof value !== 'number') continue; // null is "not given"
      const at = place?.keys.get(key);
      fields.set(key, { text: String(value), line: at?.line, column: at?.column });
    }
    const result = ommRecordToElementSet(fields, { file, line: place?.line, path, format: 'omm-json' }, options);
    problems.push(...result.problems);
    if (result.elements !== undefined) elements.push(result.elements);
  });
  return { format: 'omm-json', elements, problems };
}
