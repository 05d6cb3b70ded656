// Tells the element format of a file from its content, not its name: catalogs serve TLE, 3LE and
// the four OMM encodings under arbitrary names (`gp.php?FORMAT=...`), and users rename files.
import type { ElementFormat } from './ElementSet.ts';

const OMM_KEYWORD = /\b(?:NORAD_CAT_ID|MEAN_MOTION|EPOCH|OBJECT_NAME|ECCENTRICITY)\b/;

/** The format of `text`, or 'unknown'. Looks only at the first few significant lines. */
export function detectElementFormat(text: string): ElementFormat | 'unknown' {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const head = text.slice(start, start + 4096).trimStart();
  const first = head.charAt(0);
  if (first === '<') return 'omm-xml';
  if (first === '[' || first === '{') return 'omm-json';
  const lines = head
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .slice(0, 4);
  const firstLine = lines[0] ?? '';
  // Other CCSDS messages (OPM, OEM, CDM...) share the KVN syntax but carry no mean elements.
  const version = /^\s*CCSDS_([A-Z]+)_VERS\s*=/.exec(firstLine);
  if (version !== null) return version[1] === 'OMM' ? 'omm-kvn' : 'unknown';
  // A TLE record has its line 1 within its first two lines (after an optional name line).
  if (lines.slice(0, 2).some((l) => l.startsWith('1 ')) && lines.some((l) => l.startsWith('2 '))) return 'tle';
  if (lines.some((l) => /^\s*[A-Z][A-Z0-9_]*\s*=/.test(l) && OMM_KEYWORD.test(l))) {
    return 'omm-kvn';
  }
  if (firstLine.includes(',') && OMM_KEYWORD.test(firstLine)) return 'omm-csv';
  if (lines.slice(0, 2).some((l) => l.startsWith('1 ') || l.startsWith('2 '))) return 'tle';
  return 'unknown';
}
