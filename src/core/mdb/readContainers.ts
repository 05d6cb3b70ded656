// Reads XTCE sequence containers (XTCE 1.2 §3.4.4, CCSDS 660.0-B-2 §4.3.2.4): entry lists with
// parameter and container references, locations, include conditions and repeats, and the
// BaseContainer + RestrictionCriteria inheritance (Comparison, ComparisonList, BooleanExpression).
import { LoadContext, boolAttr, consumeMeta, numberText, sourceOf } from './LoadContext.ts';
import type { ComparisonOperator, EntryCommon, MatchCriteria, Parameter, ReferenceLocation, SequenceContainer, SequenceEntry, SpaceSystem } from './model.ts';
import { parameterRef, readIntegerValue } from './readTypes.ts';
import { childNamed, childrenNamed } from './xmlTree.ts';
import type { XmlElement } from './xmlTree.ts';

const OPERATORS: Readonly<Record<string, ComparisonOperator>> = {
  '==': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '&lt;': '<',
  '&lt;=': '<=',
  '&gt;': '>',
  '&gt;=': '>=',
};

/** Criteria that could not be read (already reported) never match: an empty disjunction. */
export const NEVER: MatchCriteria = { kind: 'or', terms: [] };

/** Resolves a container reference, reporting an unresolved one. */
export function containerRef(ctx: LoadContext, system: SpaceSystem, ref: string, el: XmlElement, attr: string): SequenceContainer | null {
  const found = ctx.resolve(system, ref, 'container');
  if (found === null) {
    ctx.problem('XTCE_UNRESOLVED_REF', `expected ${attr} to name a sequence container, found "${ref}" which does not exist`, el, attr);
    return null;
  }
  return buildContainer(ctx, found.system, found.element);
}

export function buildContainer(ctx: LoadContext, system: SpaceSystem, el: XmlElement): SequenceContainer | null {
  return ctx.build(el, () => {
    consumeMeta(el);
    const name = el.attrs['name'] ?? '';
    let base: SequenceContainer | null = null;
    let restriction: MatchCriteria | null = null;
    const baseEl = childNamed(el, 'BaseContainer');
    if (baseEl !== null) {
      const ref = baseEl.attrs['containerRef'] ?? '';
      base = containerRef(ctx, system, ref, baseEl, 'containerRef');
      const rc = childNamed(baseEl, 'RestrictionCriteria');
      if (rc !== null) restriction = readCriteria(ctx, system, rc) ?? NEVER;
    }
    const list = childNamed(el, 'EntryList');
    const entries = list === null ? [] : readSequenceEntries(ctx, system, list);
    consumeDefaultRate(el);
    return {
      name,
      qualifiedName: system.qualifiedName === '/' ? `/${name}` : `${system.qualifiedName}/${name}`,
      abstract: boolAttr(el, 'abstract', false),
      entries,
      base,
      restriction,
      source: sourceOf(el),
    };
  });
}

function consumeDefaultRate(el: XmlElement): void {
  // Expected-rate hints do not change decoding.
  const rate = childNamed(el, 'DefaultRateInStream');
  if (rate !== null) rate.consumed = true;
}

function readSequenceEntries(ctx: LoadContext, system: SpaceSystem, list: XmlElement): SequenceEntry[] {
  list.consumed = true;
  const entries: SequenceEntry[] = [];
  for (const e of list.children) {
    if (e.name === 'ParameterRefEntry' || e.name === 'ArrayParameterRefEntry') {
      e.consumed = true;
      const common = readEntryCommon(ctx, system, e);
      const p = parameterRef(ctx, system, e.attrs['parameterRef'] ?? '', e, 'parameterRef');
      if (common !== null && p !== null) entries.push({ ...common, kind: 'parameter', parameter: p.parameter });
    } else if (e.name === 'ContainerRefEntry') {
      e.consumed = true;
      const common = readEntryCommon(ctx, system, e);
      const c = containerRef(ctx, system, e.attrs['containerRef'] ?? '', e, 'containerRef');
      if (common !== null && c !== null) entries.push({ ...common, kind: 'container', container: c });
    }
    // Other entry kinds (segments, streams, indirect references) stay unconsumed: reported.
  }
  return entries;
}

/** Location, include condition and repeat of an entry; null (reported) when they cannot be read. */
export function readEntryCommon(ctx: LoadContext, system: SpaceSystem, e: XmlElement): EntryCommon | null {
  let location: EntryCommon['location'] = null;
  const loc = childNamed(e, 'LocationInContainerInBits');
  if (loc !== null) {
    const text = loc.attrs['referenceLocation'] ?? 'previousEntry';
    if (text !== 'previousEntry' && text !== 'containerStart' && text !== 'containerEnd') {
      ctx.problem('XTCE_BAD_VALUE', `expected referenceLocation previousEntry, containerStart or containerEnd, found "${text}"`, loc, 'referenceLocation');
      return null;
    }
    const reference: ReferenceLocation = text;
    const fixed = childNamed(loc, 'FixedValue');
    if (fixed === null) {
      // A dynamic location stays unconsumed: reported as unsupported, and the entry is left out.
      loc.consumed = false;
      return null;
    }
    location = { reference, bits: numberText(ctx, fixed, 0) };
  }
  let include: MatchCriteria | null = null;
  const inc = childNamed(e, 'IncludeCondition');
  if (inc !== null) include = readCriteria(ctx, system, inc) ?? NEVER;
  let repeat: EntryCommon['repeat'] = null;
  const rep = childNamed(e, 'RepeatEntry');
  if (rep !== null) {
    const count = childNamed(rep, 'Count');
    if (count === null) {
      ctx.problem('XTCE_MISSING_ELEMENT', 'expected Count in RepeatEntry, found none', rep);
      return null;
    }
    repeat = readIntegerValue(ctx, system, count);
    const offset = childNamed(rep, 'Offset');
    if (offset !== null) offset.consumed = false; // a gap between repeats is not supported yet: reported
  }
  return { location, include, repeat, source: sourceOf(e) };
}

/** A RestrictionCriteria / IncludeCondition / MatchCriteria element: null (reported) when unreadable. */
export function readCriteria(ctx: LoadContext, system: SpaceSystem, el: XmlElement): MatchCriteria | null {
  el.consumed = true;
  const terms: MatchCriteria[] = [];
  for (const c of el.children) {
    if (c.name === 'Comparison') {
      c.consumed = true;
      const t = readComparison(ctx, system, c);
      if (t === null) return null;
      terms.push(t);
    } else if (c.name === 'ComparisonList') {
      c.consumed = true;
      const list = childrenNamed(c, 'Comparison').map((x) => readComparison(ctx, system, x));
      if (list.some((x) => x === null)) return null;
      terms.push({ kind: 'and', terms: list as MatchCriteria[] });
    } else if (c.name === 'BooleanExpression') {
      c.consumed = true;
      const t = readBoolean(ctx, system, c);
      if (t === null) return null;
      terms.push(t);
    }
    // CustomAlgorithm, NextContainer: unconsumed, reported as unsupported.
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? (terms[0] ?? null) : { kind: 'and', terms };
}

function readComparison(ctx: LoadContext, system: SpaceSystem, c: XmlElement): MatchCriteria | null {
  const ref = c.attrs['parameterRef'];
  if (ref === undefined) {
    ctx.problem('XTCE_MISSING_ATTRIBUTE', 'expected attribute parameterRef on Comparison, found none', c, 'parameterRef');
    return null;
  }
  const p = parameterRef(ctx, system, ref, c, 'parameterRef');
  if (p === null) return null;
  const opText = c.attrs['comparisonOperator'] ?? '==';
  const operator = OPERATORS[opText];
  if (operator === undefined) {
    ctx.problem('XTCE_BAD_VALUE', `expected comparisonOperator ==, !=, <, <=, > or >=, found "${opText}"`, c, 'comparisonOperator');
    return null;
  }
  const value = c.attrs['value'];
  if (value === undefined) {
    ctx.problem('XTCE_MISSING_ATTRIBUTE', 'expected attribute value on Comparison, found none', c, 'value');
    return null;
  }
  return comparison(p, operator, value, boolAttr(c, 'useCalibratedValue', true));
}

function readBoolean(ctx: LoadContext, system: SpaceSystem, el: XmlElement): MatchCriteria | null {
  const terms: MatchCriteria[] = [];
  for (const c of el.children) {
    let t: MatchCriteria | null = null;
    if (c.name === 'Condition') t = readCondition(ctx, system, c);
    else if (c.name === 'ANDedConditions' || c.name === 'ORedConditions') {
      c.consumed = true;
      const inner = readBoolean(ctx, system, c);
      if (inner === null) return null;
      t = c.name === 'ORedConditions' && inner.kind === 'and' ? { kind: 'or', terms: inner.terms } : inner;
    } else continue;
    if (t === null) return null;
    terms.push(t);
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? (terms[0] ?? null) : { kind: 'and', terms };
}

function readCondition(ctx: LoadContext, system: SpaceSystem, c: XmlElement): MatchCriteria | null {
  c.consumed = true;
  const refs = c.children.filter((x) => x.name === 'ParameterInstanceRef');
  const op = childNamed(c, 'ComparisonOperator');
  const value = childNamed(c, 'Value');
  const first = refs[0];
  if (first === undefined || op === null || value === null || refs.length !== 1) {
    // Parameter-to-parameter conditions are not supported yet: left unconsumed and reported.
    c.consumed = false;
    return null;
  }
  first.consumed = true;
  const p = parameterRef(ctx, system, first.attrs['parameterRef'] ?? '', first, 'parameterRef');
  const operator = OPERATORS[op.text];
  if (p === null) return null;
  if (operator === undefined) {
    ctx.problem('XTCE_BAD_VALUE', `expected a comparison operator, found "${op.text}"`, op);
    return null;
  }
  return comparison(p, operator, value.text, boolAttr(first, 'useCalibratedValue', true));
}

function comparison(
  p: { parameter: Parameter; memberPath: readonly string[] },
  operator: ComparisonOperator,
  value: string,
  useCalibratedValue: boolean,
): MatchCriteria {
  return { kind: 'comparison', parameter: p.parameter, memberPath: p.memberPath, operator, value, useCalibratedValue };
}
