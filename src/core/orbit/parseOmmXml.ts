// Reads OMMs in XML (CCSDS 505.0-B-2, NDM/XML): a single <omm> or an <ndm> wrapper holding many,
// in CelesTrak's and Space-Track's styles (<USER_DEFINED parameter="..."> included). Elements are
// located by line and column so that each problem points into the file.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ZenithError } from '../errors/index.ts';
import type { ElementSet } from './ElementSet.ts';
import type { ParseOptions, ParsedElements } from './ParsedElements.ts';
import { elementProblem } from './elementProblem.ts';
import { lineIndex } from './lineIndex.ts';
import type { LineColumn } from './lineIndex.ts';
import { ommRecordToElementSet } from './ommRecord.ts';
import type { OmmValue } from './ommRecord.ts';

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** A node of fast-xml-parser's ordered output: `{ tag: children, ':@': attributes }` or `{ '#text': value }`. */
interface OrderedNode {
  [key: string]: unknown;
  [key: symbol]: unknown;
}

function isNode(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function childrenOf(node: OrderedNode, tag: string): OrderedNode[] {
  const children = node[tag];
  return Array.isArray(children) ? children.filter(isNode) : [];
}

function startOf(node: OrderedNode): number | undefined {
  const meta: unknown = node[META];
  const start = isNode(meta) ? meta['startIndex'] : undefined;
  return typeof start === 'number' ? start : undefined;
}

/** The text of an element whose only children are text nodes, or undefined for an element with elements. */
function leafText(children: readonly OrderedNode[]): string | undefined {
  let text = '';
  for (const child of children) {
    const value = child['#text'];
    if (typeof value === 'string' || typeof value === 'number') text += String(value);
    else return undefined;
  }
  return text;
}

function collectOmms(nodes: readonly OrderedNode[], out: OrderedNode[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === undefined || tag === '#text') continue;
    if (tag === 'omm') out.push(node);
    else collectOmms(childrenOf(node, tag), out);
  }
}

/** Every leaf element under an <omm>, keyed by its tag; USER_DEFINED becomes USER_DEFINED_<parameter> as in KVN. */
function collectFields(nodes: readonly OrderedNode[], at: (offset: number) => LineColumn, fields: Map<string, OmmValue>): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === undefined || tag === '#text' || tag === 'COMMENT') continue;
    const children = childrenOf(node, tag);
    const text = leafText(children);
    if (text === undefined) {
      collectFields(children, at, fields);
      continue;
    }
    const attributes = node[':@'];
    const parameter = isNode(attributes) ? attributes['parameter'] : undefined;
    const key = tag === 'USER_DEFINED' && typeof parameter === 'string' ? `USER_DEFINED_${parameter}` : tag;
    const start = startOf(node);
    const place = start === undefined ? undefined : at(start);
    if (!fields.has(key)) fields.set(key, { text, line: place?.line, column: place?.column });
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

export function parseOmmXml(text: string, options: ParseOptions = {}): ParsedElements {
  const file = options.file;
  const elements: ElementSet[] = [];
  const problems: ZenithError[] = [];
  // The validator is the part of fast-xml-parser that reports where XML is not well formed; its
  // successor is a separate package, which src/core may not import.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    problems.push(elementProblem('OMM_SYNTAX', `not well-formed XML: ${valid.err.msg}`, { file, line: valid.err.line, column: valid.err.col }));
    return { format: 'omm-xml', elements, problems };
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    // The validator and the parser do not agree on every malformed input (an unclosed <?xml ...?>).
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(elementProblem('OMM_SYNTAX', `not well-formed XML: ${reason}`, { file, line: 1, column: 1 }));
    return { format: 'omm-xml', elements, problems };
  }
  const roots = Array.isArray(parsed) ? parsed.filter(isNode) : [];
  const omms: OrderedNode[] = [];
  collectOmms(roots, omms);
  const at = lineIndex(text);
  if (omms.length === 0) {
    const root = roots.map(tagOf).find((t) => t !== undefined && t !== '#text');
    problems.push(elementProblem('OMM_SYNTAX', `expected <omm> elements (an OMM, or an <ndm> holding OMMs), found <${root ?? ''}>`, { file, line: 1, column: 1 }));
    return { format: 'omm-xml', elements, problems };
  }
  omms.forEach((omm, index) => {
    const fields = new Map<string, OmmValue>();
    collectFields(childrenOf(omm, 'omm'), at, fields);
    const start = startOf(omm);
    const line = start === undefined ? undefined : at(start).line;
    const result = ommRecordToElementSet(fields, { file, line, path: `omm[${index}]`, format: 'omm-xml' }, options);
    problems.push(...result.problems);
    if (result.elements !== undefined) elements.push(result.elements);
  });
  return { format: 'omm-xml', elements, problems };
}
