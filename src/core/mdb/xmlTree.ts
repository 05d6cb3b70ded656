// A small element tree over fast-xml-parser's ordered output, with the line of every start tag and
// its namespace URI, so that XTCE messages can say `file:line` and an element path. Each element
// carries a `consumed` mark: the reader marks what it understands, and the rest is reported.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ZenithError } from '../errors/index.ts';

export interface XmlElement {
  /** Local name, without namespace prefix. */
  readonly name: string;
  /** Namespace URI ('' when the element has none). */
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content of this element (not of its descendants), trimmed. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** Element path such as `SpaceSystem[PUS]/TelemetryMetaData/ParameterSet/Parameter[apid]`. */
  readonly path: string;
  readonly file: string;
  readonly parent: XmlElement | null;
  /** Set by the reader when it has understood this element. */
  consumed: boolean;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  captureMetaData: true,
  processEntities: true,
  htmlEntities: false,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function locate(starts: readonly number[], index: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - (starts[lo] ?? 0) + 1 };
}

/**
 * Parses an XML document. Malformed XML is bad input from the world: a ZenithError with code
 * XML_MALFORMED and the line the validator points at.
 */
export function parseXml(text: string, file: string): XmlElement {
  // The parser alone accepts unclosed tags; its bundled validator is deprecated in favour of a
  // separate package that src/core may not use, and still works in fast-xml-parser 5.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ZenithError('XML_MALFORMED', `expected well-formed XML, found: ${valid.err.msg}`, {
      file,
      line: valid.err.line,
      column: valid.err.col,
    });
  }
  const ordered = parser.parse(text) as OrderedNode[];
  const starts = lineStarts(text);
  let root: XmlElement | null = null;
  for (const node of ordered) {
    const el = build(node, null, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), starts, file);
    if (el !== null) {
      root = el;
      break;
    }
  }
  if (root === null) throw new ZenithError('XML_MALFORMED', 'expected a root element, found none', { file, line: 1 });
  return root;
}

function build(
  node: OrderedNode,
  parent: XmlElement | null,
  scope: ReadonlyMap<string, string>,
  starts: readonly number[],
  file: string,
): XmlElement | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (tag === undefined || tag === '#text' || tag.startsWith('?') || tag.startsWith('!')) return null;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  let nsScope: Map<string, string> | null = null;
  for (const [key, value] of Object.entries(rawAttrs)) {
    const v = typeof value === 'string' ? value : String(value);
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      nsScope ??= new Map(scope);
      nsScope.set(key === 'xmlns' ? '' : key.slice(6), v);
    } else {
      const colon = key.indexOf(':');
      attrs[colon >= 0 ? key.slice(colon + 1) : key] = v;
    }
  }
  const here = nsScope ?? scope;
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const name = colon >= 0 ? tag.slice(colon + 1) : tag;
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  const where = locate(starts, meta?.startIndex ?? 0);
  const label = attrs['name'] !== undefined ? `${name}[${attrs['name']}]` : name;
  const children: XmlElement[] = [];
  const texts: string[] = [];
  const el: XmlElement = {
    name,
    ns: here.get(prefix) ?? '',
    attrs,
    children,
    text: '',
    line: where.line,
    column: where.column,
    path: parent === null ? label : `${parent.path}/${label}`,
    file,
    parent,
    consumed: false,
  };
  const content = node[tag];
  if (Array.isArray(content)) {
    for (const child of content as OrderedNode[]) {
      const t = child['#text'];
      if (t !== undefined) {
        texts.push(typeof t === 'string' ? t : typeof t === 'number' || typeof t === 'boolean' ? String(t) : '');
        continue;
      }
      const c = build(child, el, here, starts, file);
      if (c !== null) children.push(c);
    }
  }
  (el as { text: string }).text = texts.join('').trim();
  return el;
}

/** Children with local name `name`, marked consumed. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.name === name) {
      c.consumed = true;
      out.push(c);
    }
  }
  return out;
}

/** The first child with local name `name` (marked consumed), or null. */
export function childNamed(el: XmlElement, name: string): XmlElement | null {
  for (const c of el.children) {
    if (c.name === name) {
      c.consumed = true;
      return c;
    }
  }
  return null;
}

/** Marks an element and its whole subtree as understood (documentation, metadata). */
export function consumeDeep(el: XmlElement): void {
  el.consumed = true;
  for (const c of el.children) consumeDeep(c);
}

/** Marks the named children (and their subtrees) as understood without reading them. */
export function consumeNamed(el: XmlElement, ...names: string[]): void {
  for (const c of el.children) if (names.includes(c.name)) consumeDeep(c);
}

/** The topmost elements of the tree that nobody consumed, in document order. */
export function unconsumed(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    if (!el.consumed) {
      out.push(el);
      return;
    }
    for (const c of el.children) walk(c);
  };
  walk(root);
  return out;
}
